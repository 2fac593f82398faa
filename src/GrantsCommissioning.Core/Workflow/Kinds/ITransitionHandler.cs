using GrantsCommissioning.Core.Domain;

namespace GrantsCommissioning.Core.Workflow.Kinds;

/// <summary>The typed data a trigger needs beyond who fires it (a decision's reasons, a payment's finance reference).</summary>
#pragma warning disable CA1040 // a marker: TransitionRequest.Payload takes only payload records
public interface ITransitionPayload;

/// <summary>A payload whose facts the transition's emails carry (e.g. a decision's conditions and the applicant's feedback).</summary>
public interface IEmailPayload : ITransitionPayload
{
    IReadOnlyDictionary<string, string> EmailValues { get; }
}
#pragma warning restore CA1040

/// <summary>The payload of a trigger that needs none.</summary>
public sealed record NoPayload : ITransitionPayload
{
    public static NoPayload Instance { get; } = new();
}

/// <summary>
/// The domain writes of one or more triggers of a case kind, owned by the feature that owns them. The runtime runs the
/// handler inside the transition's transaction, whoever fires the trigger (a page, a service, a timer), so the same
/// trigger always writes the same rows.
/// </summary>
public interface ITransitionHandler
{
    CaseKind Kind { get; }

    IReadOnlyCollection<string> Triggers { get; }

    Type PayloadType { get; }

    /// <summary>True when the trigger is offered through its own form (it needs a payload), not as a bare button.</summary>
    bool NeedsForm { get; }

    /// <summary>
    /// True when the trigger, its guards and this handler read and write nothing of another case's: only the case's own
    /// rows, reference data (rounds, memberships, roles), and the append-only journal, timers, outbox and audit chain. On
    /// PostgreSQL such a transition locks only its case (<see cref="Data.WriteLocks"/>), so transitions of different cases
    /// commit side by side; every other write still queues behind the one write lock. False unless a handler says so: a
    /// handler that reads across cases (a fund's budget, a round's other applications) must keep the write lock.
    /// </summary>
    bool LocksOnlyItsCase { get; }

    /// <summary>Checks the payload before anything is written; the errors reach the user against their fields.</summary>
    Task<IReadOnlyList<FieldError>> ValidateAsync(TransitionContext context, CancellationToken ct);

    Task ApplyAsync(TransitionContext context, CancellationToken ct);
}

/// <summary>A failure a user can cause, against the field of the form it belongs to ("" for the form as a whole).</summary>
public sealed record FieldError(string Field, string Message);
