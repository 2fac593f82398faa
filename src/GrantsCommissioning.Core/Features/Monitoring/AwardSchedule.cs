using GrantsCommissioning.Core.Data;
using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Core.Workflow;
using GrantsCommissioning.Core.Workflow.Kinds;
using Microsoft.EntityFrameworkCore;

namespace GrantsCommissioning.Core.Features.Monitoring;

/// <summary>What an approved extension or a changed due date does to an award's timers and its return schedule.</summary>
internal static class AwardSchedule
{
    /// <summary>
    /// Moves the award's end date: its "end the grant period" timer follows, a last return still scheduled that ended
    /// with the old end date runs on to its period's end (or the new end date), and returns of the award's profile are
    /// added for the periods after it, each with its reminder, overdue and escalation times.
    /// </summary>
    public static async Task ExtendAsync(TransitionContext context, Award award, DateOnly newEnd, ReturnTimetable timetable, WorkflowRegistry registry, CancellationToken ct)
    {
        var db = context.Db;
        award.EndDate = newEnd;
        await MoveTimerAsync(db, CaseKind.Award, award.Id, UkTime.FromUkLocal(newEnd.AddDays(1), TimeOnly.MinValue), context.Now, ct);
        var returns = await db.Returns.Where(r => r.AwardId == award.Id).OrderBy(r => r.PeriodEnd).ToListAsync(ct);
        var last = returns.LastOrDefault();
        var from = last?.PeriodEnd.AddDays(1) ?? award.StartDate;
        if (last is { State: ReturnStates.Scheduled } && last.PeriodEnd < ReturnPeriods.BlockEnd(award.ReturnProfile, last.PeriodEnd, newEnd))
        {
            last.PeriodEnd = Min(ReturnPeriods.BlockEnd(award.ReturnProfile, last.PeriodEnd, newEnd), newEnd);
            last.DueDate = ReturnTimetable.DueFor(last.PeriodEnd);
            timetable.Apply(last);
            await ReplanTimersAsync(context, registry, last, ct);
            from = last.PeriodEnd.AddDays(1);
        }
        var n = returns.Count;
        foreach (var period in from <= newEnd ? ReturnPeriods.For(award.ReturnProfile, from, newEnd) : [])
        {
            var ret = new MonitoringReturn
            {
                ReturnReference = $"{award.AwardReference}-R{++n}", AwardId = award.Id, PeriodStart = period.Start, PeriodEnd = period.End, DueDate = period.Due,
            };
            timetable.Apply(ret);
            context.Start(ret);
            db.Returns.Add(ret);
        }
    }

    /// <summary>
    /// Cancels a return's pending timers (saved, or added earlier in this transaction) and writes again those of its
    /// current state from its dates as they are now, so the scheduler drops the old triggers and takes the new ones.
    /// </summary>
    public static async Task ReplanTimersAsync(TransitionContext context, WorkflowRegistry registry, MonitoringReturn r, CancellationToken ct)
    {
        var db = context.Db;
        var pending = (await db.WorkflowTimers.Where(t => t.CaseKind == CaseKind.MonitoringReturn && t.CaseId == r.Id && t.Status == WorkflowTimerStatus.Pending).ToListAsync(ct))
            .Union(db.WorkflowTimers.Local.Where(t => t.CaseKind == CaseKind.MonitoringReturn && t.CaseId == r.Id && t.Status == WorkflowTimerStatus.Pending))
            .ToList();
        TimerPlanner.CancelPending(pending, context.Now);
        TimerPlanner.ScheduleFor(db, registry.Get(CaseKind.MonitoringReturn, r.WorkflowVersion).Definition, r, r.State, context.Now, context.Now);
    }

    /// <summary>Cancels a case's pending timer rows and writes them again at <paramref name="due"/>, so the scheduler drops the old trigger and takes the new one.</summary>
    private static async Task MoveTimerAsync(GrantsDbContext db, CaseKind kind, int caseId, DateTimeOffset due, DateTimeOffset now, CancellationToken ct)
    {
        var saved = await db.WorkflowTimers.Where(t => t.CaseKind == kind && t.CaseId == caseId && t.Status == WorkflowTimerStatus.Pending).ToListAsync(ct);
        var pending = saved.Union(db.WorkflowTimers.Local.Where(t => t.CaseKind == kind && t.CaseId == caseId))
            .Where(t => t.Status == WorkflowTimerStatus.Pending).ToList();
        foreach (var timer in pending)
        {
            timer.Status = WorkflowTimerStatus.Cancelled;
            timer.ClosedAt = now;
            db.WorkflowTimers.Add(new WorkflowTimer
            {
                CaseKind = kind, CaseId = caseId, DefinitionId = timer.DefinitionId, DefinitionVersion = timer.DefinitionVersion, State = timer.State,
                Trigger = timer.Trigger, DueAt = due, CreatedAt = now,
            });
        }
    }

    private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;
}
