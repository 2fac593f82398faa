using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Core.Workflow;

namespace GrantsCommissioning.Core.Features.Decisions;

/// <summary>The application triggers that record a decision, and each decision as people say it.</summary>
public static class DecisionTriggers
{
    public static readonly IReadOnlyDictionary<string, DecisionOutcome> Outcomes = new Dictionary<string, DecisionOutcome>
    {
        [ApplicationTriggers.Approve] = DecisionOutcome.Approve,
        [ApplicationTriggers.PartFund] = DecisionOutcome.PartFund,
        [ApplicationTriggers.Defer] = DecisionOutcome.Defer,
        [ApplicationTriggers.Reject] = DecisionOutcome.Reject,
    };

    public static string TriggerFor(DecisionOutcome outcome) => Outcomes.First(p => p.Value == outcome).Key;

    public static bool IsFunded(DecisionOutcome outcome) => outcome is DecisionOutcome.Approve or DecisionOutcome.PartFund;

    /// <summary>The decision as it is reported: "Part-funded".</summary>
    public static string Describe(DecisionOutcome outcome) => outcome switch
    {
        DecisionOutcome.Approve => "Approved in full",
        DecisionOutcome.PartFund => "Part-funded",
        DecisionOutcome.Defer => "Deferred",
        DecisionOutcome.Reject => "Rejected",
    };

    /// <summary>The level of the Scheme of Delegation as people say it: "Decision maker".</summary>
    public static string Describe(AuthorityLevel level) => level switch
    {
        AuthorityLevel.GrantsOfficer => Roles.Describe(Roles.GrantsOfficer),
        AuthorityLevel.DecisionMaker => Roles.Describe(Roles.DecisionMaker),
        AuthorityLevel.Commissioner => Roles.Describe(Roles.Commissioner),
    };
}
