using FluentValidation;
using static GrantsCommissioning.Core.Features.Applications.ApplicationFormValues;

namespace GrantsCommissioning.Core.Features.Applications;

// The application form's sections, checked as they are saved (an autosave included). Completeness ("Enter the title")
// is ApplicationRules' check of the saved application on "Save and continue" and at submission.

public sealed class ProjectInputValidator : AbstractValidator<ProjectInput>
{
    public ProjectInputValidator()
    {
        RuleFor(i => i.ProjectTitle).WithinLength(ApplicationRules.TitleMax, "The title");
        RuleFor(i => i.Summary).WithinLength(ApplicationRules.SummaryMax, "The summary");
        RuleFor(i => i.ProjectStart).Must(IsDate).WithMessage("Enter a real start date, like 27/3/2026.");
        RuleFor(i => i.ProjectEnd).Cascade(CascadeMode.Stop)
            .Must(IsDate).WithMessage("Enter a real end date, like 27/3/2026.")
            .Must((i, end) => !(Date(i.ProjectStart) is { } start && Date(end) is { } e && e < start))
            .WithMessage("The end date must be on or after the start date.");
        RuleFor(i => i.AmountRequested).Cascade(CascadeMode.Stop)
            .Must(a => Amount(a) is not null).WithMessage("Enter the amount in pounds, like 450 or 450.00.")
            .Custom((a, context) =>
            {
                if (ApplicationRules.AmountProblem(Amount(a)!.Value, ApplicationFormContext.Of(context).Round) is { } problem)
                {
                    context.AddFailure(problem);
                }
            })
            .When((i, context) => ApplicationFormContext.Of(context).Round.UsesShortForm && !IsBlank(i.AmountRequested));
    }
}

public sealed class BudgetInputValidator : AbstractValidator<BudgetInput>
{
    public const int MaxLines = 50;

    public BudgetInputValidator()
    {
        RuleFor(i => i).Custom((_, context) =>
        {
            if (ApplicationFormContext.Of(context).Round.UsesShortForm)
            {
                context.AddFailure("", "This round uses the short form, which has no budget section.");
            }
        });
        RuleForEach(i => i.Lines).ChildRules(line =>
        {
            line.RuleFor(l => l.Description).WithinLength(200, "The description");
            line.RuleFor(l => l.Category).Must(c => IsBlank(c) || ApplicationService.BudgetCategories.Contains(Text(c)))
                .WithMessage("Select a type of cost from the list.");
            line.RuleFor(l => l.Amount).Must(a => IsBlank(a) || Amount(a) is not null).WithMessage("Enter the cost in pounds, like 1200 or 1,200.00.");
        });
        RuleFor(i => i.Lines).Must(lines => Filled(lines).Count() <= MaxLines)
            .WithMessage($"A budget can have at most {MaxLines} lines; group smaller costs together.");
    }

    /// <summary>The lines with anything in them (a blank row of the form is no line).</summary>
    public static IEnumerable<BudgetLineInput> Filled(IEnumerable<BudgetLineInput>? lines) =>
        (lines ?? []).Where(l => !(IsBlank(l.Description) && IsBlank(l.Category) && IsBlank(l.Amount)));
}

public sealed class OutcomesInputValidator : AbstractValidator<OutcomesInput>
{
    public OutcomesInputValidator()
    {
        RuleFor(i => i.SingleObjectiveId)
            .Must((_, id, context) => Id(id) is { } o && ApplicationFormContext.Of(context).ObjectiveIds.Contains(o))
            .WithMessage("Select one of the plan objectives listed.")
            .When((i, context) => ApplicationFormContext.Of(context).Round.UsesShortForm && !IsBlank(i.SingleObjectiveId));
        RuleFor(i => i.Objectives)
            .Must((_, rows, context) => (rows ?? []).Where(r => HasShare(r.Share)).All(r => ApplicationFormContext.Of(context).ObjectiveIds.Contains(r.ObjectiveId)))
            .WithMessage("Link your project only to the plan objectives listed.")
            .When((_, context) => !ApplicationFormContext.Of(context).Round.UsesShortForm);
        RuleForEach(i => i.Objectives).ChildRules(row =>
            row.RuleFor(r => r.Share).Must(s => Share(s) is not null).WithMessage("Enter the share as a whole number from 0 to 100."))
            .When((_, context) => !ApplicationFormContext.Of(context).Round.UsesShortForm);
        RuleForEach(i => i.Indicators).ChildRules(row =>
        {
            row.RuleFor(r => r.Name).WithinLength(200, "The indicator");
            row.RuleFor(r => r.Unit).WithinLength(50, "The unit");
            row.RuleFor(r => r.Target).Must(t => IsBlank(t) || Target(t) is not null).WithMessage("Enter the target as a number greater than 0, like 250.");
            row.RuleFor(r => r.ObjectiveId)
                .Must((_, id, context) => IsBlank(id) || (Id(id) is { } o && ApplicationFormContext.Of(context).ObjectiveIds.Contains(o)))
                .WithMessage("Select one of the plan objectives listed.");
        });
        RuleFor(i => i.Priorities)
            .Must((_, choices, context) => (choices ?? []).Where(p => p.Selected).All(p => ApplicationFormContext.Of(context).PriorityIds.Contains(p.Id)))
            .WithMessage("Select only the national priorities listed.");
    }
}

public sealed class BeneficiariesInputValidator : AbstractValidator<BeneficiariesInput>
{
    public BeneficiariesInputValidator()
    {
        RuleFor(i => i).Custom((_, context) =>
        {
            if (ApplicationFormContext.Of(context).Round.UsesShortForm)
            {
                context.AddFailure("", "This round uses the short form, which has no beneficiaries section.");
            }
        });
        RuleFor(i => i.Beneficiaries).WithinLength(ApplicationRules.TextMax, "The description");
        RuleFor(i => i.AreaServed).WithinLength(200, "The area");
        RuleFor(i => i.BeneficiaryCount).Must(c => IsBlank(c) || Count(c) is not null).WithMessage("Enter the number of people as a whole number, like 120.");
    }
}
