using System.Globalization;
using GrantsCommissioning.Core.Data;
using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Core.Features;
using GrantsCommissioning.Core.Features.Audit;
using GrantsCommissioning.Core.Workflow.Definitions;
using GrantsCommissioning.Core.Workflow.Kinds;
using GrantsCommissioning.Core.Workflow.Timers;
using Microsoft.EntityFrameworkCore;

namespace GrantsCommissioning.Core.Workflow;

/// <summary>
/// The one place that changes a case's state; see <see cref="ICaseWorkflow"/>. The concurrency contract holds on any
/// provider: the case's <c>Version</c> is checked in the UPDATE (a concurrency token), the journal's idempotency key and
/// (case, sequence) are unique, so of two transitions racing on one case one commits and the other gets a conflict.
/// </summary>
internal sealed partial class CaseWorkflow(
    IDbContextFactory<GrantsDbContext> factory, WorkflowRegistry registry, CaseKinds kinds, TransitionHandlers handlers, Notifier notifier,
    IWorkflowSignals signals, AuditTrail audit, TimeProvider clock)
    : ICaseWorkflow
{
    public const string ImportTrigger = "Import";

    private const int Attempts = 3;

    public async Task<TransitionResult> FireAsync(TransitionRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrWhiteSpace(request.IdempotencyKey);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var result = await FireOnceAsync(request, cancellationToken);
                if (result.Succeeded && !result.WasDuplicate)
                {
                    signals.Changed();
                }
                return result;
            }
            catch (DbUpdateConcurrencyException)
            {
                return await ConflictAsync(request.Case, cancellationToken);
            }
            catch (DbUpdateException ex) when (DbErrors.IsUniqueViolation(ex))
            {
                // Someone committed first: the same request (report its outcome), a change to this case (a conflict), or
                // another case's audit row taking the next link of the chain (try again on the new head).
                await using var db = await factory.CreateDbContextAsync(cancellationToken);
                if (await DuplicateAsync(db, request, cancellationToken) is { } duplicate)
                {
                    return duplicate;
                }
                var current = await kinds.FindAsync(db, request.Case, cancellationToken);
                if (attempt == Attempts || current is null || (request.ExpectedVersion is { } seen && seen != current.Version))
                {
                    return await ConflictAsync(request.Case, cancellationToken);
                }
            }
        }
    }

    private async Task<TransitionResult> FireOnceAsync(TransitionRequest request, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        // On SQLite this is BEGIN IMMEDIATE, so writers queue rather than fail on a stale snapshot; the version check in the
        // UPDATE is what guarantees one winner on every provider. On PostgreSQL a trigger whose handler touches only its
        // case locks only that case, so closing day's submissions of different applications do not queue.
        var onlyItsCase = handlers.Find(request.Case.Kind, request.Trigger) is { LocksOnlyItsCase: true } ? request.Case : (CaseRef?)null;
        await using var tx = await WriteLocks.BeginAsync(db, onlyItsCase, ct);
        // A failed save abandons the whole transaction (FireAsync starts again on a new context), so EF's savepoint around
        // the save would only add two statements to every transition, on PostgreSQL while it holds the audit chain's head.
        db.Database.AutoSavepointsEnabled = false;
        var outcome = await TransitionAsync(db, request, ct);
        if (!outcome.Succeeded || outcome.WasDuplicate)
        {
            return outcome;
        }
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return outcome;
    }

    public async Task<TransitionResult> FireWithinAsync(GrantsDbContext db, TransitionRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrWhiteSpace(request.IdempotencyKey);
        if (db.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("FireWithinAsync needs the caller's transaction; use FireAsync to fire on its own.");
        }
        return await TransitionAsync(db, request, cancellationToken);
    }

    /// <summary>Checks and applies one transition to <paramref name="db"/>; saving and committing is the caller's.</summary>
    private async Task<TransitionResult> TransitionAsync(GrantsDbContext db, TransitionRequest request, CancellationToken ct)
    {
        if (await DuplicateAsync(db, request, ct) is { } duplicate)
        {
            return duplicate;
        }
        var c = await kinds.FindAsync(db, request.Case, ct);
        if (c is null)
        {
            return TransitionResult.Fail(TransitionError.CaseNotFound, $"Case {request.Case} was not found.");
        }
        if (request.ExpectedVersion is { } expected && expected != c.Version)
        {
            return ConflictResult(c);
        }
        if (c.WorkflowVersion == 0)
        {
            return TransitionResult.Fail(TransitionError.Validation, $"{c.Reference} has not started its workflow (call ICaseWorkflow.Start before saving it).");
        }
        var definition = registry.Get(c.Kind, c.WorkflowVersion).Definition;
        TransitionResult outcome;
        try
        {
            outcome = await ApplyAsync(db, definition, c, request, ct);
        }
        catch (FeatureValidationException ex)
        {
            // Found by a handler while writing (a deadline passed meanwhile): nothing is saved, the transaction rolls back.
            return TransitionResult.Invalid([new FieldError(ex.Field, ex.Message)], c.State, c.Version);
        }
        return outcome;
    }

    private async Task<TransitionResult> ApplyAsync(GrantsDbContext db, WorkflowDefinition d, WorkflowCaseBase c, TransitionRequest request, CancellationToken ct)
    {
        var state = c.State;
        var machine = WorkflowMachine.Build(d, () => state, s => state = s);
        var transition = d.FindTransition(c.State, request.Trigger);
        if (transition is null || !machine.CanFire(request.Trigger))
        {
            var label = d.Transitions.FirstOrDefault(t => t.Trigger == request.Trigger)?.DisplayName ?? request.Trigger;
            return TransitionResult.Fail(TransitionError.TriggerNotPermitted,
                $"'{label}' is not possible while {c.Reference} is {d.FindState(c.State)?.DisplayName ?? c.State}.", c.State, c.Version);
        }
        var now = clock.GetUtcNow();
        var facts = await kinds.FactsAsync(db, c, ct);
        var amount = request.Amount ?? (transition.Limits == LimitKind.Amount ? facts.Amount : null);
        var access = await TransitionChecks.AccessAsync(db, d, c, facts, transition, request.Actor, amount, now, ct);
        if (!access.Passed)
        {
            return TransitionResult.Fail(access.Error, access.Message!, c.State, c.Version);
        }
        var handler = handlers.Find(c.Kind, request.Trigger);
        var context = new TransitionContext(db, c, request, now, StartBy);
        if (handler is not null && await handler.ValidateAsync(context, ct) is { Count: > 0 } invalid)
        {
            return TransitionResult.Invalid(invalid, c.State, c.Version);
        }
        var check = TransitionChecks.Delegation(d, facts, transition, request.Actor, amount, request.NoticeReference, listing: false,
            await TransitionChecks.DeputyshipsAsync(db, transition, request.Actor, ct));
        if (!check.Passed)
        {
            return TransitionResult.Fail(check.Error, check.Message!, c.State, c.Version);
        }
        if (transition.CommentRequired && string.IsNullOrWhiteSpace(request.Comment))
        {
            return TransitionResult.Fail(TransitionError.CommentRequired, $"'{transition.DisplayName}' needs a comment giving the reason.", c.State, c.Version);
        }
        var from = c.State;
        var fromVersion = c.Version;
        // A case saved moments ago may not have its Start row yet (StartedCases writes it on its next pass).
        var startedHere = await StartedCases.AddStartIfMissingAsync(db, d, c, now, ct);
        await machine.FireAsync(request.Trigger);
        c.SetWorkflowState(state, c.WorkflowVersion);
        db.WorkflowJournal.Add(await JournalAsync(db, d, c, from, request, check.RoleUsed, amount, now, ct));
        if (from != state)
        {
            var pending = await db.WorkflowTimers.Where(t => t.CaseKind == c.Kind && t.CaseId == c.Id && t.Status == WorkflowTimerStatus.Pending).ToListAsync(ct);
            TimerPlanner.CancelPending(pending, now);
            TimerPlanner.ScheduleFor(db, d, c, state, now, now);
        }
        else if (startedHere)
        {
            TimerPlanner.ScheduleFor(db, d, c, state, now, now);
        }
        if (request.TimerId is { } timerId)
        {
            await MarkTimerFiredAsync(db, timerId, now, ct);
        }
        context.Authority = (check.RoleUsed, check.DeputyFor);
        if (handler is not null)
        {
            await handler.ApplyAsync(context, ct);
        }
        await notifier.QueueAsync(db, new NotificationContext(d, c, facts, d.FindState(from)!, d.FindState(state)!, transition,
            request.Actor, request.Comment, amount, "wf:" + request.IdempotencyKey, (request.Payload as IEmailPayload)?.EmailValues), ct);
        // After the handler, so the after-image shows what it wrote (e.g. a payment's finance reference); last, so a
        // transition holding only its case's lock (PostgreSQL) holds the audit chain's head for the save and commit alone.
        await audit.AppendAsync(db, request.Actor, $"{c.Kind}.{request.Trigger}", c.Kind.ToString(), c.Id.ToString(CultureInfo.InvariantCulture),
            CaseAuditImage.Before(from, fromVersion), kinds.Get(c.Kind).AuditImage(c, amount, request.Comment), ct);
        return new TransitionResult(true, c.State, c.Version, TransitionError.None, null);
    }

    private static async Task MarkTimerFiredAsync(GrantsDbContext db, long timerId, DateTimeOffset now, CancellationToken ct)
    {
        var row = await db.WorkflowTimers.FirstAsync(t => t.Id == timerId, ct);
        row.Status = WorkflowTimerStatus.Fired;
        row.ClosedAt = now;
    }

    private static async Task<WorkflowJournalEntry> JournalAsync(GrantsDbContext db, WorkflowDefinition d, WorkflowCaseBase c, string from,
        TransitionRequest request, string? role, Money? amount, DateTimeOffset now, CancellationToken ct)
    {
        var sequence = await JournalQueries.LastSequence.For(db)(db, c.Kind, c.Id, ct) ?? 0;
        var tracked = JournalQueries.TrackedFor(db, c.Kind, c.Id).Select(j => j.Sequence).DefaultIfEmpty(0).Max();
        return NewEntry(d, c, Math.Max(sequence, tracked) + 1, from, request.Trigger, request.Actor, role, amount, request.Comment, request.IdempotencyKey, now);
    }

    private static WorkflowJournalEntry NewEntry(WorkflowDefinition d, WorkflowCaseBase c, int sequence, string from, string trigger,
        Actor actor, string? role, Money? amount, string? comment, string key, DateTimeOffset now) => new()
    {
        CaseKind = c.Kind,
        CaseId = c.Id,
        Sequence = sequence,
        DefinitionId = d.Id,
        DefinitionVersion = d.Version,
        FromState = from,
        ToState = c.State,
        Trigger = trigger,
        ActorUserId = actor.UserId,
        ActorName = actor.DisplayName,
        ActorRole = role,
        AmountPence = amount?.Pence,
        Comment = comment,
        OccurredAt = now,
        IdempotencyKey = key,
    };

    private async Task<TransitionResult?> DuplicateAsync(GrantsDbContext db, TransitionRequest request, CancellationToken ct)
    {
        var entry = await JournalQueries.ByKey.For(db)(db, request.IdempotencyKey, ct);
        if (entry is null)
        {
            return null;
        }
        if (entry.CaseKind != request.Case.Kind || entry.CaseId != request.Case.Id || entry.Trigger != request.Trigger)
        {
            return TransitionResult.Fail(TransitionError.Validation, "This request key was already used for a different action; reload the page and try again.");
        }
        var c = await kinds.FindAsync(db, request.Case, ct);
        return new TransitionResult(true, entry.ToState, c?.Version ?? 0, TransitionError.None, null, WasDuplicate: true);
    }

    private async Task<TransitionResult> ConflictAsync(CaseRef caseRef, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var c = await kinds.FindAsync(db, caseRef, ct);
        return c is null ? TransitionResult.Fail(TransitionError.CaseNotFound, $"Case {caseRef} was not found.") : ConflictResult(c);
    }

    private TransitionResult ConflictResult(WorkflowCaseBase c)
    {
        var label = registry.Get(c.Kind, c.WorkflowVersion).Definition.FindState(c.State)?.DisplayName ?? c.State;
        return TransitionResult.Fail(TransitionError.ConcurrencyConflict,
            $"This case was changed by someone else (now in state {label}). Reload to see the latest.", c.State, c.Version);
    }
}
