using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Core.Tests.Workflow;
using GrantsCommissioning.Core.Workflow;
using GrantsCommissioning.Core.Workflow.Timers;
using GrantsCommissioning.TestCommon.Workflow;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace GrantsCommissioning.Core.Tests.Features.Monitoring;

/// <summary>An award whose end date has passed moves to its final report, and closes only when every return is accepted.</summary>
public sealed class CloseOutTests(WorkflowHostFixture fixture) : IClassFixture<WorkflowHostFixture>
{
    [Fact]
    public async Task EndDatePassed_TheTimerMovesTheAwardToFinalReport()
    {
        var s = await MonitoringScenario.CreateAsync(fixture.Host, fixture.Data, endDate: new DateOnly(2014, 3, 31));
        var timerId = await TimerIdAsync(s.Award.Id);

        var result = await fixture.Host.Services.GetRequiredService<TimerFirer>().FireAsync(timerId);

        Assert.True(result?.Succeeded, result?.Message);
        Assert.Equal(AwardStates.FinalReport, (await s.ReloadAsync(fixture.Host)).State);
        using var db = fixture.Host.Db();
        Assert.Contains(await db.Outbox.Where(e => e.Template == "award-final-report").Select(e => e.Subject).ToListAsync(),
            subject => subject.Contains(s.Award.AwardReference, StringComparison.Ordinal));
    }

    [Fact]
    public async Task EndDateNotReached_EndingThePeriodIsRefusedAndTheAwardStaysActive()
    {
        var officer = await fixture.Data.UserAsync("Gina", Roles.GrantsOfficer);
        var s = await MonitoringScenario.CreateAsync(fixture.Host, fixture.Data, endDate: new DateOnly(2099, 3, 31));

        var result = await fixture.Host.Workflow.FireAsync(new TransitionRequest(CaseRef.Of(s.Award), AwardTriggers.EndGrantPeriod, officer, Guid.NewGuid().ToString()));

        Assert.False(result.Succeeded);
        Assert.Equal("The grant period runs until 31 March 2099; the final report starts after it ends.", result.Message);
        Assert.Equal(AwardStates.Active, (await s.ReloadAsync(fixture.Host)).State);
    }

    [Fact]
    public async Task EndTheGrantPeriod_IsNotOfferedUntilTheEndDateHasPassed_ThenItMovesTheAwardToFinalReport()
    {
        // The award's last day, 31 March 2027 (13:00 BST), then 09:00 on 1 April.
        await using var host = await WorkflowTestHost.CreateAsync(clock: new FakeTimeProvider(new DateTimeOffset(2027, 3, 31, 12, 0, 0, TimeSpan.Zero)));
        var data = new WorkflowTestData(host);
        var officer = await data.UserAsync("Gina", Roles.GrantsOfficer);
        var s = await MonitoringScenario.CreateAsync(host, data, endDate: new DateOnly(2027, 3, 31));

        var onTheLastDay = await TriggersAsync(host, s, officer);
        var early = await host.Workflow.FireAsync(new TransitionRequest(CaseRef.Of(s.Award), AwardTriggers.EndGrantPeriod, officer, Guid.NewGuid().ToString()));
        host.Clock!.SetUtcNow(new DateTimeOffset(2027, 4, 1, 8, 0, 0, TimeSpan.Zero));
        var theDayAfter = await TriggersAsync(host, s, officer);
        var ended = await host.Workflow.FireAsync(new TransitionRequest(CaseRef.Of(s.Award), AwardTriggers.EndGrantPeriod, officer, Guid.NewGuid().ToString()));

        Assert.Equal(host.Registry.Latest(CaseKind.Award).Definition.Version, (await s.ReloadAsync(host)).WorkflowVersion);
        Assert.DoesNotContain(AwardTriggers.EndGrantPeriod, onTheLastDay);
        Assert.Contains(AwardTriggers.Suspend, onTheLastDay);
        Assert.Equal("The grant period runs until 31 March 2027; the final report starts after it ends.", early.Message);
        Assert.Contains(AwardTriggers.EndGrantPeriod, theDayAfter);
        Assert.True(ended.Succeeded, ended.Message);
        Assert.Equal(AwardStates.FinalReport, (await s.ReloadAsync(host)).State);
    }

    /// <summary>An award still on version 5 (before the guard) keeps its button, and its handler still refuses to end the period early.</summary>
    [Fact]
    public async Task EndTheGrantPeriod_OnAnAwardStillOnVersion5_IsOffered_ButRefusedBeforeTheEndDate()
    {
        await using var host = await WorkflowTestHost.CreateAsync(clock: new FakeTimeProvider(new DateTimeOffset(2027, 3, 31, 12, 0, 0, TimeSpan.Zero)));
        var data = new WorkflowTestData(host);
        var officer = await data.UserAsync("Gina", Roles.GrantsOfficer);
        var s = await MonitoringScenario.CreateAsync(host, data, endDate: new DateOnly(2027, 3, 31));
        using (var db = host.Db())
        {
            db.Attach(s.Award);
            host.Workflow.Import(db, s.Award, AwardStates.Active, DateTimeOffset.UtcNow, version: 5);
            await db.SaveChangesAsync();
        }

        var offered = await TriggersAsync(host, s, officer);
        var early = await host.Workflow.FireAsync(new TransitionRequest(CaseRef.Of(s.Award), AwardTriggers.EndGrantPeriod, officer, Guid.NewGuid().ToString()));

        Assert.Equal(5, (await s.ReloadAsync(host)).WorkflowVersion);
        Assert.Contains(AwardTriggers.EndGrantPeriod, offered);
        Assert.Equal("The grant period runs until 31 March 2027; the final report starts after it ends.", early.Message);
        Assert.Equal(AwardStates.Active, (await s.ReloadAsync(host)).State);
    }

    [Fact]
    public async Task Close_WithAReturnNotAccepted_IsRefused_ThenClosesOnceAllAreAccepted()
    {
        var officer = await fixture.Data.UserAsync("Gina", Roles.GrantsOfficer);
        var s = await MonitoringScenario.CreateAsync(fixture.Host, fixture.Data, endDate: new DateOnly(2014, 3, 31));
        await s.ReturnAsync(fixture.Host, ReturnStates.Accepted, new DateOnly(2013, 12, 31), 100_000, 100_000);
        var final = await s.ReturnAsync(fixture.Host, ReturnStates.Submitted, new DateOnly(2014, 3, 31), 100_000, 100_000);
        await fixture.Host.Workflow.FireAsync(new TransitionRequest(CaseRef.Of(s.Award), AwardTriggers.EndGrantPeriod, officer, Guid.NewGuid().ToString()));

        var early = await fixture.Host.Workflow.FireAsync(new TransitionRequest(CaseRef.Of(s.Award), AwardTriggers.Close, officer, Guid.NewGuid().ToString()));
        var accepted = await fixture.Host.Workflow.FireAsync(new TransitionRequest(CaseRef.Of(final), ReturnTriggers.Accept, officer, Guid.NewGuid().ToString()));
        var closed = await fixture.Host.Workflow.FireAsync(new TransitionRequest(CaseRef.Of(s.Award), AwardTriggers.Close, officer, Guid.NewGuid().ToString()));

        Assert.Equal("The award cannot close while 1 monitoring return has not been accepted.", early.Message);
        Assert.True(accepted.Succeeded, accepted.Message);
        Assert.True(closed.Succeeded, closed.Message);
        Assert.Equal(AwardStates.Closed, (await s.ReloadAsync(fixture.Host)).State);
    }

    [Fact]
    public async Task Sweep_AwardEndedYearsAgo_MovesToFinalReport_HoldsTheRetention_ReleasedOnlyWhenTheFinalReportIsAccepted_ThenCloses()
    {
        var officer = await fixture.Data.UserAsync("Gina", Roles.GrantsOfficer);
        var s = await MonitoringScenario.CreateAsync(fixture.Host, fixture.Data, endDate: new DateOnly(2014, 3, 31));
        var first = await PaymentAsync(s, 1, 500_000, PaymentStates.Paid);
        var last = await PaymentAsync(s, 2, 500_000, PaymentStates.Scheduled);
        await s.ReturnAsync(fixture.Host, ReturnStates.Accepted, new DateOnly(2013, 12, 31), 200_000, 200_000);
        var final = await s.ReturnAsync(fixture.Host, ReturnStates.Due, new DateOnly(2014, 3, 31));

        await CloseOut.SweepAsync();
        await CloseOut.SweepAsync();

        Assert.Equal(AwardStates.FinalReport, (await s.ReloadAsync(fixture.Host)).State);
        var payments = await PaymentsAsync(s);
        // 10% of the £10,000 award is split off the last unpaid instalment and held until the final return is accepted.
        Assert.Equal([(first.Id, PaymentKind.Instalment, 500_000L, PaymentStates.Paid, (int?)null), (last.Id, PaymentKind.Instalment, 400_000L, PaymentStates.Scheduled, null)],
            payments.Where(p => p.PaymentKind == PaymentKind.Instalment).Select(p => (p.Id, p.PaymentKind, p.AmountPence, p.State, p.HeldForReturnId)));
        var retention = Assert.Single(payments, p => p.PaymentKind == PaymentKind.Retention);
        Assert.Equal((100_000L, PaymentStates.Held, (int?)final.Id), (retention.AmountPence, retention.State, retention.HeldForReturnId));

        var early = await Review.AcceptAsync(final.Id, officer, Guid.NewGuid().ToString());
        Assert.False(early.Succeeded);
        Assert.Equal(PaymentStates.Held, (await PaymentsAsync(s)).Single(p => p.Id == retention.Id).State);
        var sent = await fixture.Host.Services.GetRequiredService<Core.Features.Returns.ReturnService>().SubmitAsync(new Core.Features.Returns.ReturnSubmission(final.Id,
            new Dictionary<int, Money> { [s.Equipment.Id] = new(200_000), [s.Staff.Id] = new(400_000) }, new Dictionary<int, double>(), "All delivered."), s.Grantee, Guid.NewGuid().ToString());
        Assert.True(sent.Succeeded, string.Join("; ", sent.Errors.Values));
        Assert.Equal(PaymentStates.Held, (await PaymentsAsync(s)).Single(p => p.Id == retention.Id).State);

        var accepted = await Review.AcceptAsync(final.Id, officer, Guid.NewGuid().ToString());

        Assert.True(accepted.Succeeded, string.Join("; ", accepted.Errors.Values));
        Assert.Equal((PaymentStates.Ready, 100_000L), (await PaymentsAsync(s)).Where(p => p.Id == retention.Id).Select(p => (p.State, p.AmountPence)).Single());
        Assert.Equal(AwardStates.Closed, (await s.ReloadAsync(fixture.Host)).State);
        using var db = fixture.Host.Db();
        Assert.False(await db.Set<Core.Features.Payments.Recovery>().AnyAsync(r => r.AwardId == s.Award.Id));
    }

    [Fact]
    public async Task FinalReportUnderspent_TheRetentionIsCancelled_ARecoveryIsRaised_AndTheAwardCloses()
    {
        var officer = await fixture.Data.UserAsync("Gina", Roles.GrantsOfficer);
        var s = await MonitoringScenario.CreateAsync(fixture.Host, fixture.Data, endDate: new DateOnly(2014, 3, 31));
        await PaymentAsync(s, 1, 900_000, PaymentStates.Paid);
        var last = await PaymentAsync(s, 2, 100_000, PaymentStates.Scheduled);
        await s.ReturnAsync(fixture.Host, ReturnStates.Accepted, new DateOnly(2013, 12, 31), 300_000, 300_000);
        var final = await s.ReturnAsync(fixture.Host, ReturnStates.Submitted, new DateOnly(2014, 3, 31), 100_000, 100_000);
        await CloseOut.SweepAsync();
        Assert.Equal((PaymentStates.Held, (int?)final.Id), (await PaymentsAsync(s)).Where(p => p.Id == last.Id).Select(p => (p.State, p.HeldForReturnId)).Single());

        var accepted = await Review.AcceptAsync(final.Id, officer, Guid.NewGuid().ToString());

        // £8,000 spent of £9,000 paid: the £1,000 retention is not paid and £1,000 is recovered.
        Assert.True(accepted.Succeeded, string.Join("; ", accepted.Errors.Values));
        Assert.Equal(PaymentStates.Cancelled, (await PaymentsAsync(s)).Single(p => p.Id == last.Id).State);
        Assert.Equal(AwardStates.Closed, (await s.ReloadAsync(fixture.Host)).State);
        using var db = fixture.Host.Db();
        var recovery = await db.Set<Core.Features.Payments.Recovery>().SingleAsync(r => r.AwardId == s.Award.Id);
        Assert.Equal((-100_000L, $"{s.Award.AwardReference}-UNDERSPEND", "Underspend on the final report: £8,000.00 spent of £9,000.00 paid."),
            (recovery.AmountPence, recovery.InvoiceReference, recovery.Reason));
    }

    [Theory]
    [InlineData(300_000, PaymentStates.Cancelled, 300_000L)]
    [InlineData(400_000, PaymentStates.Scheduled, 100_000L)]
    public async Task FinalReportAccepted_OtherUnpaidInstalmentsAreCancelled_OrReducedToWhatTheSpendStillNeeds(long finalStaffPence, string secondState, long secondPence)
    {
        // £5,000 paid; £3,000 and £2,000 still scheduled, the last split into £1,000 and the £1,000 retention.
        var officer = await fixture.Data.UserAsync("Gina", Roles.GrantsOfficer);
        var s = await MonitoringScenario.CreateAsync(fixture.Host, fixture.Data, endDate: new DateOnly(2014, 3, 31));
        await PaymentAsync(s, 1, 500_000, PaymentStates.Paid);
        var second = await PaymentAsync(s, 2, 300_000, PaymentStates.Scheduled);
        var third = await PaymentAsync(s, 3, 200_000, PaymentStates.Scheduled);
        await s.ReturnAsync(fixture.Host, ReturnStates.Accepted, new DateOnly(2013, 12, 31), 100_000, 100_000);
        var final = await s.ReturnAsync(fixture.Host, ReturnStates.Submitted, new DateOnly(2014, 3, 31), 0, finalStaffPence);
        await CloseOut.SweepAsync();
        var retention = (await PaymentsAsync(s)).Single(p => p.PaymentKind == PaymentKind.Retention);

        var accepted = await Review.AcceptAsync(final.Id, officer, Guid.NewGuid().ToString());

        // Spend £5,000 (all paid already) or £6,000 (£1,000 still owed, kept on the oldest unpaid instalment); nothing else is left to pay.
        Assert.True(accepted.Succeeded, string.Join("; ", accepted.Errors.Values));
        var payments = await PaymentsAsync(s);
        Assert.Equal((secondState, secondPence), payments.Where(p => p.Id == second.Id).Select(p => (p.State, p.AmountPence)).Single());
        Assert.Equal([PaymentStates.Cancelled, PaymentStates.Cancelled], payments.Where(p => p.Id == third.Id || p.Id == retention.Id).Select(p => p.State));
        Assert.Equal(AwardStates.Closed, (await s.ReloadAsync(fixture.Host)).State);
        using var db = fixture.Host.Db();
        Assert.False(await db.Set<Core.Features.Payments.Recovery>().AnyAsync(r => r.AwardId == s.Award.Id));
    }

    private Core.Features.Monitoring.CloseOut CloseOut => fixture.Host.Services.GetRequiredService<Core.Features.Monitoring.CloseOut>();

    private Core.Features.Returns.ReturnReviewService Review => fixture.Host.Services.GetRequiredService<Core.Features.Returns.ReturnReviewService>();

    private async Task<Payment> PaymentAsync(MonitoringScenario s, int number, long pence, string state)
    {
        using var db = fixture.Host.Db();
        var payment = new Payment
        {
            PaymentReference = $"{s.Award.AwardReference}-P{number}", AwardId = s.Award.Id, PaymentKind = PaymentKind.Instalment, InstalmentNumber = number,
            DueDate = new DateOnly(2013, 4, 30).AddMonths(number * 6), AmountPence = pence, PaidOn = state == PaymentStates.Paid ? new DateOnly(2013, 5, 1) : null,
        };
        fixture.Host.Workflow.Start(payment, Actor.System);
        db.Payments.Add(payment);
        await db.SaveChangesAsync();
        fixture.Host.Workflow.Import(db, payment, state, DateTimeOffset.UtcNow);
        await db.SaveChangesAsync();
        return payment;
    }

    private async Task<List<Payment>> PaymentsAsync(MonitoringScenario s)
    {
        using var db = fixture.Host.Db();
        return await db.Payments.AsNoTracking().Where(p => p.AwardId == s.Award.Id).OrderBy(p => p.Id).ToListAsync();
    }

    private static async Task<List<string>> TriggersAsync(WorkflowTestHost host, MonitoringScenario s, Actor actor) =>
        (await host.Workflow.GetPermittedTriggersAsync(CaseRef.Of(s.Award), actor)).Select(t => t.Trigger).ToList();

    private async Task<long> TimerIdAsync(int awardId)
    {
        using var db = fixture.Host.Db();
        return await db.WorkflowTimers.Where(t => t.CaseKind == CaseKind.Award && t.CaseId == awardId && t.Trigger == AwardTriggers.EndGrantPeriod && t.Status == WorkflowTimerStatus.Pending)
            .Select(t => t.Id).SingleAsync();
    }
}
