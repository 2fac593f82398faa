using GrantsCommissioning.Core.Data;
using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Core.Workflow.Kinds;

namespace GrantsCommissioning.Core.Workflow;

/// <summary>A request to move a case on by firing one trigger of its workflow definition.</summary>
public sealed record TransitionRequest(CaseRef Case, string Trigger, Actor Actor, string IdempotencyKey)
{
    public string? Comment { get; init; }

    /// <summary>The amount the delegated-authority limits are checked against (e.g. the amount being approved).</summary>
    public Money? Amount { get; init; }

    /// <summary>The published decision notice, required by the definition for decisions above a set value.</summary>
    public string? NoticeReference { get; init; }

    /// <summary>The case version the user saw; a different current version is a concurrency conflict.</summary>
    public int? ExpectedVersion { get; init; }

    /// <summary>What the trigger's handler needs (a decision's reasons, a payment's reference); null for triggers that need nothing.</summary>
    public ITransitionPayload? Payload { get; init; }

    /// <summary>The timer row this request fires; the runtime marks it fired in the same transaction.</summary>
    internal long? TimerId { get; init; }
}

public enum TransitionError
{
    None = 0,
    CaseNotFound,
    TriggerNotPermitted,
    RoleNotAllowed,
    OverDelegatedLimit,
    CommentRequired,
    SegregationOfDuties,
    ConcurrencyConflict,
    Validation,
}

public sealed record TransitionResult(bool Succeeded, string State, int Version, TransitionError Error, string? Message, bool WasDuplicate = false)
{
    /// <summary>For <see cref="TransitionError.Validation"/>: each problem against the field of the form it belongs to.</summary>
    public IReadOnlyList<FieldError> Errors { get; init; } = Message is null ? [] : [new FieldError("", Message)];

    public static TransitionResult Fail(TransitionError error, string message, string state = "", int version = 0) =>
        new(false, state, version, error, message);

    public static TransitionResult Invalid(IReadOnlyList<FieldError> errors, string state, int version)
    {
        ArgumentNullException.ThrowIfNull(errors);
        return new(false, state, version, TransitionError.Validation, errors[0].Message) { Errors = errors };
    }
}

/// <summary>A trigger the actor may fire now; <paramref name="NeedsForm"/> when it is offered through its own form rather than a button.</summary>
public sealed record PermittedTrigger(string Trigger, string Label, string ToState, bool CommentRequired, bool AmountLimited, bool NeedsForm = false);

/// <summary>
/// The one path by which cases change state: pages, API and timers all call <see cref="FireAsync"/>.
/// </summary>
public interface ICaseWorkflow
{
    Task<TransitionResult> FireAsync(TransitionRequest request, CancellationToken cancellationToken = default);

    /// <summary>
    /// Fires a trigger inside the caller's unit of work: the same checks, journal, timers, audit and emails as
    /// <see cref="FireAsync"/>, written to <paramref name="db"/> but neither saved nor committed. The caller owns the
    /// transaction (e.g. <see cref="Features.FeatureWrites.InTransactionAsync"/>), so a feature's own rows and the
    /// transitions they cause commit together or not at all; a failed result means the caller must not save.
    /// </summary>
    Task<TransitionResult> FireWithinAsync(GrantsDbContext db, TransitionRequest request, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<PermittedTrigger>> GetPermittedTriggersAsync(CaseRef caseRef, Actor actor, CancellationToken cancellationToken = default);

    /// <summary>As above, also leaving out decisions whose <paramref name="amount"/> is beyond the actor's delegated limit.</summary>
    Task<IReadOnlyList<PermittedTrigger>> GetPermittedTriggersAsync(CaseRef caseRef, Actor actor, Money? amount, CancellationToken cancellationToken = default);

    /// <summary>Puts a new (unsaved) case into the initial state of the latest version of its definition, started by <paramref name="actor"/>.</summary>
    void Start(IWorkflowCase newCase, Actor actor);

    /// <summary>
    /// As <see cref="Start(IWorkflowCase, Actor)"/>, in <paramref name="startState"/>: the initial state or one of the
    /// definition's start states (an application that begins as an expression of interest).
    /// </summary>
    void Start(IWorkflowCase newCase, Actor actor, string startState);

    /// <summary>
    /// Places an imported case (seed or migration data), already saved so it has an id, directly in a named state of
    /// the latest definition, journalled as an import at <paramref name="at"/>; the caller saves. <paramref name="comment"/>
    /// is what was said when the case reached that state (an officer's query, say), shown wherever that transition's
    /// comment would be. <paramref name="version"/> places it on an earlier released version instead (a case opened
    /// before the latest version, which keeps its version's rules).
    /// </summary>
    void Import(GrantsDbContext db, IWorkflowCase importedCase, string state, DateTimeOffset at, string? comment = null, int? version = null);
}
