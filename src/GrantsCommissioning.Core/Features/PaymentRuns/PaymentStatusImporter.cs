using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using GrantsCommissioning.Core.Data;
using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Core.Features.Audit;
using GrantsCommissioning.Core.Features.Panel;
using GrantsCommissioning.Core.Features.Payments;
using GrantsCommissioning.Core.Workflow;
using Microsoft.EntityFrameworkCore;

namespace GrantsCommissioning.Core.Features.PaymentRuns;

/// <summary>
/// Takes the finance system's payment-status CSV (payment reference, finance reference, amount, paid date): a file with
/// a bad row names the row and column and changes nothing; a file taken before is refused; each matching row records
/// its payment as paid (through the payment's workflow, keyed by the file and payment, so a crash and a second go pay
/// nothing twice); what does not match (unknown reference, amount differs, paid twice, never exported) is kept for the
/// reconciliation view.
/// </summary>
public sealed class PaymentStatusImporter(IDbContextFactory<GrantsDbContext> factory, ICaseWorkflow workflow, AuditTrail audit, TimeProvider clock)
{
    public const string ImportedAction = "Payment.StatusImported";
    private static readonly string[] Columns = ["Payment reference", "Finance reference", "Amount (GBP)", "Paid date"];

    private sealed record Line(int Row, string PaymentReference, string FinanceReference, Money Amount, DateOnly PaidOn);

    public async Task<FeatureResult<ImportOutcome>> ImportAsync(string fileName, byte[] content, Actor actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(actor);
        if (!actor.IsInRole(Roles.Finance))
        {
            return FeatureResult<ImportOutcome>.Fail(new RoleNeeded("the finance team", "import payment status"));
        }
        var (lines, errors) = Parse(Encoding.UTF8.GetString(content).TrimStart('\uFEFF'), UkTime.ToUkDate(clock.GetUtcNow()));
        if (errors.Count > 0)
        {
            return FeatureResult<ImportOutcome>.Fail(new ImportRowsRefused(errors));
        }
        var sha = Convert.ToHexStringLower(SHA256.HashData(content));
        Dictionary<string, PaymentFacts> payments;
        await using (var db = await factory.CreateDbContextAsync(ct))
        {
            if (await db.Set<StatusImport>().AsNoTracking().FirstOrDefaultAsync(i => i.Sha256 == sha, ct) is { } earlier)
            {
                return FeatureResult<ImportOutcome>.Fail(new ImportAlreadyTaken(earlier.FileName, earlier.ImportedAt));
            }
            var references = lines.Select(l => l.PaymentReference).Distinct().ToList();
            payments = await db.Payments.Where(p => references.Contains(p.PaymentReference))
                .Select(p => new PaymentFacts(p.Id, p.PaymentReference, p.State, p.AmountPence, p.AuthorisedByUserId, p.PaidOn, p.FinanceReference,
                    db.Set<PaymentRunItem>().Any(i => i.PaymentId == p.Id && db.Set<PaymentRun>().Any(r => r.Id == i.RunId && r.State == PaymentRunWorkflow.Exported))))
                .ToDictionaryAsync(p => p.Reference, ct);
        }
        if (payments.Values.FirstOrDefault(p => p.AuthorisedBy == actor.UserId && p.State == PaymentStates.Authorised) is { } own)
        {
            return FeatureResult<ImportOutcome>.Fail(new SecondPersonNeeded("import this file", $"you authorised {own.Reference}"));
        }
        var mismatches = new List<ReconciliationItem>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var paid = 0;
        foreach (var line in lines)
        {
            var issue = await RecordAsync(line, payments.GetValueOrDefault(line.PaymentReference), seen, sha, actor, ct);
            if (issue is null)
            {
                paid++;
            }
            else
            {
                mismatches.Add(new ReconciliationItem
                {
                    Row = line.Row, PaymentReference = line.PaymentReference, FinanceReference = line.FinanceReference, AmountPence = line.Amount.Pence,
                    PaidOn = line.PaidOn, Issue = issue.Value.Issue, Detail = issue.Value.Detail,
                });
            }
        }
        await using (var db = await factory.CreateDbContextAsync(ct))
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var import = new StatusImport { FileName = Path.GetFileName(fileName), Sha256 = sha, ImportedAt = clock.GetUtcNow(), ImportedByName = actor.DisplayName, Rows = lines.Count, Paid = paid };
            import.Mismatches.AddRange(mismatches);
            db.Add(import);
            await db.SaveChangesAsync(ct);
            await audit.AppendAsync(db, actor, ImportedAction, nameof(StatusImport), import.Id.ToString(CultureInfo.InvariantCulture), null,
                new { file = import.FileName, sha, rows = lines.Count, paid, mismatches = mismatches.Count }, ct);
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        }
        return FeatureResult<ImportOutcome>.Ok(new ImportOutcome(lines.Count, paid, mismatches.Count));
    }

    public async Task<IReadOnlyList<MismatchRow>> MismatchesAsync(CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var rows = await (from m in db.Set<ReconciliationItem>()
                          join i in db.Set<StatusImport>() on m.ImportId equals i.Id
                          select new { m, i.FileName, i.ImportedAt }).ToListAsync(ct);
        return rows.OrderByDescending(r => r.ImportedAt).ThenBy(r => r.m.Row)
            .Select(r => new MismatchRow(r.m.Id, r.FileName, r.ImportedAt, r.m.Row, r.m.PaymentReference, r.m.FinanceReference, new Money(r.m.AmountPence),
                r.m.PaidOn, r.m.Issue, r.m.Detail)).ToList();
    }

    private sealed record PaymentFacts(int Id, string Reference, string State, long AmountPence, string? AuthorisedBy, DateOnly? PaidOn, string? FinanceReference, bool Exported);

    private async Task<(ReconciliationIssue Issue, string Detail)?> RecordAsync(Line line, PaymentFacts? p, HashSet<string> seen, string sha, Actor actor, CancellationToken ct)
    {
        if (p is null)
        {
            return (ReconciliationIssue.UnknownReference, $"No payment has the reference {line.PaymentReference}.");
        }
        if (!seen.Add(line.PaymentReference))
        {
            return (ReconciliationIssue.PaidTwice, $"{line.PaymentReference} appears more than once in this file.");
        }
        var sameAsBefore = p.State == PaymentStates.Paid && p.PaidOn == line.PaidOn && p.FinanceReference == line.FinanceReference;
        if (p.State == PaymentStates.Paid && !sameAsBefore)
        {
            return (ReconciliationIssue.PaidTwice, $"Already recorded as paid on {p.PaidOn:yyyy-MM-dd} with finance reference {p.FinanceReference}.");
        }
        if (!p.Exported)
        {
            return (ReconciliationIssue.NotExported, $"{line.PaymentReference} was never exported in an authorised payment run.");
        }
        if (p.AmountPence != line.Amount.Pence)
        {
            return (ReconciliationIssue.AmountDiffers, $"Paid {line.Amount}; the run exported {new Money(p.AmountPence)}.");
        }
        if (sameAsBefore)
        {
            return null;
        }
        var result = await workflow.FireAsync(new TransitionRequest(new CaseRef(CaseKind.Payment, p.Id), PaymentTriggers.Pay, actor, $"status:{sha[..24]}:{p.Id}")
        {
            Comment = line.FinanceReference, Payload = new PaymentMade(line.PaidOn, line.FinanceReference),
        }, ct);
        return result.Succeeded ? null : (ReconciliationIssue.NotExported, result.Message ?? "The payment could not be recorded as paid.");
    }

    private static (List<Line> Lines, List<string> Errors) Parse(string text, DateOnly today)
    {
        var records = CsvText.Read(text).Where(r => r.Any(f => !string.IsNullOrWhiteSpace(f))).ToList();
        var errors = new List<string>();
        var lines = new List<Line>();
        if (records.Count == 0)
        {
            return (lines, ["The file is empty: it needs a heading row with " + string.Join(", ", Columns) + "."]);
        }
        var headings = records[0].Select(h => h.Trim()).ToList();
        var index = Columns.ToDictionary(c => c, c => headings.FindIndex(h => string.Equals(h, c, StringComparison.OrdinalIgnoreCase)));
        var missing = index.Where(x => x.Value < 0).Select(x => $"'{x.Key}'").ToList();
        if (missing.Count > 0)
        {
            return (lines, [$"Row 1: the heading row has no column {string.Join(", ", missing)}."]);
        }
        for (var r = 1; r < records.Count; r++)
        {
            var row = r + 1;
            string Field(string column) => index[column] < records[r].Count ? records[r][index[column]].Trim() : "";
            var reference = Field(Columns[0]);
            var finance = Field(Columns[1]);
            var before = errors.Count;
            if (reference.Length is 0 or > 60)
            {
                errors.Add($"Row {row}, column '{Columns[0]}': enter the payment reference.");
            }
            if (finance.Length is 0 or > 40)
            {
                errors.Add($"Row {row}, column '{Columns[1]}': enter the finance system reference (up to 40 characters).");
            }
            if (!Money.TryParse(Field(Columns[2]), out var amount) || amount.Pence <= 0)
            {
                errors.Add($"Row {row}, column '{Columns[2]}': '{Field(Columns[2])}' is not an amount in pounds such as 1250.00.");
            }
            var dateText = Field(Columns[3]);
            if (!DateOnly.TryParseExact(dateText, ["yyyy-MM-dd", "dd/MM/yyyy"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var paidOn))
            {
                errors.Add($"Row {row}, column '{Columns[3]}': '{dateText}' is not a date (use YYYY-MM-DD).");
            }
            else if (paidOn > today)
            {
                errors.Add($"Row {row}, column '{Columns[3]}': {dateText} is in the future.");
            }
            if (errors.Count == before)
            {
                lines.Add(new Line(row, reference, finance, amount, paidOn));
            }
        }
        if (records.Count == 1)
        {
            errors.Add("The file has a heading row but no payments.");
        }
        return (lines, errors);
    }
}
