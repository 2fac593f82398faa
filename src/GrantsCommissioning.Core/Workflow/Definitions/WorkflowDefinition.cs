using System.Text.Json.Serialization;
using GrantsCommissioning.Core.Domain;

namespace GrantsCommissioning.Core.Workflow.Definitions;

/// <summary>One version of a workflow as written in workflows/&lt;id&gt;/v&lt;N&gt;.json.</summary>
public sealed record WorkflowDefinition
{
    public required string Id { get; init; }
    public int Version { get; init; }
    public required string Title { get; init; }
    public CaseKind CaseKind { get; init; }
    public required string InitialState { get; init; }
    /// <summary>Other states a feature may start a case in (an expression of interest on a two-stage round); new cases otherwise start in <see cref="InitialState"/>.</summary>
    public IReadOnlyList<string> StartStates { get; init; } = [];
    public IReadOnlyList<StateDefinition> States { get; init; } = [];
    public IReadOnlyList<TransitionDefinition> Transitions { get; init; } = [];
    public IReadOnlyList<DelegationLimit> Delegation { get; init; } = [];
    public IReadOnlyList<TimerDefinition> Timers { get; init; } = [];
    /// <summary>Approvals a funded decision needs first, in order, by the posts named (see <see cref="ApprovalStep"/>).</summary>
    public IReadOnlyList<ApprovalStep> Approvals { get; init; } = [];

    /// <summary>The approvals a decision of <paramref name="amountPence"/> needs, in the order they are given.</summary>
    public IReadOnlyList<ApprovalStep> ApprovalsFor(long amountPence) => Approvals.Where(a => amountPence > a.AbovePence).ToList();

    public StateDefinition? FindState(string name) => States.FirstOrDefault(s => s.Name == name);

    public TransitionDefinition? FindTransition(string from, string trigger) =>
        Transitions.FirstOrDefault(t => t.Trigger == trigger && t.From.Contains(from));

    public IEnumerable<TimerDefinition> TimersFor(string state) => Timers.Where(t => t.State == state);
}

public sealed record StateDefinition
{
    public required string Name { get; init; }
    public string? Label { get; init; }
    public bool Terminal { get; init; }
    /// <summary>Emails sent when a case enters this state from another.</summary>
    public IReadOnlyList<NotificationDefinition> Notify { get; init; } = [];

    public string DisplayName => Label ?? Name;
}

[JsonConverter(typeof(JsonStringEnumConverter<LimitKind>))]
public enum LimitKind
{
    None = 0,
    /// <summary>Role and fund (small-fund-only roles) are checked; the amount is not.</summary>
    Fund,
    /// <summary>Role, fund and amount are checked against the Scheme of Delegation.</summary>
    Amount,
}

public sealed record TransitionDefinition
{
    public IReadOnlyList<string> From { get; init; } = [];
    public required string Trigger { get; init; }
    public required string To { get; init; }
    public string? Label { get; init; }
    public IReadOnlyList<string> Roles { get; init; } = [];
    public LimitKind Limits { get; init; }
    public bool CommentRequired { get; init; }
    /// <summary>Called by services (e.g. saving scores), never offered as a button.</summary>
    public bool Internal { get; init; }
    public IReadOnlyList<string> Guards { get; init; } = [];
    /// <summary>Emails sent whenever this transition fires (including re-entry, e.g. a reminder).</summary>
    public IReadOnlyList<NotificationDefinition> Notify { get; init; } = [];

    public string DisplayName => Label ?? Trigger;
}

/// <summary>One row of the Scheme of Delegation: what a role may decide, up to what value, on which funds.</summary>
public sealed record DelegationLimit
{
    public required string Role { get; init; }
    /// <summary>Inclusive; null means no upper limit.</summary>
    public long? MaxPence { get; init; }
    public bool SmallFundOnly { get; init; }
    /// <summary>Above this value the decision must carry a published decision notice reference.</summary>
    public long? RequiresNoticeAbovePence { get; init; }
    public AuthorityLevel? Authority { get; init; }
}

/// <summary>
/// A post whose approval a funded decision above <see cref="AbovePence"/> needs before it is taken: the post holder is
/// the staff member whose job title starts with <see cref="Post"/> ("Chief Finance Officer (Treasurer)"), or their deputy.
/// </summary>
public sealed record ApprovalStep
{
    public required string Post { get; init; }
    public long AbovePence { get; init; }

    public bool HeldBy(string? jobTitle) => jobTitle is not null && jobTitle.StartsWith(Post, StringComparison.OrdinalIgnoreCase);
}

public sealed record TimerDefinition
{
    public required string State { get; init; }
    public required string Trigger { get; init; }
    /// <summary>ISO-8601 duration after entering the state, e.g. P14D.</summary>
    public string? After { get; init; }
    /// <summary>A date property of the case (e.g. DueDate); the timer is due at UK midnight starting that date plus <see cref="Offset"/>.</summary>
    public string? Field { get; init; }
    /// <summary>ISO-8601 duration added to <see cref="Field"/>; may be negative (-P7D).</summary>
    public string? Offset { get; init; }
}

public sealed record NotificationDefinition
{
    public required string Template { get; init; }
    /// <summary>"applicant" (the organisation's members), "officer" (the grants officer named on the case's award) or "role:&lt;Role&gt;".</summary>
    public IReadOnlyList<string> To { get; init; } = [];
}
