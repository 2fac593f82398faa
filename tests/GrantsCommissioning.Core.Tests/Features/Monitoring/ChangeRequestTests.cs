using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Core.Features;
using GrantsCommissioning.Core.Features.Monitoring;
using GrantsCommissioning.Core.Tests.Workflow;
using GrantsCommissioning.Core.Workflow;
using GrantsCommissioning.Core.Workflow.Timers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GrantsCommissioning.Core.Tests.Features.Monitoring;

/// <summary>Typed change requests change the award when approved: an extension moves the end date and the return schedule, a virement the budget lines.</summary>
public sealed class ChangeRequestTests(WorkflowHostFixture fixture) : IClassFixture<WorkflowHostFixture>
{
    private ChangeRequestService Changes => fixture.Host.Services.GetRequiredService<ChangeRequestService>();

    [Fact]
    public async Task Extension_ApprovedByTheOfficer_MovesTheEndDateTheTimerAndTheReturnSchedule()
    {
        var officer = await fixture.Data.UserAsync("Gina", Roles.GrantsOfficer);
        var s = await MonitoringScenario.CreateAsync(fixture.Host, fixture.Data, endDate: new DateOnly(2027, 2, 15));
        var last = await s.ReturnAsync(fixture.Host, ReturnStates.Scheduled, new DateOnly(2027, 2, 15));

        var asked = await Changes.RequestAsync(s.Award.Id, new ChangeRequestInput(ChangeRequestKind.EndDateExtension, "Venue closed for repairs.", new DateOnly(2027, 5, 15)),
            s.Grantee, Guid.NewGuid().ToString());
        var approved = await Changes.DecideAsync(s.Award.Id, true, null, officer, Guid.NewGuid().ToString());

        Assert.True(asked.Succeeded, string.Join("; ", asked.Errors.Values));
        Assert.True(approved.Succeeded, string.Join("; ", approved.Errors.Values));
        var award = await s.ReloadAsync(fixture.Host);
        Assert.Equal((AwardStates.Active, new DateOnly(2027, 5, 15)), (award.State, award.EndDate));
        Assert.Equal(
            [(new DateOnly(2027, 3, 31), new DateOnly(2027, 4, 30)), (new DateOnly(2027, 5, 15), new DateOnly(2027, 6, 15))],
            award.Returns.OrderBy(r => r.PeriodEnd).Select(r => (r.PeriodEnd, r.DueDate)).ToList());
        Assert.Equal(last.Id, award.Returns.OrderBy(r => r.PeriodEnd).First().Id);
        using var db = fixture.Host.Db();
        var endTimer = await db.WorkflowTimers.SingleAsync(t => t.CaseKind == CaseKind.Award && t.CaseId == s.Award.Id && t.Status == WorkflowTimerStatus.Pending);
        Assert.Equal(UkTime.FromUkLocal(new DateOnly(2027, 5, 16), TimeOnly.MinValue), endTimer.DueAt);
        var openTimer = await db.WorkflowTimers.SingleAsync(t => t.CaseKind == CaseKind.MonitoringReturn && t.CaseId == last.Id && t.Status == WorkflowTimerStatus.Pending);
        Assert.Equal(UkTime.FromUkLocal(new DateOnly(2027, 3, 31), TimeOnly.MinValue), openTimer.DueAt);
        var request = await db.AwardChangeRequests.SingleAsync(c => c.AwardId == s.Award.Id);
        Assert.Equal((ChangeRequestStatus.Approved, officer.UserId), (request.Status, request.DecidedByUserId));
    }

    [Theory]
    [InlineData(ReturnStates.Scheduled)]
    [InlineData(ReturnStates.Submitted)]
    public async Task Extension_TheDecisionShowsHowTheReturnScheduleMoves_AndApprovingLeavesExactlyThatSchedule(string lastState)
    {
        // The grant ends mid-quarter on 15 February 2027; its last return covers 16 November 2026 to 15 February 2027.
        var officer = await fixture.Data.UserAsync("Gina", Roles.GrantsOfficer);
        var s = await MonitoringScenario.CreateAsync(fixture.Host, fixture.Data, endDate: new DateOnly(2027, 2, 15));
        var last = await s.ReturnAsync(fixture.Host, lastState, new DateOnly(2027, 2, 15));
        var reference = s.Award.AwardReference;
        await Changes.RequestAsync(s.Award.Id, new ChangeRequestInput(ChangeRequestKind.EndDateExtension, "Venue closed for repairs.", new DateOnly(2027, 5, 15)),
            s.Grantee, Guid.NewGuid().ToString());

        var decision = await Changes.DecisionAsync(s.Award.Id);
        var approved = await Changes.DecideAsync(s.Award.Id, true, null, officer, Guid.NewGuid().ToString());

        // Still scheduled, the last return runs on to its quarter's end and one return is added for the rest; once
        // sent, it keeps its period and the added return starts the day after it.
        (string What, string Before, string After)[] expected = lastState == ReturnStates.Scheduled
            ?
            [
                ("End date", "15 February 2027", "15 May 2027"),
                ($"Return {last.ReturnReference}", "16 November 2026 to 15 February 2027, due 15 March 2027", "16 November 2026 to 31 March 2027, due 30 April 2027"),
                ($"Return {reference}-R2 (added)", "Not in the schedule", "1 April to 15 May 2027, due 15 June 2027"),
            ]
            :
            [
                ("End date", "15 February 2027", "15 May 2027"),
                ($"Return {reference}-R2 (added)", "Not in the schedule", "16 February to 31 March 2027, due 30 April 2027"),
                ($"Return {reference}-R3 (added)", "Not in the schedule", "1 April to 15 May 2027, due 15 June 2027"),
            ];
        Assert.Equal(expected, decision!.Effects.Select(e => (e.What, e.Before, e.After)));
        Assert.True(approved.Succeeded, string.Join("; ", approved.Errors.Values));
        var award = await s.ReloadAsync(fixture.Host);
        (string, DateOnly, DateOnly, DateOnly)[] schedule = lastState == ReturnStates.Scheduled
            ?
            [
                (last.ReturnReference, new DateOnly(2026, 11, 16), new DateOnly(2027, 3, 31), new DateOnly(2027, 4, 30)),
                ($"{reference}-R2", new DateOnly(2027, 4, 1), new DateOnly(2027, 5, 15), new DateOnly(2027, 6, 15)),
            ]
            :
            [
                (last.ReturnReference, new DateOnly(2026, 11, 16), new DateOnly(2027, 2, 15), new DateOnly(2027, 3, 15)),
                ($"{reference}-R2", new DateOnly(2027, 2, 16), new DateOnly(2027, 3, 31), new DateOnly(2027, 4, 30)),
                ($"{reference}-R3", new DateOnly(2027, 4, 1), new DateOnly(2027, 5, 15), new DateOnly(2027, 6, 15)),
            ];
        Assert.Equal(schedule, award.Returns.OrderBy(r => r.PeriodEnd).Select(r => (r.ReturnReference, r.PeriodStart, r.PeriodEnd, r.DueDate)));
        // Each added return starts in its workflow, scheduled, and (once the started-cases job journals it) opens when its period ends.
        await fixture.Host.Services.GetRequiredService<StartedCases>().JournalAsync();
        using var db = fixture.Host.Db();
        foreach (var added in award.Returns.Where(r => r.Id != last.Id))
        {
            Assert.Equal(ReturnStates.Scheduled, added.State);
            var open = await db.WorkflowTimers.SingleAsync(t => t.CaseKind == CaseKind.MonitoringReturn && t.CaseId == added.Id && t.Status == WorkflowTimerStatus.Pending);
            Assert.Equal((ReturnTriggers.Open, UkTime.FromUkLocal(added.PeriodEnd, TimeOnly.MinValue)), (open.Trigger, open.DueAt));
        }
    }

    [Fact]
    public async Task Extension_LongerThanTheOfficersMonths_IsRefusedToTheOfficer_AndADecisionMakerApprovesIt()
    {
        var officer = await fixture.Data.UserAsync("Gina", Roles.GrantsOfficer);
        var maker = await fixture.Data.UserAsync("Dee", Roles.DecisionMaker);
        var s = await MonitoringScenario.CreateAsync(fixture.Host, fixture.Data, endDate: new DateOnly(2027, 3, 31));
        await Changes.RequestAsync(s.Award.Id, new ChangeRequestInput(ChangeRequestKind.EndDateExtension, "Delayed start.", new DateOnly(2027, 9, 30)), s.Grantee, "x1" + s.Award.Id);

        var byOfficer = await Changes.DecideAsync(s.Award.Id, true, null, officer, Guid.NewGuid().ToString());
        var byMaker = await Changes.DecideAsync(s.Award.Id, true, null, maker, Guid.NewGuid().ToString());

        Assert.Equal("This change is beyond what a grants officer may approve (extensions of up to 3 months). A decision maker must decide it.", byOfficer.Errors.Values.Single());
        Assert.True(byMaker.Succeeded, string.Join("; ", byMaker.Errors.Values));
        Assert.Equal(new DateOnly(2027, 9, 30), (await s.ReloadAsync(fixture.Host)).EndDate);
    }

    [Theory]
    [InlineData(99_999, true)]
    [InlineData(100_000, true)]
    [InlineData(100_001, false)]
    public async Task Virement_UnderAtAndOverTheOfficersShare(long pence, bool officerMayApprove)
    {
        // The award is £10,000 and the officer's share 10%, so £1,000.
        var officer = await fixture.Data.UserAsync("Gina", Roles.GrantsOfficer);
        var s = await MonitoringScenario.CreateAsync(fixture.Host, fixture.Data);
        var asked = await Changes.RequestAsync(s.Award.Id, Virement(s, pence), s.Grantee, Guid.NewGuid().ToString());
        Assert.True(asked.Succeeded, string.Join("; ", asked.Errors.Values));

        var decided = await Changes.DecideAsync(s.Award.Id, true, null, officer, Guid.NewGuid().ToString());

        Assert.Equal(officerMayApprove, decided.Succeeded);
        var award = await s.ReloadAsync(fixture.Host);
        var moved = officerMayApprove ? pence : 0;
        Assert.Equal([420_000 - moved, 580_000 + moved], award.CostLines.OrderBy(l => l.Order).Select(l => l.AmountPence).ToList());
        Assert.Equal(officerMayApprove ? AwardStates.Active : AwardStates.VariationRequested, award.State);
    }

    [Fact]
    public async Task Virement_TakingALineBelowWhatIsSpent_IsRefusedAndNothingIsRecorded()
    {
        var s = await MonitoringScenario.CreateAsync(fixture.Host, fixture.Data);
        await s.ReturnAsync(fixture.Host, ReturnStates.Accepted, new DateOnly(2026, 6, 30), equipmentPence: 400_000);

        var result = await Changes.RequestAsync(s.Award.Id, Virement(s, 30_000), s.Grantee, Guid.NewGuid().ToString());

        Assert.Equal("Moving £300.00 from Equipment would leave its budget at £3,900.00, below the £4,000.00 already spent on it.", result.Errors["Amount"]);
        using var db = fixture.Host.Db();
        Assert.False(await db.AwardChangeRequests.AnyAsync(c => c.AwardId == s.Award.Id));
        Assert.Equal(AwardStates.Active, (await s.ReloadAsync(fixture.Host)).State);
    }

    [Fact]
    public async Task ChangeRequestForm_TextThatDoesNotRead_IsRefusedAgainstItsField_AndNothingIsRecorded()
    {
        var s = await MonitoringScenario.CreateAsync(fixture.Host, fixture.Data);

        var noKind = await Changes.RequestAsync(s.Award.Id, new ChangeRequestFormInput { Kind = "Refund", Reason = "x" }, s.Grantee, Guid.NewGuid().ToString());
        var badDate = await Changes.RequestAsync(s.Award.Id, new ChangeRequestFormInput { Kind = "EndDateExtension", NewEndDate = "31/2/2027", Reason = "x" }, s.Grantee, Guid.NewGuid().ToString());
        var badAmount = await Changes.RequestAsync(s.Award.Id, new ChangeRequestFormInput { Kind = "BudgetVirement", Amount = "lots", Reason = "x" }, s.Grantee, Guid.NewGuid().ToString());

        Assert.Equal([("Kind", "Choose the kind of change.")], noKind.Errors.Select(e => (e.Key, e.Value)));
        Assert.Equal([("NewEndDate", "Enter the new end date as a real date, like 31 March 2027.")], badDate.Errors.Select(e => (e.Key, e.Value)));
        Assert.Equal([("Amount", "Enter the amount in pounds, like 250 or 1,250.00.")], badAmount.Errors.Select(e => (e.Key, e.Value)));
        using var db = fixture.Host.Db();
        Assert.False(await db.AwardChangeRequests.AnyAsync(c => c.AwardId == s.Award.Id));
    }

    [Fact]
    public async Task ChangeRequest_OnAClosedAward_IsRefusedWithAClearMessage()
    {
        var s = await MonitoringScenario.CreateAsync(fixture.Host, fixture.Data);
        using (var db = fixture.Host.Db())
        {
            db.Attach(s.Award);
            fixture.Host.Workflow.Import(db, s.Award, AwardStates.Closed, DateTimeOffset.UtcNow);
            await db.SaveChangesAsync();
        }

        var result = await Changes.RequestAsync(s.Award.Id, Virement(s, 10_000), s.Grantee, Guid.NewGuid().ToString());

        Assert.IsType<AwardNotChangeable>(result.Failure);
        Assert.Equal($"Award {s.Award.AwardReference} is closed, so it cannot be changed.", result.Errors[""]);
    }

    [Fact]
    public async Task Refused_LeavesTheAwardUnchangedAndKeepsTheRequestAsRefused()
    {
        var officer = await fixture.Data.UserAsync("Gina", Roles.GrantsOfficer);
        var s = await MonitoringScenario.CreateAsync(fixture.Host, fixture.Data);
        await Changes.RequestAsync(s.Award.Id, Virement(s, 50_000), s.Grantee, Guid.NewGuid().ToString());

        var refused = await Changes.DecideAsync(s.Award.Id, false, "Keep the equipment budget: the radios are essential.", officer, Guid.NewGuid().ToString());

        Assert.True(refused.Succeeded, string.Join("; ", refused.Errors.Values));
        var award = await s.ReloadAsync(fixture.Host);
        Assert.Equal([420_000L, 580_000L], award.CostLines.OrderBy(l => l.Order).Select(l => l.AmountPence).ToList());
        var oversight = await fixture.Host.Services.GetRequiredService<AwardOversightService>().OversightAsync(s.Award.Id);
        var line = Assert.Single(oversight!.Changes);
        Assert.Equal((ChangeRequestStatus.Refused, "Move £500.00 from Equipment to Staff"), (line.Status, line.Summary));
    }

    [Theory]
    [InlineData(48, true)]
    [InlineData(40, true)]
    [InlineData(39, false)]
    public async Task OutcomeTarget_WithinTheOfficersShare_TheOfficerApproves_BeyondIt_ADecisionMaker(double newTarget, bool officerMayApprove)
    {
        // The target is 50 and the officer's share 20%, so the officer approves targets from 40 to 60.
        var officer = await fixture.Data.UserAsync("Gina", Roles.GrantsOfficer);
        var maker = await fixture.Data.UserAsync("Dee", Roles.DecisionMaker);
        var s = await MonitoringScenario.CreateAsync(fixture.Host, fixture.Data);
        var indicator = await IndicatorAsync(s, 50);
        var asked = await Changes.RequestAsync(s.Award.Id, new ChangeRequestInput(ChangeRequestKind.ScopeChange, "The hall holds fewer people.") { IndicatorId = indicator.Id, NewTarget = newTarget },
            s.Grantee, Guid.NewGuid().ToString());
        Assert.True(asked.Succeeded, string.Join("; ", asked.Errors.Values));

        var byOfficer = await Changes.DecideAsync(s.Award.Id, true, null, officer, Guid.NewGuid().ToString());

        Assert.Equal(officerMayApprove, byOfficer.Succeeded);
        if (!officerMayApprove)
        {
            Assert.Equal("This change is beyond what a grants officer may approve (changes of an outcome's target of up to 20%). A decision maker must decide it.", byOfficer.Errors.Values.Single());
            Assert.Equal(50, await TargetAsync(indicator.Id));
            Assert.True((await Changes.DecideAsync(s.Award.Id, true, null, maker, Guid.NewGuid().ToString())).Succeeded);
        }
        Assert.Equal(newTarget, await TargetAsync(indicator.Id));
        var line = Assert.Single((await fixture.Host.Services.GetRequiredService<AwardOversightService>().OversightAsync(s.Award.Id))!.Changes);
        Assert.Equal((ChangeRequestStatus.Approved, $"Change the target for Young people reached from 50 to {newTarget}"), (line.Status, line.Summary));
    }

    [Fact]
    public async Task NewPurpose_GoesToADecisionMaker_WhoseApprovalChangesTheAwardsPurpose()
    {
        var officer = await fixture.Data.UserAsync("Gina", Roles.GrantsOfficer);
        var maker = await fixture.Data.UserAsync("Dee", Roles.DecisionMaker);
        var s = await MonitoringScenario.CreateAsync(fixture.Host, fixture.Data);
        await Changes.RequestAsync(s.Award.Id, new ChangeRequestInput(ChangeRequestKind.ScopeChange, "Schools asked for it.") { NewPurpose = "Evening sessions and school visits." },
            s.Grantee, Guid.NewGuid().ToString());

        var byOfficer = await Changes.DecideAsync(s.Award.Id, true, null, officer, Guid.NewGuid().ToString());
        var byMaker = await Changes.DecideAsync(s.Award.Id, true, null, maker, Guid.NewGuid().ToString());

        Assert.Contains("a change of the award's purpose", byOfficer.Errors.Values.Single(), StringComparison.Ordinal);
        Assert.True(byMaker.Succeeded, string.Join("; ", byMaker.Errors.Values));
        Assert.Equal("Evening sessions and school visits.", (await s.ReloadAsync(fixture.Host)).Purpose);
    }

    [Fact]
    public async Task LeadContact_ApprovedByTheOfficer_ChangesTheAwardsContact_AndTheHistoryShowsBeforeAndAfter()
    {
        var officer = await fixture.Data.UserAsync("Gina", Roles.GrantsOfficer);
        var s = await MonitoringScenario.CreateAsync(fixture.Host, fixture.Data);
        using (var db = fixture.Host.Db())
        {
            await db.Awards.Where(a => a.Id == s.Award.Id).ExecuteUpdateAsync(u => u.SetProperty(a => a.LeadContactName, "Sam Lee").SetProperty(a => a.LeadContactEmail, "sam@example.org"));
        }
        var same = await Changes.RequestAsync(s.Award.Id, Contact("Sam Lee", "sam@example.org"), s.Grantee, Guid.NewGuid().ToString());
        var badEmail = await Changes.RequestAsync(s.Award.Id, Contact("Priya Shah", "priya at example"), s.Grantee, Guid.NewGuid().ToString());
        var asked = await Changes.RequestAsync(s.Award.Id, Contact("Priya Shah", "priya@example.org"), s.Grantee, Guid.NewGuid().ToString());

        var approved = await Changes.DecideAsync(s.Award.Id, true, null, officer, Guid.NewGuid().ToString());

        Assert.Equal(("ContactEmail", "Sam Lee is already the lead contact."), (same.Errors.Single().Key, same.Errors.Single().Value));
        Assert.Equal(("ContactEmail", "Enter an email address in the correct format, like name@example.com."), (badEmail.Errors.Single().Key, badEmail.Errors.Single().Value));
        Assert.True(asked.Succeeded, string.Join("; ", asked.Errors.Values));
        Assert.True(approved.Succeeded, string.Join("; ", approved.Errors.Values));
        var award = await s.ReloadAsync(fixture.Host);
        Assert.Equal(("Priya Shah", "priya@example.org"), (award.LeadContactName, award.LeadContactEmail));
        var line = Assert.Single((await fixture.Host.Services.GetRequiredService<AwardOversightService>().OversightAsync(s.Award.Id))!.Changes);
        Assert.Equal("Change the lead contact from Sam Lee (sam@example.org) to Priya Shah (priya@example.org)", line.Summary);
    }

    [Fact]
    public async Task ScopeChange_NamingAnotherAwardsOutcome_OrNothing_IsRefusedAndNothingIsRecorded()
    {
        var s = await MonitoringScenario.CreateAsync(fixture.Host, fixture.Data);
        var other = await MonitoringScenario.CreateAsync(fixture.Host, fixture.Data);
        var theirs = await IndicatorAsync(other, 10);

        var wrongAward = await Changes.RequestAsync(s.Award.Id, new ChangeRequestInput(ChangeRequestKind.ScopeChange, "x") { IndicatorId = theirs.Id, NewTarget = 5 },
            s.Grantee, Guid.NewGuid().ToString());
        var nothing = await Changes.RequestAsync(s.Award.Id, new ChangeRequestFormInput { Kind = "ScopeChange", NewTarget = "many", Reason = "x" }, s.Grantee, Guid.NewGuid().ToString());

        Assert.Equal(("IndicatorId", "Choose one of this award's outcomes."), (wrongAward.Errors.Single().Key, wrongAward.Errors.Single().Value));
        Assert.Equal(("NewTarget", "Enter the new target as a number, like 40."), (nothing.Errors.Single().Key, nothing.Errors.Single().Value));
        using var db = fixture.Host.Db();
        Assert.False(await db.AwardChangeRequests.AnyAsync(c => c.AwardId == s.Award.Id));
        Assert.Equal(AwardStates.Active, (await s.ReloadAsync(fixture.Host)).State);
    }

    private static ChangeRequestInput Contact(string name, string email) =>
        new(ChangeRequestKind.LeadContactChange, "Sam has left the charity.") { ContactName = name, ContactEmail = email };

    private async Task<AwardIndicator> IndicatorAsync(MonitoringScenario s, double target)
    {
        using var db = fixture.Host.Db();
        var indicator = new AwardIndicator { AwardId = s.Award.Id, Name = "Young people reached", Unit = "people", Target = target };
        db.AwardIndicators.Add(indicator);
        await db.SaveChangesAsync();
        return indicator;
    }

    private async Task<double> TargetAsync(int indicatorId)
    {
        using var db = fixture.Host.Db();
        return await db.AwardIndicators.Where(i => i.Id == indicatorId).Select(i => i.Target).SingleAsync();
    }

    private static ChangeRequestInput Virement(MonitoringScenario s, long pence) =>
        new(ChangeRequestKind.BudgetVirement, "Radios cost less than quoted.", FromCostLineId: s.Equipment.Id, ToCostLineId: s.Staff.Id, Amount: new Money(pence));
}
