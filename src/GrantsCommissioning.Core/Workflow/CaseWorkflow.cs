using System.Globalization;
using GrantsCommissioning.Core.Data;
using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Core.Features.Audit;
using GrantsCommissioning.Core.Workflow.Definitions;
using GrantsCommissioning.Core.Workflow.Timers;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace GrantsCommissioning.Core.Workflow;

/// <summary>The one place that changes a case's state; see <see cref="ICaseWorkflow"/>.</summary>
internal sealed partial class CaseWorkflow(
    IDbContextFactory<GrantsDbContext> factory, WorkflowRegistry registry, Notifier notifier, IWorkflowSignals signals, AuditTrail audit, TimeProvider clock)
    : ICaseWorkflow
{
    public const string ImportTrigger = "Import";

    public async Task<TransitionResult> FireAsync(TransitionRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrWhiteSpace(request.IdempotencyKey);
        try
        {
            var result = await FireOnceAsync(request, cancellationToken).ConfigureAwait(false);
            if (result.Succeeded && !result.WasDuplicate)
            {
                signals.Changed();
            }
            return result;
        }
        catch (DbUpdateConcurrencyException)
        {
            return await ConflictAsync(request.Case, cancellationToken).ConfigureAwait(false);
        }
        catch (DbUpdateException ex) when (ex.InnerException is SqliteException { SqliteErrorCode: 19 })
        {
            // A concurrent retry with the same key committed first: report its outcome.
            var db = await factory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
            await using (db.ConfigureAwait(false))
            {
                return await DuplicateAsync(db, request, cancellationToken).ConfigureAwait(false)
                    ?? await ConflictAsync(request.Case, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private async Task<TransitionResult> FireOnceAsync(TransitionRequest request, CancellationToken ct)
    {
        var db = await factory.CreateDbContextAsync(ct).ConfigureAwait(false);
        await using (db.ConfigureAwait(false))
        {
            // BEGIN IMMEDIATE: writers queue here, so the version read below is the one this transaction updates.
            var tx = await db.Database.BeginTransactionAsync(ct).ConfigureAwait(false);
            await using (tx.ConfigureAwait(false))
            {
                if (await DuplicateAsync(db, request, ct).ConfigureAwait(false) is { } duplicate)
                {
                    return duplicate;
                }
                var c = await CaseStore.FindAsync(db, request.Case, ct).ConfigureAwait(false);
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
                var outcome = await ApplyAsync(db, definition, c, request, ct).ConfigureAwait(false);
                if (!outcome.Succeeded)
                {
                    return outcome;
                }
                await db.SaveChangesAsync(ct).ConfigureAwait(false);
                await tx.CommitAsync(ct).ConfigureAwait(false);
                return outcome;
            }
        }
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
        var check = await TransitionChecks.CheckAsync(db, d, c, transition, request.Actor, request.Amount, request.NoticeReference, listing: false, ct).ConfigureAwait(false);
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
        var now = clock.GetUtcNow();
        // A case saved moments ago may not have its Start row yet (StartedCases writes it on its next pass).
        var startedHere = await StartedCases.AddStartIfMissingAsync(db, d, c, now, ct).ConfigureAwait(false);
        await machine.FireAsync(request.Trigger).ConfigureAwait(false);
        c.SetWorkflowState(state, c.WorkflowVersion);
        db.WorkflowJournal.Add(await JournalAsync(db, d, c, from, request.Trigger, request.Actor, check.RoleUsed, request.Amount, request.Comment, request.IdempotencyKey, now, ct).ConfigureAwait(false));
        if (from != state)
        {
            var pending = await db.WorkflowTimers.Where(t => t.CaseKind == c.Kind && t.CaseId == c.Id && t.Status == WorkflowTimerStatus.Pending)
                .ToListAsync(ct).ConfigureAwait(false);
            TimerPlanner.CancelPending(db, pending, now);
            TimerPlanner.ScheduleFor(db, d, c, state, now, now);
        }
        else if (startedHere)
        {
            TimerPlanner.ScheduleFor(db, d, c, state, now, now);
        }
        if (request.Effects is { } effects)
        {
            await effects(db, c, ct).ConfigureAwait(false);
        }
        // After the effects, so the after-image shows what they wrote (e.g. a payment's finance reference).
        await audit.AppendAsync(db, request.Actor, $"{c.Kind}.{request.Trigger}", c.Kind.ToString(), c.Id.ToString(CultureInfo.InvariantCulture),
            CaseAuditImage.Before(from, fromVersion), CaseAuditImage.After(c, request.Amount, request.Comment), ct).ConfigureAwait(false);
        await notifier.QueueAsync(db, new NotificationContext(d, c, d.FindState(from)!, d.FindState(state)!, transition,
            request.Actor, request.Comment, request.Amount, "wf:" + request.IdempotencyKey), ct).ConfigureAwait(false);
        return new TransitionResult(true, c.State, c.Version, TransitionError.None, null);
    }

    private static async Task<WorkflowJournalEntry> JournalAsync(GrantsDbContext db, WorkflowDefinition d, WorkflowCaseBase c, string from, string trigger,
        Actor actor, string? role, Money? amount, string? comment, string key, DateTimeOffset now, CancellationToken ct)
    {
        var sequence = await db.WorkflowJournal.Where(j => j.CaseKind == c.Kind && j.CaseId == c.Id)
            .MaxAsync(j => (int?)j.Sequence, ct).ConfigureAwait(false) ?? 0;
        var tracked = db.WorkflowJournal.Local.Where(j => j.CaseKind == c.Kind && j.CaseId == c.Id).Select(j => j.Sequence).DefaultIfEmpty(0).Max();
        return NewEntry(d, c, Math.Max(sequence, tracked) + 1, from, trigger, actor, role, amount, comment, key, now);
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

    private static async Task<TransitionResult?> DuplicateAsync(GrantsDbContext db, TransitionRequest request, CancellationToken ct)
    {
        var entry = await db.WorkflowJournal.AsNoTracking().FirstOrDefaultAsync(j => j.IdempotencyKey == request.IdempotencyKey, ct).ConfigureAwait(false);
        if (entry is null)
        {
            return null;
        }
        if (entry.CaseKind != request.Case.Kind || entry.CaseId != request.Case.Id || entry.Trigger != request.Trigger)
        {
            return TransitionResult.Fail(TransitionError.Validation, "This request key was already used for a different action; reload the page and try again.");
        }
        var c = await CaseStore.FindAsync(db, request.Case, ct).ConfigureAwait(false);
        var version = c?.Version ?? 0;
        return new TransitionResult(true, entry.ToState, version, TransitionError.None, null, WasDuplicate: true);
    }

    private async Task<TransitionResult> ConflictAsync(CaseRef caseRef, CancellationToken ct)
    {
        var db = await factory.CreateDbContextAsync(ct).ConfigureAwait(false);
        await using (db.ConfigureAwait(false))
        {
            var c = await CaseStore.FindAsync(db, caseRef, ct).ConfigureAwait(false);
            return c is null
                ? TransitionResult.Fail(TransitionError.CaseNotFound, $"Case {caseRef} was not found.")
                : ConflictResult(c);
        }
    }

    private TransitionResult ConflictResult(WorkflowCaseBase c)
    {
        var label = registry.Get(c.Kind, c.WorkflowVersion).Definition.FindState(c.State)?.DisplayName ?? c.State;
        return TransitionResult.Fail(TransitionError.ConcurrencyConflict,
            $"This case was changed by someone else (now in state {label}). Reload to see the latest.", c.State, c.Version);
    }
}
