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

    /// <summary>Field errors for a draft: field "objective-{id}" or "pccActivity".</summary>
    public static Dictionary<string, string> Check(PanelDraftInput input, IReadOnlyDictionary<int, int> objectiveNumbersById)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(objectiveNumbersById);
        var errors = new Dictionary<string, string>();
        foreach (var (id, text) in input.Narratives)
        {
            if (!objectiveNumbersById.TryGetValue(id, out var number))
            {
                errors[$"objective-{id}"] = "That objective is not in the plan this quarter is reported against.";
            }
            else if (text?.Trim().Length > MaxTextLength)
            {
                errors[$"objective-{id}"] = $"The update on objective {number} must be {MaxTextLength:N0} characters or fewer.";
            }
        }
        if (input.PccActivity?.Trim().Length > MaxTextLength)
        {
            errors["pccActivity"] = $"PCC activity must be {MaxTextLength:N0} characters or fewer.";
        }
        return errors;
    }
}
