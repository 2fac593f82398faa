using GrantsCommissioning.Core.Data;
using GrantsCommissioning.Core.Domain;
using Microsoft.EntityFrameworkCore;

namespace GrantsCommissioning.Core.Workflow.Timers;

/// <summary>
/// Fires a due timer through <see cref="ICaseWorkflow.FireAsync"/> as the system actor. A timer that is no longer
/// pending, or whose case has left the state it was set for, does nothing; the key "timer:&lt;id&gt;" makes a second
/// firing a no-op.
/// </summary>
public sealed class TimerFirer(IDbContextFactory<GrantsDbContext> factory, ICaseWorkflow workflow, Kinds.CaseKinds kinds, TimeProvider clock)
{
    public async Task<TransitionResult?> FireAsync(long timerId, CancellationToken ct = default)
    {
        var db = await factory.CreateDbContextAsync(ct);
        await using (db)
        {
            var timer = await db.WorkflowTimers.FirstOrDefaultAsync(t => t.Id == timerId, ct);
            if (timer is null || timer.Status != WorkflowTimerStatus.Pending)
            {
                return null;
            }
            var caseRef = new CaseRef(timer.CaseKind, timer.CaseId);
            var request = new TransitionRequest(caseRef, timer.Trigger, Actor.System, $"timer:{timer.Id}")
            {
                Comment = "Automatic: timer due " + UkTime.Describe(timer.DueAt),
                TimerId = timer.Id,
            };
            var current = await kinds.FindAsync(db, caseRef, ct);
            if (current is null || current.State != timer.State)
            {
                await CloseAsync(db, timer, ct);
                return null;
            }
            var result = await workflow.FireAsync(request, ct);
            if (!result.Succeeded)
            {
                await db.Entry(timer).ReloadAsync(ct);
                await CloseAsync(db, timer, ct);
            }
            return result;
        }
    }

    private async Task CloseAsync(GrantsDbContext db, WorkflowTimer timer, CancellationToken ct)
    {
        if (timer.Status == WorkflowTimerStatus.Pending)
        {
            timer.Status = WorkflowTimerStatus.Cancelled;
            timer.ClosedAt = clock.GetUtcNow();
            await db.SaveChangesAsync(ct);
        }
    }
}
