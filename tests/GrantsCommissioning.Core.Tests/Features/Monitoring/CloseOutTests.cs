using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Core.Tests.Workflow;
using GrantsCommissioning.Core.Workflow;
using GrantsCommissioning.Core.Workflow.Timers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

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

    private async Task<long> TimerIdAsync(int awardId)
    {
        using var db = fixture.Host.Db();
        return await db.WorkflowTimers.Where(t => t.CaseKind == CaseKind.Award && t.CaseId == awardId && t.Trigger == AwardTriggers.EndGrantPeriod && t.Status == WorkflowTimerStatus.Pending)
            .Select(t => t.Id).SingleAsync();
    }
}
