using System.Text.RegularExpressions;
using GrantsCommissioning.Core.Domain;

namespace GrantsCommissioning.Core.Features.Funds;

/// <summary>One partner's allocation as read from the table.</summary>
internal sealed record AllocationRow(int Row, string Partner, Money Amount);

/// <summary>A table as published: the year (from the allocation column's heading), each partner's line, and the reserve.</summary>
internal sealed record ParsedAllocation(FinancialYear Year, IReadOnlyList<AllocationRow> Lines, Money Reserve, string PartnerHeading)
{
    public Money Allocated => Money.Sum(Lines.Select(l => l.Amount));
}

/// <summary>
/// Reads a published allocation table such as seed 002's: a partner (or district) column and an allocation column whose
/// heading names the year ("2013/14 Allocation £"); a "Total" row, a "Contribution from Reserves" row and a "Total to
/// Allocate" row are checked, not allocated. Every problem names its row and column.
/// </summary>
internal static partial class AllocationTableParser
{
    private static readonly string[] PartnerHeadings = ["Partner", "District", "Partnership", "Organisation"];

    public static (ParsedAllocation? Table, List<string> Errors) Parse(List<List<string>> records)
    {
        var rows = records.Select((cells, i) => (Row: i + 1, Cells: cells.Select(c => c.Trim()).ToList()))
            .Where(r => r.Cells.Any(c => c.Length > 0)).ToList();
        if (rows.Count == 0)
        {
            return (null, ["The file is empty: it needs a heading row with a Partner (or District) column and an allocation column such as '2013/14 Allocation £'."]);
        }
        var (headRow, headings) = rows[0];
        var partnerColumn = headings.FindIndex(h => PartnerHeadings.Any(p => string.Equals(h, p, StringComparison.OrdinalIgnoreCase)));
        var amountColumn = headings.FindIndex(h => h.Contains("Allocation", StringComparison.OrdinalIgnoreCase));
        if (partnerColumn < 0 || amountColumn < 0)
        {
            return (null, [$"Row {headRow}: the heading row needs a 'Partner' (or 'District') column and an allocation column such as '2013/14 Allocation £'."]);
        }
        var partnerHeading = headings[partnerColumn];
        var amountHeading = headings[amountColumn];
        var yearText = YearPattern().Match(amountHeading);
        if (!yearText.Success || !FinancialYear.TryParse(yearText.Value, out var year))
        {
            return (null, [$"Row {headRow}, column '{amountHeading}': the heading must name the financial year, such as '2013/14 Allocation £'."]);
        }

        var errors = new List<string>();
        var lines = new List<AllocationRow>();
        Money? reserve = null;
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (row, cells) in rows.Skip(1))
        {
            var partner = partnerColumn < cells.Count ? cells[partnerColumn] : "";
            var text = amountColumn < cells.Count ? cells[amountColumn] : "";
            if (partner.Length == 0)
            {
                errors.Add($"Row {row}, column '{partnerHeading}': enter the partner the allocation goes to.");
                continue;
            }
            if (!Money.TryParse(text, out var amount) || amount.Pence <= 0)
            {
                errors.Add($"Row {row}, column '{amountHeading}': '{text}' is not an amount in pounds such as 2497583.");
                continue;
            }
            var sum = Money.Sum(lines.Select(l => l.Amount));
            switch (Kind(partner))
            {
                case RowKind.Total when amount != sum:
                    errors.Add($"Row {row}, column '{amountHeading}': the total {amount} is not the {sum} the partners' allocations above add up to.");
                    break;
                case RowKind.Total:
                    break;
                case RowKind.Reserve when reserve is not null:
                    errors.Add($"Row {row}, column '{partnerHeading}': the table has more than one reserve row.");
                    break;
                case RowKind.Reserve:
                    reserve = amount;
                    break;
                case RowKind.TotalToAllocate when amount != sum + (reserve ?? Money.Zero):
                    errors.Add($"Row {row}, column '{amountHeading}': the total to allocate {amount} is not the {sum + (reserve ?? Money.Zero)} of the allocations and reserve above.");
                    break;
                case RowKind.TotalToAllocate:
                    break;
                case RowKind.Partner when !seen.Add(partner):
                    errors.Add($"Row {row}, column '{partnerHeading}': {partner} is allocated twice.");
                    break;
                case RowKind.Partner:
                    lines.Add(new AllocationRow(row, partner, amount));
                    break;
            }
        }
        if (lines.Count == 0 && errors.Count == 0)
        {
            errors.Add("The file has a heading row but no partners' allocations.");
        }
        return errors.Count > 0 ? (null, errors) : (new ParsedAllocation(year, lines, reserve ?? Money.Zero, partnerHeading), errors);
    }

    private enum RowKind { Partner, Total, Reserve, TotalToAllocate }

    private static RowKind Kind(string label) => label.ToUpperInvariant() switch
    {
        "TOTAL" => RowKind.Total,
        var l when l.StartsWith("TOTAL TO ALLOCATE", StringComparison.Ordinal) => RowKind.TotalToAllocate,
        var l when l.Contains("RESERVE", StringComparison.Ordinal) => RowKind.Reserve,
        _ => RowKind.Partner,
    };

    [GeneratedRegex(@"\d{4}\s*[/-]\s*\d{2}")]
    private static partial Regex YearPattern();
}
