using FluentValidation;
using GrantsCommissioning.Core.Features.Applications;
using static GrantsCommissioning.Core.Features.Applications.ApplicationFormValues;

namespace GrantsCommissioning.Core.Features.TwoStage;

/// <summary>
/// An expression of interest as the applicant posts it: the short form's project questions (title, summary, amount
/// sought), which become the full application's answers once the organisation is invited.
/// </summary>
public sealed class InterestInput
{
    public string? OrganisationId { get; set; }
    public string? ProjectTitle { get; set; }
    public string? Summary { get; set; }
    public string? AmountRequested { get; set; }
}

/// <summary>The expression of interest's questions, worded and limited as the application form's project section words them.</summary>
public sealed class InterestInputValidator : AbstractValidator<InterestInput>
{
    public const int SummaryMax = 1500;

    public InterestInputValidator()
    {
        RuleFor(i => i.ProjectTitle).Cascade(CascadeMode.Stop)
            .Must(t => !IsBlank(t)).WithMessage("Enter the project title.")
            .WithinLength(ApplicationRules.TitleMax, "The title");
        RuleFor(i => i.Summary).Cascade(CascadeMode.Stop)
            .Must(t => !IsBlank(t)).WithMessage("Enter a short summary of the project: what you will do, for whom, and why.")
            .WithinLength(SummaryMax, "The summary");
        RuleFor(i => i.AmountRequested).Cascade(CascadeMode.Stop)
            .Must(a => Amount(a) is not null).WithMessage("Enter the amount in pounds, like 450 or 450.00.")
            .Custom((a, context) =>
            {
                if (ApplicationRules.AmountProblem(Amount(a)!.Value, ApplicationFormContext.Of(context).Round) is { } problem)
                {
                    context.AddFailure(problem);
                }
            });
    }
}
