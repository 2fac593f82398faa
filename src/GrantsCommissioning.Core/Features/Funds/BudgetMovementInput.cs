using FluentValidation;
using GrantsCommissioning.Core.Domain;

namespace GrantsCommissioning.Core.Features.Funds;

/// <summary>The year-end form: how much of a year's underspend goes where, and why.</summary>
public sealed class CarryForwardInput
{
    public string? Year { get; set; }
    public string? Amount { get; set; }
    public CarryForwardTo? Destination { get; set; }
    public string? Reason { get; set; }
}

/// <summary>The virement request: budget moved from this fund to another in a year, and why.</summary>
public sealed class VirementInput
{
    public int? ToFundId { get; set; }
    public string? Year { get; set; }
    public string? Amount { get; set; }
    public string? Reason { get; set; }
}

public sealed class CarryForwardInputValidator : AbstractValidator<CarryForwardInput>
{
    public CarryForwardInputValidator()
    {
        RuleFor(i => i.Year).Must(y => FinancialYear.TryParse(y, out _)).WithMessage("Enter the financial year the underspend is from, such as 2014/15.");
        RuleFor(i => i.Amount).Must(BudgetMovementRules.Positive).WithMessage("Enter the amount to carry forward in pounds, such as 452000.");
        RuleFor(i => i.Destination).NotNull().WithMessage("Choose where the underspend goes: next year's budget or reserves.");
        RuleFor(i => (i.Reason ?? "").Trim()).Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage("Record the decision: who agreed it and why.")
            .MaximumLength(1000).WithMessage("The reason must be 1,000 characters or fewer.")
            .OverridePropertyName(nameof(CarryForwardInput.Reason));
    }
}

public sealed class VirementInputValidator : AbstractValidator<VirementInput>
{
    public VirementInputValidator()
    {
        RuleFor(i => i.ToFundId).NotNull().WithMessage("Choose the fund the budget moves to.");
        RuleFor(i => i.Year).Must(y => FinancialYear.TryParse(y, out _)).WithMessage("Enter the financial year, such as 2026/27.");
        RuleFor(i => i.Amount).Must(BudgetMovementRules.Positive).WithMessage("Enter the amount to move in pounds, such as 25000.");
        RuleFor(i => (i.Reason ?? "").Trim()).Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage("Say why the budget should move.")
            .MaximumLength(1000).WithMessage("The reason must be 1,000 characters or fewer.")
            .OverridePropertyName(nameof(VirementInput.Reason));
    }
}

internal static class BudgetMovementRules
{
    public static bool Positive(string? text) => Money.TryParse(text, out var m) && m.Pence > 0;

    /// <summary>An amount the validator has already accepted.</summary>
    public static Money Pounds(string? text) => Money.TryParse(text, out var m) ? m : throw new FormatException($"'{text}' was not checked as an amount.");
}
