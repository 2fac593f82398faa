using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Core.Features.Monitoring;
using GrantsCommissioning.Core.Features.Returns;
using GrantsCommissioning.Core.Workflow;
using GrantsCommissioning.Core.Workflow.Timers;
using GrantsCommissioning.TestCommon.Workflow;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace GrantsCommissioning.Core.Tests.Features.Monitoring;

/// <summary>
/// A return due on Maundy Thursday, 2 April 2026, on a fake clock: the reminder goes five working days before (Thursday
/// 26 March, back over a weekend), the overdue notice one working day after (Tuesday 7 April, over Good Friday, the
/// weekend and Easter Monday) and the escalation ten working days after that (Tuesday 21 April). The scheduler is stood in
/// for by firing each pending timer once the fake clock has passed its time, as Quartz does.
/// </summary>
public sealed class ReturnRemindersTests : IAsyncLifetime
{
    private static readonly DateOnly Due = new(2026, 4, 2);
    private readonly FakeTimeProvider clock = new(UkTime.FromUkLocal(new DateOnly(2026, 3, 20), new TimeOnly(8, 0)));
    private WorkflowTestHost host = null!;
    private WorkflowTestData data = null!;

    public async Task InitializeAsync()
    {
        host = await WorkflowTestHost.CreateAsync(clock: clock);
        data = new WorkflowTestData(host);
        await data.UserAsync("Gina", Roles.GrantsOfficer);
    }

    public async Task DisposeAsync() => await host.DisposeAsync();

    [Fact]
    public async Task DayByDay_EachNoticeGoesOnce_OnItsWorkingDay()
    {
        var grantee = await data.UserAsync("Gwen", Roles.Applicant);
        var ret = await data.ReturnAsync(ReturnStates.Due, new DateOnly(2026, 3, 31), Due, clock.GetUtcNow(), grantee);

        var fired = new List<(DateOnly Day, string Trigger)>();
        for (var day = new DateOnly(2026, 3, 20); day <= new DateOnly(2026, 4, 30); day = day.AddDays(1))
        {
            clock.SetUtcNow(UkTime.FromUkLocal(day, new TimeOnly(9, 0, 1)));
            fired.AddRange((await RunDueTimersAsync()).Select(t => (day, t)));
        }

        Assert.Equal(
            [(new DateOnly(2026, 3, 26), ReturnTriggers.Remind), (new DateOnly(2026, 4, 7), ReturnTriggers.MarkOverdue), (new DateOnly(2026, 4, 21), ReturnTriggers.Escalate)],
            fired);
        Assert.Equal((1, 1, 1), await NoticesAsync(ret));
    }

    [Fact]
    public async Task Escalation_GoesToTheAwardsNamedOfficer_OrToEveryGrantsOfficerWhenTheAwardNamesNone()
    {
        var omar = await data.UserAsync("Omar", Roles.GrantsOfficer);
        var grantee = await data.UserAsync("Gwen", Roles.Applicant);
        var named = await data.ReturnAsync(ReturnStates.Overdue, new DateOnly(2026, 3, 31), Due, clock.GetUtcNow(), grantee);
        var unnamed = await data.ReturnAsync(ReturnStates.Overdue, new DateOnly(2026, 3, 31), Due, clock.GetUtcNow(), grantee);
        using (var db = host.Db())
        {
            var award = await db.Awards.SingleAsync(a => a.Id == named.AwardId);
            award.OfficerUserId = omar.UserId;
            await db.SaveChangesAsync();
        }

        clock.SetUtcNow(UkTime.FromUkLocal(new DateOnly(2026, 4, 21), new TimeOnly(9, 0, 1)));
        var fired = await RunDueTimersAsync();

        Assert.Equal([ReturnTriggers.Escalate, ReturnTriggers.Escalate], fired);
        Assert.Equal([$"{omar.UserId}@example.org"], await EscalatedToAsync(named));
        var everyOfficer = await EscalatedToAsync(unnamed);
        Assert.Equal(2, everyOfficer.Count);
        Assert.Contains($"{omar.UserId}@example.org", everyOfficer);
    }

    [Fact]
    public async Task AppDownOverTheReminderDay_TheReminderGoesOnceOnRestart()
    {
        var grantee = await data.UserAsync("Gwen", Roles.Applicant);
        var ret = await data.ReturnAsync(ReturnStates.Due, new DateOnly(2026, 3, 31), Due, clock.GetUtcNow(), grantee);

        clock.SetUtcNow(UkTime.FromUkLocal(new DateOnly(2026, 3, 30), new TimeOnly(14, 0)));
        var first = await RunDueTimersAsync();
        var again = await RunDueTimersAsync();

        Assert.Equal([ReturnTriggers.Remind], first);
        Assert.Empty(again);
        Assert.Equal((1, 0, 0), await NoticesAsync(ret));
    }

    [Fact]
    public async Task AppDownOverTheDueDate_TheOverdueNoticeGoesOnce_AndTheLateReminderIsNotSent()
    {
        var grantee = await data.UserAsync("Gwen", Roles.Applicant);
        var ret = await data.ReturnAsync(ReturnStates.Due, new DateOnly(2026, 3, 31), Due, clock.GetUtcNow(), grantee);

        clock.SetUtcNow(UkTime.FromUkLocal(new DateOnly(2026, 4, 8), new TimeOnly(10, 0)));
        var restart = await RunDueTimersAsync();
        var again = await RunDueTimersAsync();

        Assert.Equal([ReturnTriggers.MarkOverdue], restart);
        Assert.Empty(again);
        Assert.Equal((0, 1, 0), await NoticesAsync(ret));
        using var db = host.Db();
        Assert.Equal(ReturnStates.Overdue, (await db.Returns.SingleAsync(r => r.Id == ret.Id)).State);
    }

    [Fact]
    public async Task ReminderTimerFiringAfterSubmission_DoesNothing()
    {
        var grantee = await data.UserAsync("Gwen", Roles.Applicant);
        var ret = await data.ReturnAsync(ReturnStates.Due, new DateOnly(2026, 3, 31), Due, clock.GetUtcNow(), grantee);
        long remind;
        using (var db = host.Db())
        {
            remind = (await db.WorkflowTimers.SingleAsync(t => t.CaseKind == CaseKind.MonitoringReturn && t.CaseId == ret.Id && t.Trigger == ReturnTriggers.Remind)).Id;
        }
        var submitted = await host.Workflow.FireAsync(new TransitionRequest(CaseRef.Of(ret), ReturnTriggers.Submit, grantee, Guid.NewGuid().ToString())
        {
            Payload = new ReturnSubmission(ret.Id, new Dictionary<int, Money>(), new Dictionary<int, double>(), "Volunteers out every weekend."),
        });
        clock.SetUtcNow(UkTime.FromUkLocal(new DateOnly(2026, 3, 26), new TimeOnly(9, 0, 1)));

        var result = await host.Services.GetRequiredService<TimerFirer>().FireAsync(remind);

        Assert.True(submitted.Succeeded, submitted.Message);
        Assert.Null(result);
        Assert.Equal((0, 0, 0), await NoticesAsync(ret));
        using var check = host.Db();
        Assert.Equal(ReturnStates.Submitted, (await check.Returns.SingleAsync(r => r.Id == ret.Id)).State);
    }

    [Fact]
    public async Task OfficerMovesTheDueDate_TheTimersFollow_AndAnOverdueReturnIsDueAgain()
    {
        var officer = await data.UserAsync("Olive", Roles.GrantsOfficer);
        var grantee = await data.UserAsync("Gwen", Roles.Applicant);
        var ret = await data.ReturnAsync(ReturnStates.Due, new DateOnly(2026, 3, 31), Due, clock.GetUtcNow(), grantee);
        var beforePeriodEnd = await RescheduleAsync(ret, officer, new DateOnly(2026, 3, 30));
        clock.SetUtcNow(UkTime.FromUkLocal(new DateOnly(2026, 4, 7), new TimeOnly(9, 0, 1)));
        Assert.Equal([ReturnTriggers.MarkOverdue], await RunDueTimersAsync());

        var past = await RescheduleAsync(ret, officer, new DateOnly(2026, 4, 6));
        var moved = await RescheduleAsync(ret, officer, new DateOnly(2026, 5, 1)); // a Friday; the Monday after is the early May bank holiday

        Assert.Equal("The new due date cannot be in the past.", past.Message);
        Assert.Equal("The due date must be after the period ends on 31 March 2026.", beforePeriodEnd.Message);
        Assert.True(moved.Succeeded, moved.Message);
        using var db = host.Db();
        var r = await db.Returns.SingleAsync(x => x.Id == ret.Id);
        Assert.Equal((ReturnStates.Due, new DateOnly(2026, 5, 1)), (r.State, r.DueDate));
        var pending = await db.WorkflowTimers.Where(t => t.CaseKind == CaseKind.MonitoringReturn && t.CaseId == ret.Id && t.Status == WorkflowTimerStatus.Pending)
            .OrderBy(t => t.Trigger).Select(t => new { t.Trigger, t.DueAt }).ToListAsync();
        Assert.Equal(
            [(ReturnTriggers.MarkOverdue, UkTime.FromUkLocal(new DateOnly(2026, 5, 5), ReturnTimetable.NoticeTime)),
             (ReturnTriggers.Remind, UkTime.FromUkLocal(new DateOnly(2026, 4, 24), ReturnTimetable.NoticeTime))],
            pending.Select(p => (p.Trigger, p.DueAt)));
    }

    private Task<TransitionResult> RescheduleAsync(MonitoringReturn ret, Actor officer, DateOnly due) =>
        host.Workflow.FireAsync(new TransitionRequest(CaseRef.Of(ret), ReturnTriggers.Reschedule, officer, Guid.NewGuid().ToString())
        {
            Payload = new ReturnDueDateChange(due),
        });

    /// <summary>Fires every pending return timer whose time has come on the fake clock, earliest first; the triggers that acted.</summary>
    private async Task<List<string>> RunDueTimersAsync()
    {
        var firer = host.Services.GetRequiredService<TimerFirer>();
        var acted = new List<string>();
        List<long> due;
        using (var db = host.Db())
        {
            var now = clock.GetUtcNow();
            due = (await db.WorkflowTimers.Where(t => t.CaseKind == CaseKind.MonitoringReturn && t.Status == WorkflowTimerStatus.Pending).ToListAsync())
                .Where(t => t.DueAt <= now).OrderBy(t => t.DueAt).Select(t => t.Id).ToList();
        }
        foreach (var id in due)
        {
            if (await firer.FireAsync(id) is { Succeeded: true } && await TriggerOfAsync(id) is { } trigger)
            {
                acted.Add(trigger);
            }
        }
        return acted.Count == 0 ? acted : [.. acted, .. await RunDueTimersAsync()];
    }

    private async Task<string?> TriggerOfAsync(long timerId)
    {
        using var db = host.Db();
        return await db.WorkflowTimers.Where(t => t.Id == timerId).Select(t => t.Trigger).FirstOrDefaultAsync();
    }

    private async Task<List<string>> EscalatedToAsync(MonitoringReturn ret)
    {
        using var db = host.Db();
        return await db.Outbox.Where(e => e.Subject.Contains(ret.ReturnReference) && e.Template == "return-overdue-escalation")
            .Select(e => e.ToAddress).OrderBy(a => a).ToListAsync();
    }

    /// <summary>Emails queued for the return: reminders, overdue notices and escalations.</summary>
    private async Task<(int Reminders, int Overdue, int Escalations)> NoticesAsync(MonitoringReturn ret)
    {
        using var db = host.Db();
        var templates = await db.Outbox.Where(e => e.Subject.Contains(ret.ReturnReference)).Select(e => e.Template).ToListAsync();
        return (templates.Count(t => t == "return-reminder"), templates.Count(t => t == "return-overdue"), templates.Count(t => t == "return-overdue-escalation"));
    }
}
