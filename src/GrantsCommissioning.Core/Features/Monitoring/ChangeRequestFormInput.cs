using System.Globalization;
using FluentValidation;
using GrantsCommissioning.Core.Domain;

namespace GrantsCommissioning.Core.Features.Monitoring;

/// <summary>The change-request form as posted (text); <see cref="ChangeRequestFormInputValidator"/> checks it and <see cref="ToInput"/> reads it.</summary>
public sealed class ChangeRequestFormInput
{
    public string? Kind { get; set; }
    public string? Reason { get; set; }
    public string? NewEndDate { get; set; }
    public string? FromCostLineId { get; set; }
    public string? ToCostLineId { get; set; }
    public string? Amount { get; set; }
    public string? NewPurpose { get; set; }
    public string? IndicatorId { get; set; }
    public string? NewTarget { get; set; }
    public string? ContactName { get; set; }
    public string? ContactEmail { get; set; }

    /// <summary>The typed request (call once the form is valid).</summary>
    public ChangeRequestInput ToInput()
    {
        var kind = KindOf(Kind) ?? throw new InvalidOperationException("Validate the change-request form first.");
        return new ChangeRequestInput(kind, Reason ?? "", kind == ChangeRequestKind.EndDateExtension ? Date(NewEndDate) : null, Id(FromCostLineId), Id(ToCostLineId),
            kind == ChangeRequestKind.BudgetVirement && Money.TryParse(Amount, out var m) ? m : null)
        {
            NewPurpose = kind == ChangeRequestKind.ScopeChange && !string.IsNullOrWhiteSpace(NewPurpose) ? NewPurpose.Trim() : null,
            IndicatorId = kind == ChangeRequestKind.ScopeChange ? Id(IndicatorId) : null,
            NewTarget = kind == ChangeRequestKind.ScopeChange ? Number(NewTarget) : null,
            ContactName = kind == ChangeRequestKind.LeadContactChange ? ContactName?.Trim() : null,
            ContactEmail = kind == ChangeRequestKind.LeadContactChange ? ContactEmail?.Trim() : null,
        };
    }

    internal static double? Number(string? text) =>
        double.TryParse(text?.Trim().Replace(",", "", StringComparison.Ordinal), NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n)
        && double.IsFinite(n) ? n : null;

    internal static ChangeRequestKind? KindOf(string? text) =>
        Enum.TryParse<ChangeRequestKind>(text, out var kind) && Enum.IsDefined(kind) ? kind : null;

    internal static DateOnly? Date(string? text) =>
        DateOnly.TryParseExact(text?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;

    private static int? Id(string? text) => int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;
}

/// <summary>The text of the change-request form: a kind from the list, and the date, amount or target that kind needs in a form that reads.</summary>
public sealed class ChangeRequestFormInputValidator : AbstractValidator<ChangeRequestFormInput>
{
    public ChangeRequestFormInputValidator()
    {
        RuleFor(f => f.Kind).Must(k => ChangeRequestFormInput.KindOf(k) is not null).WithMessage("Choose the kind of change.");
        RuleFor(f => f.NewEndDate).Must(d => ChangeRequestFormInput.Date(d) is not null)
            .WithMessage("Enter the new end date as a real date, like 31 March 2027.")
            .When(f => ChangeRequestFormInput.KindOf(f.Kind) == ChangeRequestKind.EndDateExtension && !string.IsNullOrWhiteSpace(f.NewEndDate));
        RuleFor(f => f.Amount).Must(a => Money.TryParse(a, out _))
            .WithMessage("Enter the amount in pounds, like 250 or 1,250.00.")
            .When(f => ChangeRequestFormInput.KindOf(f.Kind) == ChangeRequestKind.BudgetVirement && !string.IsNullOrWhiteSpace(f.Amount));
        RuleFor(f => f.NewTarget).Must(t => ChangeRequestFormInput.Number(t) is not null)
            .WithMessage("Enter the new target as a number, like 40.")
            .When(f => ChangeRequestFormInput.KindOf(f.Kind) == ChangeRequestKind.ScopeChange && !string.IsNullOrWhiteSpace(f.NewTarget));
    }
}
