using System.Globalization;
using GrantsCommissioning.Core.Domain;

namespace GrantsCommissioning.Core.Features.Monitoring;

/// <summary>The change-request form as posted (text), turned into a typed <see cref="ChangeRequestInput"/> or field errors.</summary>
public sealed class ChangeRequestFormInput
{
    public string? Kind { get; set; }
    public string? Reason { get; set; }
    public string? NewEndDate { get; set; }
    public string? FromCostLineId { get; set; }
    public string? ToCostLineId { get; set; }
    public string? Amount { get; set; }

    public (ChangeRequestInput? Input, Dictionary<string, string> Errors) Parse()
    {
        var errors = new Dictionary<string, string>();
        if (!Enum.TryParse<ChangeRequestKind>(Kind, out var kind) || !Enum.IsDefined(kind))
        {
            errors[nameof(Kind)] = "Choose the kind of change.";
            return (null, errors);
        }
        DateOnly? end = null;
        if (kind == ChangeRequestKind.EndDateExtension && !string.IsNullOrWhiteSpace(NewEndDate))
        {
            if (DateOnly.TryParseExact(NewEndDate.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
            {
                end = d;
            }
            else
            {
                errors[nameof(NewEndDate)] = "Enter the new end date as a real date, like 31 March 2027.";
            }
        }
        Money? amount = null;
        if (kind == ChangeRequestKind.BudgetVirement && !string.IsNullOrWhiteSpace(Amount))
        {
            if (Money.TryParse(Amount, out var m))
            {
                amount = m;
            }
            else
            {
                errors[nameof(Amount)] = "Enter the amount in pounds, like 250 or 1,250.00.";
            }
        }
        return errors.Count > 0 ? (null, errors) : (new ChangeRequestInput(kind, Reason ?? "", end, Id(FromCostLineId), Id(ToCostLineId), amount), errors);
    }

    private static int? Id(string? text) => int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;
}
