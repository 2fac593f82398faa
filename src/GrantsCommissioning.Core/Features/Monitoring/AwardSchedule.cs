using GrantsCommissioning.Core.Data;
using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Core.Features.Awards;
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
        var plan = PlanExtension(award, await db.Returns.Where(r => r.AwardId == award.Id).ToListAsync(ct), newEnd);
        award.EndDate = newEnd;
        await MoveTimerAsync(db, CaseKind.Award, award.Id, UkTime.FromUkLocal(newEnd.AddDays(1), TimeOnly.MinValue), context.Now, ct);
        if (plan is { Moved: { } last, MovedTo: { } to })
        {
            (last.PeriodEnd, last.DueDate) = (to.End, to.Due);
            timetable.Apply(last);
            await ReplanTimersAsync(context, registry, last, ct);
        }
        foreach (var (period, i) in plan.Added.Select((p, i) => (p, i)))
        {
            var ret = new MonitoringReturn
            {
                ReturnReference = plan.AddedReference(award, i), AwardId = award.Id, PeriodStart = period.Start, PeriodEnd = period.End, DueDate = period.Due,
            };
            timetable.Apply(ret);
            context.Start(ret);
            db.Returns.Add(ret);
        }
    }

    /// <summary>
    /// What extending the award to <paramref name="newEnd"/> does to its return schedule, worked out once for both
    /// <see cref="ExtendAsync"/> (which applies it) and the decision page (which shows it): a last return still
    /// scheduled that ended before its period's end runs on to that end (or the new end date), and returns of the
    /// award's profile are added for the periods after it. Returns already open, sent or accepted keep their period;
    /// an extension drops none.
    /// </summary>
    public static ExtensionPlan PlanExtension(Award award, IReadOnlyCollection<MonitoringReturn> returns, DateOnly newEnd)
    {
        var last = returns.OrderBy(r => r.PeriodEnd).LastOrDefault();
        var from = last?.PeriodEnd.AddDays(1) ?? award.StartDate;
        ReturnPeriod? movedTo = null;
        if (last is { State: ReturnStates.Scheduled } && last.PeriodEnd < ReturnPeriods.BlockEnd(award.ReturnProfile, last.PeriodEnd, newEnd))
        {
            var end = Min(ReturnPeriods.BlockEnd(award.ReturnProfile, last.PeriodEnd, newEnd), newEnd);
            movedTo = new ReturnPeriod(last.PeriodStart, end, ReturnTimetable.DueFor(end));
            from = end.AddDays(1);
        }
        return new ExtensionPlan(movedTo is null ? null : last, movedTo, from <= newEnd ? ReturnPeriods.For(award.ReturnProfile, from, newEnd) : [], returns.Count);
    }

    /// <summary>
    /// Cancels a return's pending timers (saved, or added earlier in this transaction) and writes again those of its
    /// current state from its dates as they are now, so the scheduler drops the old triggers and takes the new ones.
    /// </summary>
    public static async Task ReplanTimersAsync(TransitionContext context, WorkflowRegistry registry, MonitoringReturn r, CancellationToken ct)
    {
        var db = context.Db;
        var pending = await PendingTimersAsync(db, CaseKind.MonitoringReturn, r.Id, ct);
        TimerPlanner.CancelPending(pending, context.Now);
        TimerPlanner.ScheduleFor(db, registry.Get(CaseKind.MonitoringReturn, r.WorkflowVersion).Definition, r, r.State, context.Now, context.Now);
    }

    /// <summary>Cancels a case's pending timer rows and writes them again at <paramref name="due"/>, so the scheduler drops the old trigger and takes the new one.</summary>
    private static async Task MoveTimerAsync(GrantsDbContext db, CaseKind kind, int caseId, DateTimeOffset due, DateTimeOffset now, CancellationToken ct)
    {
        foreach (var timer in await PendingTimersAsync(db, kind, caseId, ct))
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

    /// <summary>A case's pending timers: those saved, and those added earlier in this transaction.</summary>
    private static async Task<List<WorkflowTimer>> PendingTimersAsync(GrantsDbContext db, CaseKind kind, int caseId, CancellationToken ct) =>
        (await db.WorkflowTimers.Where(t => t.CaseKind == kind && t.CaseId == caseId && t.Status == WorkflowTimerStatus.Pending).ToListAsync(ct))
            .Union(db.TrackedRows<WorkflowTimer>().Where(t => t.CaseKind == kind && t.CaseId == caseId && t.Status == WorkflowTimerStatus.Pending))
            .ToList();

    private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;
}

/// <summary>
/// An extension's effect on the return schedule: the return that runs on (null when none does) with its new period,
/// and the periods of the returns added after it, numbered on from the <paramref name="Existing"/> returns.
/// </summary>
internal sealed record ExtensionPlan(MonitoringReturn? Moved, ReturnPeriod? MovedTo, IReadOnlyList<ReturnPeriod> Added, int Existing)
{
    /// <summary>The reference the <paramref name="index"/>th added return gets, e.g. AWD-CY-0020-R5.</summary>
    public string AddedReference(Award award, int index) => $"{award.AwardReference}-R{Existing + index + 1}";
}
