using GrantsCommissioning.Core.Data;
using GrantsCommissioning.Core.Domain;
using Microsoft.EntityFrameworkCore;

namespace GrantsCommissioning.Core.Workflow.Timers;

/// <summary>
/// <see cref="ICaseWorkflow.Start"/> runs before a case has an id, so it cannot write a journal row or timers. This
/// finds saved cases with no journal yet and writes both (trigger "Start"), one transaction per case. A transition
/// fired before this job reaches a case writes the Start row itself (see <see cref="AddStartIfMissingAsync"/>), so
/// every case's journal begins with Start whichever gets there first.
/// </summary>
public sealed class StartedCases(IDbContextFactory<GrantsDbContext> factory, WorkflowRegistry registry, Kinds.CaseKinds kinds, TimeProvider clock)
{
    public const string StartTrigger = "Start";

    public async Task<int> JournalAsync(CancellationToken ct = default)
    {
        var count = 0;
        foreach (var kind in kinds.All.Select(k => k.Kind))
        {
            List<int> ids;
            var db = await factory.CreateDbContextAsync(ct);
            await using (db)
            {
                ids = await kinds.Get(kind).Cases(db)
                    .Where(c => c.WorkflowVersion > 0 && !db.WorkflowJournal.Any(j => j.CaseKind == kind && j.CaseId == c.Id))
                    .OrderBy(c => c.Id).Select(c => c.Id).Take(500).ToListAsync(ct);
            }
            foreach (var id in ids)
            {
                if (await JournalOneAsync(kind, id, ct))
                {
                    count++;
                }
            }
        }
        return count;
    }

    /// <summary>
    /// Adds the Start journal row for <paramref name="c"/> when it has none (in the database or pending in
    /// <paramref name="db"/>). Call inside the transaction that writes the case's next journal row.
    /// </summary>
    internal static async Task<bool> AddStartIfMissingAsync(GrantsDbContext db, Definitions.WorkflowDefinition d, WorkflowCaseBase c, DateTimeOffset now, CancellationToken ct)
    {
        if (JournalQueries.TrackedFor(db, c.Kind, c.Id).Any()
            || await JournalQueries.AnyFor.For(db)(db, c.Kind, c.Id, ct))
        {
            return false;
        }
        db.WorkflowJournal.Add(new WorkflowJournalEntry
        {
            CaseKind = c.Kind, CaseId = c.Id, Sequence = 1, DefinitionId = d.Id, DefinitionVersion = d.Version,
            FromState = "", ToState = c.State, Trigger = StartTrigger, ActorUserId = c.StartedByUserId ?? Actor.SystemUserId,
            ActorName = c.StartedByName ?? Actor.System.DisplayName, ActorRole = c.StartedByUserId is null ? Actor.SystemRole : null, OccurredAt = now,
            IdempotencyKey = $"start:{c.Kind}:{c.Id}",
        });
        return true;
    }

    private async Task<bool> JournalOneAsync(CaseKind kind, int id, CancellationToken ct)
    {
        var db = await factory.CreateDbContextAsync(ct);
        await using (db)
        {
            // BEGIN IMMEDIATE: a transition committing between the listing and here is seen by the re-check below.
            var tx = await db.Database.BeginTransactionAsync(ct);
            await using (tx)
            {
                var c = await kinds.Get(kind).FindAsync(db, id, ct);
                if (c is null || c.WorkflowVersion == 0)
                {
                    return false;
                }
                var d = registry.Get(kind, c.WorkflowVersion).Definition;
                var now = clock.GetUtcNow();
                if (!await AddStartIfMissingAsync(db, d, c, now, ct))
                {
                    return false;
                }
                TimerPlanner.ScheduleFor(db, d, c, c.State, now, now);
                try
                {
                    await db.SaveChangesAsync(ct);
                }
                catch (DbUpdateException ex) when (DbErrors.IsUniqueViolation(ex))
                {
                    return false; // journalled by someone else after all; nothing to do
                }
                await tx.CommitAsync(ct);
                return true;
            }
        }
    }
}
