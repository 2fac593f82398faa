using FluentValidation;
using GrantsCommissioning.Core.Domain;

namespace GrantsCommissioning.Core.Features.Funds;

/// <summary>The fund form: what the fund is for, who answers for it, where its money comes from and on what conditions.</summary>
public sealed class FundInput
{
    public string? Code { get; set; }
    public string? Name { get; set; }
    public string? Purpose { get; set; }
    public string? SeniorResponsibleOfficer { get; set; }
    public string? SeniorResponsibleOfficerRole { get; set; }
    public string? FundingSource { get; set; }
    public string? SourceConditions { get; set; }
    public bool IsRingFenced { get; set; }
    public bool AllocatesByTable { get; set; }
    public string? CapPercent { get; set; } = "100";
    public string? MaxAward { get; set; }
}

/// <summary>A fund's budget for one financial year.</summary>
public sealed class BudgetInput
{
    public string? Year { get; set; }
    public string? Amount { get; set; }
}

public sealed class FundInputValidator : AbstractValidator<FundInput>
{
    public const int MinCap = 100;
    public const int MaxCap = 150;

    public FundInputValidator()
    {
        RuleFor(i => (i.Code ?? "").Trim()).Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage("Enter a short code for the fund, such as CSF.")
            .Matches("^[A-Za-z0-9-]{2,20}$").WithMessage("The code must be 2 to 20 letters, digits or hyphens.")
            .OverridePropertyName(nameof(FundInput.Code));
        Text(i => i.Name, nameof(FundInput.Name), "Enter the fund's name.", 200);
        Text(i => i.Purpose, nameof(FundInput.Purpose), "Say what the fund is for.", 2000);
        Text(i => i.SeniorResponsibleOfficer, nameof(FundInput.SeniorResponsibleOfficer), "Name the senior responsible officer.", 200);
        Text(i => i.SeniorResponsibleOfficerRole, nameof(FundInput.SeniorResponsibleOfficerRole), "Enter the senior responsible officer's job title.", 200);
        Text(i => i.FundingSource, nameof(FundInput.FundingSource), "Say where the money comes from, such as PCC precept or Home Office Community Safety Fund.", 200);
        RuleFor(i => (i.SourceConditions ?? "").Trim()).MaximumLength(2000).WithMessage("The source's conditions must be 2,000 characters or fewer.")
            .OverridePropertyName(nameof(FundInput.SourceConditions));
        RuleFor(i => i.CapPercent).Must(c => Cap(c) is not null)
            .WithMessage($"Enter the cap as a whole percentage of the budget from {MinCap} to {MaxCap}, such as 105.");
        RuleFor(i => i.MaxAward).Must(m => string.IsNullOrWhiteSpace(m) || (Money.TryParse(m, out var a) && a.Pence > 0))
            .WithMessage("Enter the largest award in pounds, such as 250000, or leave it blank.");
    }

    public static int? Cap(string? text) =>
        int.TryParse((text ?? "").Trim().TrimEnd('%'), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var c)
        && c is >= MinCap and <= MaxCap ? c : null;

    private void Text(System.Linq.Expressions.Expression<Func<FundInput, string?>> field, string name, string empty, int max)
    {
        var read = field.Compile();
        RuleFor(i => (read(i) ?? "").Trim()).Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage(empty)
            .MaximumLength(max).WithMessage($"This must be {max:N0} characters or fewer.")
            .OverridePropertyName(name);
    }
}

public sealed class BudgetInputValidator : AbstractValidator<BudgetInput>
{
    public BudgetInputValidator()
    {
        RuleFor(i => i.Year).Must(y => FinancialYear.TryParse(y, out _)).WithMessage("Enter the financial year, such as 2026/27.");
        RuleFor(i => i.Amount).Must(a => Money.TryParse(a, out var m) && !m.IsNegative).WithMessage("Enter the budget in pounds, such as 2000000.");
    }
}

/// <summary>
/// The decision that agreed an allocation table, given with its file: the day it was made (each award's award date,
/// not the day the file is imported) and the Police and Crime Plan objectives the allocations serve.
/// </summary>
public sealed class AllocationTerms
{
    public DateOnly? DecidedOn { get; set; }

    public List<int> ObjectiveIds { get; set; } = [];
}

/// <summary>
/// The plan an allocation table's year is reported against, with its objectives; <see cref="WithinItsPeriod"/> is false
/// when the year is after the plan's stated period, and the plan is still in force because no new plan has started.
/// </summary>
public sealed record PlanObjectives(int PlanId, string Title, FinancialYear Year, bool WithinItsPeriod, IReadOnlyList<(int Id, string Heading)> Objectives);

public sealed class AllocationTermsValidator : AbstractValidator<AllocationTerms>
{
    /// <summary>The UK date today, in the validation context's root data.</summary>
    public const string TodayKey = "today";

    public AllocationTermsValidator()
    {
        RuleFor(i => i.DecidedOn).Cascade(CascadeMode.Stop)
            .NotNull().WithMessage("Enter the date of the decision that agreed the allocation table.")
            .Must((_, decided, context) => !context.RootContextData.TryGetValue(TodayKey, out var today) || decided <= (DateOnly)today)
            .WithMessage("The decision date cannot be in the future.");
        RuleFor(i => i.ObjectiveIds).NotEmpty().WithMessage("Choose the Police and Crime Plan objectives the allocations serve.");
    }
}
