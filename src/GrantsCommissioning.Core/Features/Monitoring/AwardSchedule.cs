using GrantsCommissioning.Core.Data;
using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Core.Workflow.Kinds;
using Microsoft.EntityFrameworkCore;

namespace GrantsCommissioning.Core.Features.Monitoring;

/// <summary>What an approved extension does to an award's end-of-period timer and its quarterly returns.</summary>
internal static class AwardSchedule
{
    /// <summary>
    /// Moves the award's end date: its "end the grant period" timer follows, a last return still scheduled that ended
    /// with the old end date runs on to its quarter's end (or the new end date), and returns are added for the quarters after it.
    /// </summary>
    public static async Task ExtendAsync(TransitionContext context, Award award, DateOnly newEnd, CancellationToken ct)
    {
        var db = context.Db;
        award.EndDate = newEnd;
        await MoveTimerAsync(db, CaseKind.Award, award.Id, UkTime.FromUkLocal(newEnd.AddDays(1), TimeOnly.MinValue), context.Now, ct);
        var returns = await db.Returns.Where(r => r.AwardId == award.Id).OrderBy(r => r.PeriodEnd).ToListAsync(ct);
        var last = returns.LastOrDefault();
        var from = last?.PeriodEnd.AddDays(1) ?? award.StartDate;
        if (last is { State: Workflow.ReturnStates.Scheduled } && last.PeriodEnd < FinancialQuarter.Containing(last.PeriodEnd).End)
        {
            var end = Min(FinancialQuarter.Containing(last.PeriodEnd).End, newEnd);
            last.PeriodEnd = end;
            last.DueDate = end.AddMonths(1);
            await MoveTimerAsync(db, CaseKind.MonitoringReturn, last.Id, UkTime.FromUkLocal(end, TimeOnly.MinValue), context.Now, ct);
            from = end.AddDays(1);
        }
        var n = returns.Count;
        for (var q = FinancialQuarter.Containing(from); from <= newEnd; q = q.Next)
        {
            var end = Min(q.End, newEnd);
            var ret = new MonitoringReturn { ReturnReference = $"{award.AwardReference}-R{++n}", AwardId = award.Id, PeriodStart = from, PeriodEnd = end, DueDate = end.AddMonths(1) };
            context.Start(ret);
            db.Returns.Add(ret);
            from = end.AddDays(1);
        }
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
