using FluentValidation;
using FluentValidation.Results;
using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Core.Workflow;

namespace GrantsCommissioning.Core.Features.Panel;

/// <summary>The checks on what officers write and who may do what, shared by the pages and the demo loader.</summary>
public static class PanelReportRules
{
    public const int MaxTextLength = 4000;

    public static readonly IReadOnlyList<string> Writers = [Roles.GrantsOfficer];

    /// <summary>Approval is the Chief Executive's or the Commissioner's, not the author's.</summary>
    public static readonly IReadOnlyList<string> Approvers = [Roles.DecisionMaker, Roles.Commissioner];

    public static readonly IReadOnlyList<string> Publishers = [Roles.GrantsOfficer, Roles.DecisionMaker, Roles.Commissioner];

    public static bool May(Actor actor, IReadOnlyList<string> roles)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return actor.IsSystem || roles.Any(actor.IsInRole);
    }

    /// <summary>A draft's problems: against field "objective-{id}" or "pccActivity".</summary>
    public static ValidationResult Check(PanelDraftInput input, IReadOnlyDictionary<int, int> objectiveNumbersById)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(objectiveNumbersById);
        var context = new ValidationContext<PanelDraftInput>(input);
        context.RootContextData[ObjectivesKey] = objectiveNumbersById;
        return DraftForm.Validate(context);
    }

    internal const string ObjectivesKey = "objectiveNumbersById";

    private static readonly PanelDraftInputValidator DraftForm = new();
}

/// <summary>The quarter's narratives: each for an objective of the plan the quarter is reported against, none too long.</summary>
public sealed class PanelDraftInputValidator : AbstractValidator<PanelDraftInput>
{
    public PanelDraftInputValidator()
    {
        RuleFor(i => i.Narratives).Custom((narratives, context) =>
        {
            var numbers = (IReadOnlyDictionary<int, int>)context.RootContextData[PanelReportRules.ObjectivesKey];
            foreach (var (id, text) in narratives)
            {
                if (!numbers.TryGetValue(id, out var number))
                {
                    context.AddFailure($"objective-{id}", "That objective is not in the plan this quarter is reported against.");
                }
                else if (text?.Trim().Length > PanelReportRules.MaxTextLength)
                {
                    context.AddFailure($"objective-{id}", $"The update on objective {number} must be {PanelReportRules.MaxTextLength:N0} characters or fewer.");
                }
            }
        });
        RuleFor(i => i.PccActivity).Must(t => !(t?.Trim().Length > PanelReportRules.MaxTextLength))
            .WithMessage($"PCC activity must be {PanelReportRules.MaxTextLength:N0} characters or fewer.")
            .OverridePropertyName("pccActivity");
    }
}
