using FluentValidation;
using GrantsCommissioning.Core.Features.Organisations;
using static GrantsCommissioning.Core.Features.Rounds.RoundRules;

namespace GrantsCommissioning.Core.Features.Rounds;

/// <summary>The officer's round set-up form, with the funds it may name as context (see <see cref="RoundRules.Check"/>).</summary>
public sealed class RoundInputValidator : AbstractValidator<RoundInput>
{
    public RoundInputValidator()
    {
        RuleFor(i => i.Fund).Must((i, _, context) => Fund(i, Funds(context)) is not null).WithMessage("Select the fund this round belongs to.");
        RuleFor(i => i.Reference).Must(IsReference).WithMessage("Enter a reference of 3 to 30 capital letters, digits and hyphens, like CGS-2026-27.");
        RuleFor(i => i.Title).Required("Enter the round's title.", 200);
        RuleFor(i => i.Purpose).Required("Enter the round's purpose: what it funds and why.", 2000);
        RuleFor(i => i.WhoCanApply).Required("Enter who can apply.", 1000);
        RuleFor(i => i.OpensDate).Instant(i => i.OpensTime, "opening");
        RuleFor(i => i.ClosesDate)
            .Instant(i => i.ClosesTime, "closing")
            .Must((i, _) => !(RoundRules.When(i.OpensDate, i.OpensTime) is { } o && RoundRules.When(i.ClosesDate, i.ClosesTime) is { } c && c <= o))
            .WithMessage("The closing time must be after the opening time.");
        RuleFor(i => i.InterestClosesDate).Cascade(CascadeMode.Stop)
            .Instant(i => i.InterestClosesTime, "expression of interest closing")
            .Must((i, _) => !(RoundRules.When(i.OpensDate, i.OpensTime) is { } o && InterestClosesAt(i) is { } e && e <= o))
            .WithMessage("Expressions of interest must close after the round opens.")
            .Must((i, _) => !(RoundRules.When(i.ClosesDate, i.ClosesTime) is { } c && InterestClosesAt(i) is { } e && e >= c))
            .WithMessage("Expressions of interest must close before the full application closing time.")
            .When(IsTwoStage);
        RuleFor(i => i.MinAward).Pounds("the smallest award");
        RuleFor(i => i.MaxAward).Cascade(CascadeMode.Stop)
            .Pounds("the largest award")
            .Must((i, max) => !(Pounds(i.MinAward) is { } lo && Pounds(max) < lo)).WithMessage("The largest award must be at least the smallest award.")
            .Custom((max, context) =>
            {
                if (Fund(context.InstanceToValidate, Funds(context)) is { MaxAward: { } limit } fund && Pounds(max) > limit)
                {
                    context.AddFailure($"The largest award cannot be more than the {fund.Name}'s limit of {limit.ToShortString()}.");
                }
            });
        RuleFor(i => i.Budget).Cascade(CascadeMode.Stop)
            .Pounds("the round's budget")
            .Must((i, budget) => !(Pounds(i.MaxAward) is { } most && Pounds(budget) < most)).WithMessage("The round's budget must be at least the largest award.");
        RuleFor(i => i.Form).Must(f => f is "short" or "standard").WithMessage("Select the short or the standard application form.");
        RuleFor(i => i.OrganisationTypes).Must((i, _) => OrganisationTypesOf(i).All(IsOrganisationType)).WithMessage("Select organisation types from the list.");
        RuleFor(i => i.Areas).Must((i, _) => AreasOf(i).All(a => OrganisationTypes.Areas.Contains(a))).WithMessage("Select areas from the list.");
        RuleFor(i => i.Objectives).Cascade(CascadeMode.Stop)
            .Must((i, _) => ObjectivesOf(i).Count > 0).WithMessage("Select at least one Police and Crime Plan objective the round serves: applicants link their projects to them.")
            .Must((i, _, context) => ObjectivesOf(i).All(o => Whole(o, 1, int.MaxValue) is { } n && Objectives(context).Any(c => c.Number == n)))
            .WithMessage("Select plan objectives from the list.");
        RuleFor(i => i.EligibilityQuestions).Must((i, _) => QuestionsOf(i).All(q => q.Length <= 300))
            .WithMessage("Each eligibility question must be 300 characters or fewer.");
        RuleFor(i => i.ScoreScale).Must(s => Whole(s, 1, int.MaxValue) is { } n && ScoreScales.Contains(n)).WithMessage("Select the score scale.");
        RuleFor(i => i.AssessorsPerApplication).Must(a => Whole(a, 1, 5) is not null).WithMessage("Enter how many assessors score each application, from 1 to 5.");
        RuleFor(i => i.DivergenceThreshold).Must(d => Whole(d, 1, 100) is not null)
            .WithMessage("Enter the divergence threshold as a whole number of percentage points from 1 to 100.");
        RuleFor(i => i.Criteria).Custom((rows, context) =>
        {
            var bad = false;
            var filled = 0;
            var total = 0;
            for (var i = 0; i < rows.Count; i++)
            {
                var row = rows[i];
                if (row.IsBlank)
                {
                    continue;
                }
                filled++;
                bad |= !Require(context, $"Criteria[{i}].Title", row.Title, $"Enter the title of criterion {i + 1}.", 200);
                bad |= !Require(context, $"Criteria[{i}].Guidance", row.Guidance, $"Enter what assessors look for in criterion {i + 1}.", 1000);
                if (Whole(row.Weight, 1, 100) is { } weight)
                {
                    total += weight;
                }
                else
                {
                    bad = true;
                    context.AddFailure($"Criteria[{i}].Weight", $"Enter the weight of criterion {i + 1} as a whole percentage from 1 to 100.");
                }
            }
            if (filled == 0)
            {
                context.AddFailure(nameof(RoundInput.Criteria), "Enter at least one assessment criterion with its weight.");
            }
            else if (!bad && total != 100)
            {
                context.AddFailure(nameof(RoundInput.Criteria), WeightsMessage(total));
            }
        });
    }

    private static IReadOnlyList<FundLimit> Funds<T>(ValidationContext<T> context) => (IReadOnlyList<FundLimit>)context.RootContextData[nameof(FundLimit)];

    private static IReadOnlyList<ObjectiveChoice> Objectives<T>(ValidationContext<T> context) => (IReadOnlyList<ObjectiveChoice>)context.RootContextData[nameof(ObjectiveChoice)];

    /// <summary>False (with the failure added) when the field is empty or too long.</summary>
    private static bool Require<T>(ValidationContext<T> context, string field, string? value, string message, int max)
    {
        var text = Text(value);
        if (text.Length == 0)
        {
            context.AddFailure(field, message);
            return false;
        }
        if (text.Length > max)
        {
            context.AddFailure(field, $"This must be {max} characters or fewer.");
            return false;
        }
        return true;
    }
}

/// <summary>A new closing time for a published round and the reason for it.</summary>
public sealed class RoundDeadlineInputValidator : AbstractValidator<RoundDeadlineInput>
{
    public RoundDeadlineInputValidator()
    {
        RuleFor(i => i.ClosesDate).Instant(i => i.ClosesTime, "new closing");
        RuleFor(i => i.Reason).Required("Enter the reason: it is kept in the audit log.", 1000);
    }
}

/// <summary>The round forms' field rules, worded as the forms have always worded them.</summary>
internal static class RoundFieldRules
{
    public static IRuleBuilderOptions<T, string?> Required<T>(this IRuleBuilderInitial<T, string?> rule, string message, int max) =>
        rule.Cascade(CascadeMode.Stop)
            .Must(v => Text(v).Length > 0).WithMessage(message)
            .Must(v => Text(v).Length <= max).WithMessage($"This must be {max} characters or fewer.");

    public static IRuleBuilderOptions<T, string?> Pounds<T>(this IRuleBuilder<T, string?> rule, string what) =>
        rule.Must(v => RoundRules.Pounds(v) is not null).WithMessage($"Enter {what} in pounds, like 25000.");

    /// <summary>A date field whose time is another field: the date's message first, then the time's.</summary>
    public static IRuleBuilderOptions<T, string?> Instant<T>(this IRuleBuilderInitial<T, string?> rule, Func<T, string?> time, string what) =>
        rule.Cascade(CascadeMode.Stop)
            .Must(IsDate).WithMessage($"Enter the {what} date, like 2026-04-01.")
            .Must((i, date) => RoundRules.When(date, time(i)) is not null).WithMessage($"Enter the {what} time as hours and minutes, like 12:00 (UK time).");
}
