using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Core.Features;
using GrantsCommissioning.Core.Features.Decisions;
using GrantsCommissioning.Core.Workflow;
using GrantsCommissioning.TestCommon.Workflow;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GrantsCommissioning.Core.Tests.Features.Decisions;

/// <summary>
/// Decisions under the Scheme of Delegation in grant-application v3: the approvals a decision needs by value (the Chief
/// Executive above £10,000, then the Chief Finance Officer above £25,000, then the Commissioner decides), a case sent back
/// voids them, and deputies act with their own limits.
/// </summary>
public sealed class ApprovalTrackerTests
{
    private const string Reasons = "Meets objectives two and four.";

    [Fact]
    public async Task AboveTheLimit_TheTrackerNamesTheChiefExecutiveThenTheCfoThenTheCommissioner_AndEachWaitsForTheOneBefore()
    {
        await using var host = await WorkflowTestHost.CreateAsync();
        var (data, approvals) = (new WorkflowTestData(host), host.Services.GetRequiredService<ApprovalService>());
        var ce = await StaffAsync(host, "Helen", "Chief Executive", Roles.DecisionMaker);
        var cfo = await StaffAsync(host, "David", "Chief Finance Officer (Treasurer)", Roles.DecisionMaker);
        var pcc = await StaffAsync(host, "The Commissioner", "Police and Crime Commissioner", Roles.Commissioner);
        var app = await data.ApplicationAsync(ApplicationStates.Recommendation, requestedPence: 3_000_000, withApprovals: false);

        var before = (await approvals.TrackerAsync(app.Id, pcc))!;
        var tooSoon = await DecideAsync(host, app.Id, 3_000_000, pcc, "WMPCC/2026/001", "early");
        var cfoFirst = await approvals.ApproveAsync(app.Id, null, null, cfo, "a-1");
        var ceApproves = await approvals.ApproveAsync(app.Id, "Within the plan.", null, ce, "a-2");
        var ceAgain = await approvals.ApproveAsync(app.Id, null, null, ce, "a-3");
        var cfoApproves = await approvals.ApproveAsync(app.Id, null, null, cfo, "a-4");
        var decided = await DecideAsync(host, app.Id, 3_000_000, pcc, "WMPCC/2026/001", "decide");
        var after = (await approvals.TrackerAsync(app.Id, pcc))!;

        Assert.Equal(["Chief Executive's approval", "Chief Finance Officer's approval", "Decision: Police and Crime Commissioner (with a decision notice above £25,000)"],
            before.Rows.Select(r => r.Step));
        Assert.Equal(["Helen", "David", "The Commissioner"], before.Rows.Select(r => r.Holders));
        Assert.Equal([true, false, false], before.Rows.Select(r => r.IsNext));
        Assert.All(before.Rows, r => Assert.False(r.Done));
        Assert.Contains("Still to approve: the Chief Executive, then the Chief Finance Officer.", tooSoon.Errors[""], StringComparison.Ordinal);
        Assert.Equal("The Chief Executive's approval comes first; yours as Chief Finance Officer follows it.", cfoFirst.Errors[""]);
        Assert.True(ceApproves.Succeeded, string.Join(" ", ceApproves.Errors.Values));
        Assert.Equal("You gave the Chief Executive's approval, so someone else must give the Chief Finance Officer's (segregation of duties).", ceAgain.Errors[""]);
        Assert.True(cfoApproves.Succeeded, string.Join(" ", cfoApproves.Errors.Values));
        Assert.True(decided.Succeeded, string.Join(" ", decided.Errors.Values));
        Assert.All(after.Rows, r => Assert.True(r.Done));
        Assert.Equal(["Helen", "David", "Approved in full by The Commissioner"], after.Rows.Select(r => r.GivenBy));
        using var db = host.Db();
        Assert.Equal(2, await db.AuditLog.CountAsync(e => e.Action == "Approval.Recorded" && e.EntityId == app.Id.ToString()));
        Assert.Equal(ApplicationStates.OfferMade, (await db.Applications.SingleAsync(a => a.Id == app.Id)).State);
    }

    [Fact]
    public async Task TwoDecisionMakersDecidingAtOnce_OneWins_TheOtherIsToldToReload_AndOneDecisionIsRecorded()
    {
        await using var host = await WorkflowTestHost.CreateAsync();
        var helen = await StaffAsync(host, "Helen", "Chief Executive", Roles.DecisionMaker);
        var david = await StaffAsync(host, "David", "Chief Finance Officer (Treasurer)", Roles.DecisionMaker);
        var app = await new WorkflowTestData(host).ApplicationAsync(ApplicationStates.Recommendation, requestedPence: 800_000);
        var decisions = host.Services.GetRequiredService<DecisionService>();

        var results = await Task.WhenAll(
            Task.Run(() => decisions.DecideAsync(new DecisionInput(app.Id, DecisionOutcome.Approve, new Money(800_000), Reasons, null, null, app.Version), helen, "helen")),
            Task.Run(() => decisions.DecideAsync(new DecisionInput(app.Id, DecisionOutcome.Approve, new Money(700_000), Reasons, null, null, app.Version), david, "david")));

        var winner = Assert.Single(results, r => r.Succeeded);
        var loser = Assert.Single(results, r => !r.Succeeded);
        Assert.StartsWith("This case was changed by someone else", string.Join(" ", loser.Errors.Values), StringComparison.Ordinal);
        using var db = host.Db();
        var recorded = await db.Decisions.Where(d => d.ApplicationId == app.Id).ToListAsync();
        Assert.Equal(winner.Value!.Id, Assert.Single(recorded).Id);
        Assert.Equal(1, await db.WorkflowJournal.CountAsync(j => j.CaseId == app.Id && j.CaseKind == CaseKind.Application && j.Trigger == "Approve"));
        Assert.Equal(ApplicationStates.OfferMade, (await db.Applications.SingleAsync(a => a.Id == app.Id)).State);
    }

    [Fact]
    public async Task TheApproverCannotAlsoDecide_AndADecisionAboveTheApprovedAmountNeedsANewApproval()
    {
        await using var host = await WorkflowTestHost.CreateAsync();
        var (data, approvals) = (new WorkflowTestData(host), host.Services.GetRequiredService<ApprovalService>());
        var ce = await StaffAsync(host, "Helen", "Chief Executive", Roles.DecisionMaker);
        var app = await data.ApplicationAsync(ApplicationStates.Recommendation, requestedPence: 1_500_000, withApprovals: false);
        await approvals.ApproveAsync(app.Id, null, null, ce, "a-1");

        var own = await DecideAsync(host, app.Id, 1_500_000, ce, null, "own");

        Assert.Equal("You gave the Chief Executive's approval on this case, so someone else must decide it (segregation of duties).", own.Errors[""]);
        using var db = host.Db();
        Assert.False(await db.Decisions.AnyAsync(d => d.ApplicationId == app.Id));
        var approval = await db.Set<CaseApproval>().SingleAsync(a => a.ApplicationId == app.Id);
        approval.AmountPence = 1_200_000;
        await db.SaveChangesAsync();
        var cfo = await StaffAsync(host, "David", "Chief Finance Officer", Roles.DecisionMaker);
        var larger = await DecideAsync(host, app.Id, 1_500_000, cfo, null, "larger");
        Assert.Contains("Still to approve: the Chief Executive.", larger.Errors[""], StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendingTheCaseBack_VoidsItsApprovals_ShownAsVoided_AndANewRoundOfApprovalsIsNeeded()
    {
        await using var host = await WorkflowTestHost.CreateAsync();
        var (data, approvals) = (new WorkflowTestData(host), host.Services.GetRequiredService<ApprovalService>());
        var ce = await StaffAsync(host, "Helen", "Chief Executive", Roles.DecisionMaker);
        var cfo = await StaffAsync(host, "David", "Chief Finance Officer", Roles.DecisionMaker);
        var app = await data.ApplicationAsync(ApplicationStates.Recommendation, requestedPence: 1_500_000, withApprovals: false);
        Assert.True((await approvals.ApproveAsync(app.Id, null, null, ce, "a-1")).Succeeded);

        var noReason = await host.Workflow.FireAsync(new TransitionRequest(CaseRef.Of(app), SendBackHandler.Trigger, cfo, "back-0"));
        var sentBack = await host.Workflow.FireAsync(new TransitionRequest(CaseRef.Of(app), SendBackHandler.Trigger, cfo, "back-1") { Comment = "Ask for the latest accounts." });
        var tracker = (await approvals.TrackerAsync(app.Id, cfo))!;

        Assert.Equal(TransitionError.CommentRequired, noReason.Error);
        Assert.True(sentBack.Succeeded, sentBack.Message);
        Assert.Equal(ApplicationStates.Assessment, sentBack.State);
        var voided = Assert.Single(tracker.Voided);
        Assert.Equal(("Chief Executive", "Helen", "David", "Sent back: Ask for the latest accounts."), (voided.Post, voided.GivenBy, voided.VoidedBy, voided.Reason));
        Assert.False(tracker.Rows[0].Done);
        using (var db = host.Db())
        {
            Assert.Equal(1, await db.AuditLog.CountAsync(e => e.Action == "Approval.Voided" && e.EntityId == app.Id.ToString()));
            var tracked = await db.Applications.SingleAsync(a => a.Id == app.Id);
            host.Workflow.Import(db, tracked, ApplicationStates.Recommendation, DateTimeOffset.UtcNow, "Recommended again");
            await db.SaveChangesAsync();
        }
        var withoutNewApproval = await DecideAsync(host, app.Id, 1_500_000, cfo, null, "d-1");
        Assert.Contains("Still to approve: the Chief Executive.", withoutNewApproval.Errors[""], StringComparison.Ordinal);
        Assert.True((await approvals.ApproveAsync(app.Id, null, null, ce, "a-2")).Succeeded);
        var decided = await DecideAsync(host, app.Id, 1_500_000, cfo, null, "d-2");
        Assert.True(decided.Succeeded, string.Join(" ", decided.Errors.Values));
    }

    [Fact]
    public async Task ADeputy_IsNominatedNoHigherThanThePrincipal_ApprovesAndDecidesWithinTheirOwnLimit_NamedAndAudited()
    {
        await using var host = await WorkflowTestHost.CreateAsync();
        var (data, approvals) = (new WorkflowTestData(host), host.Services.GetRequiredService<ApprovalService>());
        var ce = await StaffAsync(host, "Helen", "Chief Executive", Roles.DecisionMaker);
        var cfo = await StaffAsync(host, "David", "Chief Finance Officer", Roles.DecisionMaker);
        var jamal = await StaffAsync(host, "Jamal", "Senior Grants Officer", Roles.GrantsOfficer);
        var assessor = await StaffAsync(host, "Tom", "Commissioning Officer", Roles.Assessor);

        var tooHigh = await approvals.NominateAsync(new DeputyInput { DeputyUserId = jamal.UserId, Limit = "30000", Reason = "Annual leave in August." }, ce);
        var notStaffWhoDecides = await approvals.NominateAsync(new DeputyInput { DeputyUserId = assessor.UserId, Limit = "1000", Reason = "Annual leave in August." }, ce);
        var notAPrincipal = await approvals.NominateAsync(new DeputyInput { DeputyUserId = ce.UserId, Limit = "1000", Reason = "Annual leave in August." }, jamal);
        var nominated = await approvals.NominateAsync(new DeputyInput { DeputyUserId = jamal.UserId, Limit = "20000", Reason = "Annual leave in August." }, ce);
        var twice = await approvals.NominateAsync(new DeputyInput { DeputyUserId = jamal.UserId, Limit = "5000", Reason = "Annual leave in August." }, ce);

        Assert.IsType<DeputyLimitTooHigh>(tooHigh.Failure);
        Assert.Equal("A deputy's limit cannot be higher than your own delegated limit of £25,000.00; £30,000.00 is too high.", tooHigh.Errors["Limit"]);
        Assert.IsType<NothingChosen>(notStaffWhoDecides.Failure);
        Assert.IsType<RoleNeeded>(notAPrincipal.Failure);
        Assert.True(nominated.Succeeded);
        Assert.Equal("Jamal is already your deputy. End that nomination first to change its limit.", twice.Errors["DeputyUserId"]);

        var withinLimit = await data.ApplicationAsync(ApplicationStates.Recommendation, requestedPence: 1_500_000, withApprovals: false);
        var overLimit = await data.ApplicationAsync(ApplicationStates.Recommendation, requestedPence: 2_200_000, withApprovals: false);
        var small = await data.ApplicationAsync(ApplicationStates.Recommendation, requestedPence: 800_000, withApprovals: false);
        var asDeputy = await approvals.ApproveAsync(withinLimit.Id, null, null, jamal, "a-1");
        var beyond = await approvals.ApproveAsync(overLimit.Id, null, null, jamal, "a-2");
        var tracker = (await approvals.TrackerAsync(withinLimit.Id, cfo))!;
        var decidedAsDeputy = await DecideAsync(host, small.Id, 800_000, jamal, null, "d-1");

        Assert.True(asDeputy.Succeeded, string.Join(" ", asDeputy.Errors.Values));
        Assert.Equal("As deputy for Helen you may act up to £20,000.00; this application is for £22,000.00, so the Chief Executive must approve it.", beyond.Errors[""]);
        Assert.Equal("Jamal as deputy for Helen", tracker.Rows[0].GivenBy);
        Assert.Equal("Jamal for Helen (up to £20,000)", tracker.Rows[0].Deputies);
        Assert.True(decidedAsDeputy.Succeeded, string.Join(" ", decidedAsDeputy.Errors.Values));
        Assert.Equal(("Helen", AuthorityLevel.DecisionMaker), (decidedAsDeputy.Value!.DeputyForName, decidedAsDeputy.Value.AuthorityLevel));

        var ended = await approvals.EndAsync(nominated.Value, ce);
        var afterEnd = await data.ApplicationAsync(ApplicationStates.Recommendation, requestedPence: 800_000, withApprovals: false);
        var refused = await DecideAsync(host, afterEnd.Id, 800_000, jamal, null, "d-2");
        Assert.True(ended.Succeeded);
        Assert.Contains("outside your delegated authority", refused.Errors[""], StringComparison.Ordinal);
        using var db = host.Db();
        Assert.Equal(["Deputy.Nominated", "Deputy.Ended"], await db.AuditLog.Where(e => e.Action.StartsWith("Deputy.")).OrderBy(e => e.Id).Select(e => e.Action).ToListAsync());
        Assert.Equal("Helen", (await db.Set<CaseApproval>().SingleAsync(a => a.ApplicationId == withinLimit.Id)).DeputyForName);
    }

    [Fact]
    public async Task ACaseStartedOnVersionTwo_KeepsItsRules_AndNeedsNoApprovals()
    {
        await using var host = await WorkflowTestHost.CreateAsync();
        var pcc = await StaffAsync(host, "The Commissioner", "Police and Crime Commissioner", Roles.Commissioner);
        var app = await new WorkflowTestData(host).ApplicationAsync(ApplicationStates.Recommendation, requestedPence: 3_000_000, withApprovals: false);
        using (var db = host.Db())
        {
            var tracked = await db.Applications.SingleAsync(a => a.Id == app.Id);
            tracked.SetWorkflowState(ApplicationStates.Recommendation, 2);
            await db.SaveChangesAsync();
        }

        var tracker = (await host.Services.GetRequiredService<ApprovalService>().TrackerAsync(app.Id, pcc))!;
        var decided = await DecideAsync(host, app.Id, 3_000_000, pcc, "WMPCC/2026/002", "v2");

        Assert.Equal(2, tracker.WorkflowVersion);
        Assert.Equal(["Decision: Police and Crime Commissioner (with a decision notice above £25,000)"], tracker.Rows.Select(r => r.Step));
        Assert.True(decided.Succeeded, string.Join(" ", decided.Errors.Values));
    }

    private static async Task<Actor> StaffAsync(WorkflowTestHost host, string name, string jobTitle, string role)
    {
        var actor = await new WorkflowTestData(host).UserAsync(name, role);
        using var db = host.Db();
        var user = await db.Users.SingleAsync(u => u.Id == actor.UserId);
        user.JobTitle = jobTitle;
        await db.SaveChangesAsync();
        return actor;
    }

    private static Task<FeatureResult<Decision>> DecideAsync(WorkflowTestHost host, int applicationId, long pence, Actor actor, string? notice, string key) =>
        host.Services.GetRequiredService<DecisionService>().DecideAsync(
            new DecisionInput(applicationId, DecisionOutcome.Approve, new Money(pence), Reasons, null, notice, null), actor, key);
}
