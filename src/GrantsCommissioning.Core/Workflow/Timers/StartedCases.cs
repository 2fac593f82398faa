using GrantsCommissioning.Core.Data;
using GrantsCommissioning.Core.Domain;
using Microsoft.EntityFrameworkCore;

namespace GrantsCommissioning.Core.Workflow.Timers;

/// <summary>
/// <see cref="ICaseWorkflow.Start"/> runs before a case has an id, so it cannot write a journal row or timers. This
/// finds saved cases with no journal yet and writes both (trigger "Start"), one transaction per case.
/// </summary>
public sealed class StartedCases(IDbContextFactory<GrantsDbContext> factory, WorkflowRegistry registry, TimeProvider clock)
{
    public const string StartTrigger = "Start";

    public async Task<int> JournalAsync(CancellationToken ct = default)
    {
        var count = 0;
        foreach (var kind in Enum.GetValues<CaseKind>())
        {
            var db = await factory.CreateDbContextAsync(ct).ConfigureAwait(false);
            await using (db.ConfigureAwait(false))
            {
                var cases = await Cases(db, kind)
                    .Where(c => c.WorkflowVersion > 0 && !db.WorkflowJournal.Any(j => j.CaseKind == kind && j.CaseId == c.Id))
                    .OrderBy(c => c.Id).Take(500).ToListAsync(ct).ConfigureAwait(false);
                foreach (var c in cases)
                {
                    var d = registry.Get(kind, c.WorkflowVersion).Definition;
                    var now = clock.GetUtcNow();
                    db.WorkflowJournal.Add(new WorkflowJournalEntry
                    {
                        CaseKind = kind, CaseId = c.Id, Sequence = 1, DefinitionId = d.Id, DefinitionVersion = d.Version,
                        FromState = "", ToState = c.State, Trigger = StartTrigger, ActorUserId = Actor.SystemUserId,
                        ActorName = Actor.System.DisplayName, ActorRole = Actor.SystemRole, OccurredAt = now,
                        IdempotencyKey = $"start:{kind}:{c.Id}",
                    });
                    TimerPlanner.ScheduleFor(db, d, c, c.State, now, now);
                    count++;
                }
                await db.SaveChangesAsync(ct).ConfigureAwait(false);
            }
        }
        return count;
    }

    private static IQueryable<WorkflowCaseBase> Cases(GrantsDbContext db, CaseKind kind) => kind switch
    {
        CaseKind.Application => db.Applications,
        CaseKind.Award => db.Awards,
        CaseKind.Payment => db.Payments,
        CaseKind.MonitoringReturn => db.Returns,
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };
}
