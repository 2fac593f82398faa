using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Core.Features.Payments;
using GrantsCommissioning.Core.Workflow;
using GrantsCommissioning.Core.Workflow.Timers;
using GrantsCommissioning.TestCommon.Workflow;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace GrantsCommissioning.Core.Tests.Features.Finance;

/// <summary>
/// Issue 12's last defect: terminating an award left its returns open, so they kept being reminded, marked overdue and
/// escalated. Termination now cancels each return not yet accepted (monitoring-return v4), in its own transaction.
/// </summary>
public sealed class TerminationReturnTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 2, 10, 0, 0, TimeSpan.Zero);
    private static readonly string[] ReturnTimerTriggers = [ReturnTriggers.Open, ReturnTriggers.Remind, ReturnTriggers.MarkOverdue, ReturnTriggers.Escalate];
    private static readonly string[] ReturnEmails = ["return-due", "return-reminder", "return-overdue", "return-overdue-escalation"];

    private static Task<WorkflowTestHost> HostAsync() => WorkflowTestHost.CreateAsync(clock: new FakeTimeProvider(Now));

    [Fact]
    public async Task Terminate_CancelsEveryReturnNotYetAccepted_WithTheReason_AndLeavesAcceptedOnesAlone()
    {
        await using var host = await HostAsync();
        var finance = new FinanceTestData(host);
        var decider = await finance.Data.UserAsync("Dee", Roles.DecisionMaker);
        var award = await finance.AwardAsync();
        var open = new List<MonitoringReturn>();
        foreach (var state in new[] { ReturnStates.Scheduled, ReturnStates.Due, ReturnStates.Overdue, ReturnStates.Submitted, ReturnStates.Queried })
        {
            open.Add(await ReturnAsync(host, award, state));
        }
        var accepted = await ReturnAsync(host, award, ReturnStates.Accepted);

        var result = await host.Services.GetRequiredService<AwardTermination>().TerminateAsync(award.Id, "Breach of the safeguarding condition.",
            new TerminationDecision(Money.Zero, null), decider, "terminate-returns");

        Assert.True(result.Succeeded, string.Join(" ", result.Errors.Values));
        using var db = host.Db();
        Assert.Equal(AwardStates.Terminated, (await db.Awards.SingleAsync(a => a.Id == award.Id)).State);
        var ids = open.Select(r => r.Id).ToList();
        var returns = await db.Returns.Where(r => r.AwardId == award.Id).ToDictionaryAsync(r => r.Id);
        Assert.All(ids, id => Assert.Equal(ReturnStates.Cancelled, returns[id].State));
        Assert.Equal(ReturnStates.Accepted, returns[accepted.Id].State);
        // New returns start on the latest definition, v4, the first that can be cancelled.
        Assert.All(returns.Values, r => Assert.Equal(4, r.WorkflowVersion));
        var cancels = await db.WorkflowJournal.Where(j => j.CaseKind == CaseKind.MonitoringReturn && j.Trigger == ReturnTriggers.Cancel).ToListAsync();
        Assert.Equal(ids.Order(), cancels.Select(j => j.CaseId).Order());
        Assert.All(cancels, j => Assert.Equal(("Award terminated: Breach of the safeguarding condition.", decider.UserId),
            (j.Comment, j.ActorUserId)));
        Assert.Equal(0, await db.WorkflowTimers.CountAsync(t => t.CaseKind == CaseKind.MonitoringReturn && ids.Contains(t.CaseId) && t.Status == WorkflowTimerStatus.Pending));

        // Run again with the same key (a retry after a crash): nothing more is journalled.
        var again = await host.Services.GetRequiredService<AwardTermination>().TerminateAsync(award.Id, "Breach of the safeguarding condition.",
            new TerminationDecision(Money.Zero, null), decider, "terminate-returns");
        Assert.True(again.Succeeded, string.Join(" ", again.Errors.Values));
        using var check = host.Db();
        Assert.Equal(ids.Count, await check.WorkflowJournal.CountAsync(j => j.CaseKind == CaseKind.MonitoringReturn && j.Trigger == ReturnTriggers.Cancel));
    }

    [Fact]
    public async Task Terminate_WhenCancellingAReturnIsRefused_KeepsNeitherTheTerminationNorAnyCancel()
    {
        await using var host = await HostAsync();
        var finance = new FinanceTestData(host);
        var decider = await finance.Data.UserAsync("Dee", Roles.DecisionMaker);
        var award = await finance.AwardAsync();
        await finance.PaymentAsync(award, PaymentStates.Paid, 500_000, new DateOnly(2026, 6, 1));
        var held = await finance.PaymentAsync(award, PaymentStates.Held, 500_000);
        var due = await ReturnAsync(host, award, ReturnStates.Due);
        var overdue = await ReturnAsync(host, award, ReturnStates.Overdue);
        // The key the termination will use to cancel the overdue return was already used, on another case, for another
        // action: the runtime refuses that cancel part-way, after the termination and the first cancel were written.
        var elsewhere = await finance.Data.ReturnAsync(ReturnStates.Scheduled, new DateOnly(2030, 6, 30), new DateOnly(2030, 7, 31), Now);
        var used = await host.Workflow.FireAsync(new TransitionRequest(CaseRef.Of(elsewhere), ReturnTriggers.Open, Actor.System, $"terminate-refused:cancel-return:{overdue.Id}"));
        Assert.True(used.Succeeded, used.Message);

        var result = await host.Services.GetRequiredService<AwardTermination>().TerminateAsync(award.Id, "Breach of the safeguarding condition.",
            new TerminationDecision(Money.FromPounds(5_000m), "INV-T9"), decider, "terminate-refused");

        Assert.False(result.Succeeded);
        using var db = host.Db();
        Assert.Equal(AwardStates.Active, (await db.Awards.SingleAsync(a => a.Id == award.Id)).State);
        Assert.Equal([ReturnStates.Due, ReturnStates.Overdue],
            await db.Returns.Where(r => r.Id == due.Id || r.Id == overdue.Id).OrderBy(r => r.Id).Select(r => r.State).ToListAsync());
        Assert.Equal(PaymentStates.Held, (await db.Payments.SingleAsync(p => p.Id == held.Id)).State);
        Assert.False(await db.Set<Recovery>().AnyAsync(r => r.AwardId == award.Id));
        Assert.False(await db.WorkflowJournal.AnyAsync(j => EF.Functions.Like(j.IdempotencyKey, "terminate-refused%") && j.CaseId != elsewhere.Id));
        Assert.Equal(3, await db.WorkflowTimers.CountAsync(t => t.CaseKind == CaseKind.MonitoringReturn && (t.CaseId == due.Id || t.CaseId == overdue.Id)
            && t.Status == WorkflowTimerStatus.Pending));
    }

    [Fact]
    public async Task AfterTermination_TheReturnsTimersSendNoReminderNoOverdueNoticeAndNoEscalation()
    {
        await using var host = await HostAsync();
        var finance = new FinanceTestData(host);
        var decider = await finance.Data.UserAsync("Dee", Roles.DecisionMaker);
        var award = await finance.AwardAsync();
        var scheduled = await ReturnAsync(host, award, ReturnStates.Scheduled);
        var due = await ReturnAsync(host, award, ReturnStates.Due);
        var overdue = await ReturnAsync(host, award, ReturnStates.Overdue);
        long[] ids = [scheduled.Id, due.Id, overdue.Id];
        List<(long Id, string Trigger)> timers;
        int emailsBefore;
        using (var db = host.Db())
        {
            timers = (await db.WorkflowTimers.Where(t => t.CaseKind == CaseKind.MonitoringReturn && ids.Contains(t.CaseId) && t.Status == WorkflowTimerStatus.Pending)
                .Select(t => new { t.Id, t.Trigger }).ToListAsync()).Select(t => (t.Id, t.Trigger)).ToList();
            emailsBefore = await db.Outbox.CountAsync(e => ReturnEmails.Contains(e.Template));
        }
        // Not vacuous: each timed step of a return has a timer waiting.
        Assert.Equal(ReturnTimerTriggers.Order(), timers.Select(t => t.Trigger).Distinct().Order());

        var terminated = await host.Services.GetRequiredService<AwardTermination>().TerminateAsync(award.Id, "The project stopped.",
            new TerminationDecision(Money.Zero, null), decider, "terminate-timers");
        var firer = host.Services.GetRequiredService<TimerFirer>();
        var fired = new List<TransitionResult?>();
        foreach (var (id, _) in timers)
        {
            fired.Add(await firer.FireAsync(id));
        }

        Assert.True(terminated.Succeeded, string.Join(" ", terminated.Errors.Values));
        Assert.All(fired, Assert.Null);
        using var check = host.Db();
        Assert.Equal([ReturnStates.Cancelled, ReturnStates.Cancelled, ReturnStates.Cancelled],
            await check.Returns.Where(r => ids.Contains(r.Id)).Select(r => r.State).ToListAsync());
        Assert.False(await check.WorkflowJournal.AnyAsync(j => j.CaseKind == CaseKind.MonitoringReturn && ids.Contains(j.CaseId) && ReturnTimerTriggers.Contains(j.Trigger)));
        Assert.Equal(emailsBefore, await check.Outbox.CountAsync(e => ReturnEmails.Contains(e.Template)));
        var timerIds = timers.Select(t => t.Id).ToList();
        Assert.All(await check.WorkflowTimers.Where(t => timerIds.Contains(t.Id)).ToListAsync(), t => Assert.Equal(WorkflowTimerStatus.Cancelled, t.Status));
        Assert.False(await check.WorkflowTimers.AnyAsync(t => t.CaseKind == CaseKind.MonitoringReturn && ids.Contains(t.CaseId) && t.Status == WorkflowTimerStatus.Pending));
    }

    /// <summary>A return of <paramref name="award"/> started on the latest definition and imported into <paramref name="state"/>, with its timetable set.</summary>
    private static Task<MonitoringReturn> ReturnAsync(WorkflowTestHost host, Award award, string state) =>
        new WorkflowTestData(host).ReturnAsync(state, new DateOnly(2026, 9, 30), state == ReturnStates.Scheduled ? new DateOnly(2027, 4, 30) : new DateOnly(2026, 10, 30),
            Now, awardId: award.Id);
}
