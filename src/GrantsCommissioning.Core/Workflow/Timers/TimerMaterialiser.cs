using GrantsCommissioning.Core.Data;
using GrantsCommissioning.Core.Domain;
using Microsoft.EntityFrameworkCore;
using Quartz;

namespace GrantsCommissioning.Core.Workflow.Timers;

/// <summary>
/// Copies committed timer rows into Quartz triggers and removes triggers of timers that closed. Quartz only ever
/// holds triggers for rows that were committed, so a rolled-back transaction leaves no timer behind.
/// </summary>
public sealed class TimerMaterialiser(IDbContextFactory<GrantsDbContext> factory, StartedCases startedCases)
{
    private readonly SemaphoreSlim gate = new(1, 1);
    private int reconciled;

    /// <summary>One pass at a time: the Quartz poll job and the in-process wake-up both call this.</summary>
    public async Task<int> RunAsync(IScheduler scheduler, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(scheduler);
        await gate.WaitAsync(ct);
        try
        {
            return await RunOnceAsync(scheduler, ct);
        }
        finally
        {
            gate.Release();
        }
    }

    private async Task<int> RunOnceAsync(IScheduler scheduler, CancellationToken ct)
    {
        await startedCases.JournalAsync(ct);
        // After a restart Quartz's file may be older or missing, so check every pending row once.
        var everything = Interlocked.Exchange(ref reconciled, 1) == 0;
        var db = await factory.CreateDbContextAsync(ct);
        await using (db)
        {
            var toSchedule = await db.WorkflowTimers
                .Where(t => t.Status == WorkflowTimerStatus.Pending && (everything || !t.InScheduler))
                .ToListAsync(ct);
            foreach (var timer in toSchedule)
            {
                var trigger = TriggerBuilder.Create()
                    .WithIdentity(WorkflowJobKeys.ForTimer(timer.Id))
                    .ForJob(WorkflowJobKeys.FireTimer)
                    .UsingJobData(WorkflowJobKeys.TimerIdKey, timer.Id)
                    .StartAt(timer.DueAt)
                    .WithSchedule(SimpleScheduleBuilder.Create().WithMisfireInstruction(SimpleTriggerMisfireInstruction.FireNow))
                    .Build();
                // Keep: a trigger already there (from before a crash or restart) is left as it is, never doubled.
                await scheduler.ScheduleTrigger(trigger, TriggerConflict.Keep, ct);
                timer.InScheduler = true;
            }
            var toRemove = await db.WorkflowTimers
                .Where(t => t.Status != WorkflowTimerStatus.Pending && t.InScheduler)
                .ToListAsync(ct);
            foreach (var timer in toRemove)
            {
                await scheduler.UnscheduleJob(WorkflowJobKeys.ForTimer(timer.Id), ct);
                timer.InScheduler = false;
            }
            await db.SaveChangesAsync(ct);
            return toSchedule.Count;
        }
    }
}
