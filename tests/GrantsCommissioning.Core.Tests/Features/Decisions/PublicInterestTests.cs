using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Core.Features;
using GrantsCommissioning.Core.Features.DecisionNotices;
using GrantsCommissioning.Core.Features.Decisions;
using GrantsCommissioning.Core.Workflow;
using GrantsCommissioning.TestCommon.Workflow;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GrantsCommissioning.Core.Tests.Features.Decisions;

/// <summary>
/// Issue 11 item 7: a decision flagged of significant public interest needs a notice. A flagged application within the
/// decision maker's £25,000 limit goes, like an above-limit one, to the Commissioner with a decision notice.
/// </summary>
public sealed class PublicInterestTests
{
    private const string Reasons = "Meets objectives two and four.";
    private const string Why = "A refuge in a town centre: local press and councillors have asked about it.";

    [Fact]
    public async Task FlaggedWithinTheLimit_TheDecisionMakerIsRefusedAndNothingChanges_TheCommissionerDecidesWithANotice()
    {
        await using var host = await WorkflowTestHost.CreateAsync();
        var data = new WorkflowTestData(host);
        var officer = await data.UserAsync("Olive", Roles.GrantsOfficer);
        var dm = await data.UserAsync("Dee", Roles.DecisionMaker);
        var pcc = await data.UserAsync("Pat", Roles.Commissioner);
        var app = await data.ApplicationAsync(ApplicationStates.Recommendation, requestedPence: 500_000);

        var flagged = await host.Services.GetRequiredService<PublicInterestService>().FlagAsync(app.Id, Why, officer);
        var byDecisionMaker = await DecideAsync(host, app.Id, dm, null, "dm");
        var byDecisionMakerWithNotice = await DecideAsync(host, app.Id, dm, "WMPCC/2026/071", "dm-notice");
        int decisionsAfterRefusals;
        await using (var check = host.Db())
        {
            decisionsAfterRefusals = await check.Decisions.CountAsync(d => d.ApplicationId == app.Id);
            Assert.Equal(ApplicationStates.Recommendation, (await check.Applications.SingleAsync(a => a.Id == app.Id)).State);
        }
        var byCommissionerWithoutNotice = await DecideAsync(host, app.Id, pcc, null, "pcc-no-notice");
        var byCommissioner = await DecideAsync(host, app.Id, pcc, "WMPCC/2026/072", "pcc");

        Assert.True(flagged.Succeeded, string.Join(" ", flagged.Errors.Values));
        Assert.Equal("This application is flagged as of significant public interest, so under the Scheme of Delegation only the Police and Crime Commissioner " +
            "may approve it, with a decision notice, whatever the amount. Nothing has been recorded.", byDecisionMaker.Errors[""]);
        Assert.Equal(byDecisionMaker.Errors[""], byDecisionMakerWithNotice.Errors[""]);
        Assert.Equal(0, decisionsAfterRefusals);
        Assert.Equal("A decision on an application of significant public interest is a Police and Crime Commissioner decision and needs a decision notice reference.",
            byCommissionerWithoutNotice.Errors[""]);
        Assert.True(byCommissioner.Succeeded, string.Join(" ", byCommissioner.Errors.Values));
        Assert.Equal((AuthorityLevel.Commissioner, "WMPCC/2026/072"), (byCommissioner.Value!.AuthorityLevel, byCommissioner.Value.NoticeReference));
        await using var db = host.Db();
        var audit = await db.AuditLog.SingleAsync(e => e.Action == "Application.PublicInterestFlagged" && e.EntityId == app.Id.ToString());
        Assert.Contains(Why, audit.After, StringComparison.Ordinal);
        // An anonymous type, not a tuple: Npgsql cannot read a PostgreSQL record as a .NET tuple.
        var flag = await db.Applications.Where(a => a.Id == app.Id).Select(a => new { a.PublicInterestReason, a.PublicInterestFlaggedByName }).SingleAsync();
        Assert.Equal((Why, "Olive"), (flag.PublicInterestReason, flag.PublicInterestFlaggedByName));
    }

    [Fact]
    public async Task Unflagged_WithinTheLimit_TheDecisionMakerStillApprovesWithoutANotice()
    {
        await using var host = await WorkflowTestHost.CreateAsync();
        var data = new WorkflowTestData(host);
        var dm = await data.UserAsync("Dee", Roles.DecisionMaker);
        var app = await data.ApplicationAsync(ApplicationStates.Recommendation, requestedPence: 500_000);

        var decided = await DecideAsync(host, app.Id, dm, null, "dm");

        Assert.True(decided.Succeeded, string.Join(" ", decided.Errors.Values));
        Assert.Equal(AuthorityLevel.DecisionMaker, decided.Value!.AuthorityLevel);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   press  ")]
    public async Task Flag_WithoutAReason_IsRefusedAndChangesNothing(string? reason)
    {
        await using var host = await WorkflowTestHost.CreateAsync();
        var data = new WorkflowTestData(host);
        var dm = await data.UserAsync("Dee", Roles.DecisionMaker);
        var app = await data.ApplicationAsync(ApplicationStates.Recommendation, requestedPence: 500_000);

        var result = await host.Services.GetRequiredService<PublicInterestService>().FlagAsync(app.Id, reason, dm);
        var decided = await DecideAsync(host, app.Id, dm, null, "dm");

        Assert.False(result.Succeeded);
        Assert.Equal("Say why this application is of significant public interest (at least 10 characters, at most 2,000).", result.Errors["Reason"]);
        Assert.True(decided.Succeeded, string.Join(" ", decided.Errors.Values));
        await using var db = host.Db();
        Assert.False(await db.AuditLog.AnyAsync(e => e.Action == "Application.PublicInterestFlagged"));
    }

    [Fact]
    public async Task Flagged_TheTrackerNamesTheCommissioner_AndTheNoticeDraftedForItIsOfSignificantPublicInterest()
    {
        await using var host = await WorkflowTestHost.CreateAsync();
        var data = new WorkflowTestData(host);
        var officer = await data.UserAsync("Olive", Roles.GrantsOfficer);
        var dm = await data.UserAsync("Dee", Roles.DecisionMaker);
        var app = await data.ApplicationAsync(ApplicationStates.Recommendation, requestedPence: 500_000);
        var approvals = host.Services.GetRequiredService<ApprovalService>();
        var before = (await approvals.TrackerAsync(app.Id, officer))!;

        await host.Services.GetRequiredService<PublicInterestService>().FlagAsync(app.Id, Why, dm);
        var after = (await approvals.TrackerAsync(app.Id, officer))!;
        var notices = host.Services.GetRequiredService<DecisionNoticeService>();
        var drafted = await notices.CreateAsync(new NoticeDraft { Title = "Grant to a town-centre refuge", ApplicationReference = app.ApplicationReference }, officer);

        Assert.Null(before.PublicInterest);
        Assert.Equal("Decision: Decision maker (up to £25,000)", before.Rows[^1].Step);
        Assert.Equal(Why, after.PublicInterest?.Reason);
        Assert.Equal("Decision: Police and Crime Commissioner (with a decision notice: significant public interest)", after.Rows[^1].Step);
        Assert.True(drafted.Succeeded, string.Join(" ", drafted.Errors.Values));
        Assert.True(await notices.PublicInterestAsync(app.ApplicationReference));
        await using var db = host.Db();
        Assert.True(await db.Set<DecisionNotice>().Where(n => n.Id == drafted.Value).Select(n => n.SignificantPublicInterest).SingleAsync());
    }

    private const string NotAnyMore = "The press interest was about another refuge: an ordinary grant within the limits.";

    [Fact]
    public async Task RemoveFlag_WithAReason_TheDelegationCheckGoesBackToTheValueLimits_AndTheHistoryIsKept()
    {
        await using var host = await WorkflowTestHost.CreateAsync();
        var data = new WorkflowTestData(host);
        var officer = await data.UserAsync("Olive", Roles.GrantsOfficer);
        var dm = await data.UserAsync("Dee", Roles.DecisionMaker);
        var app = await data.ApplicationAsync(ApplicationStates.Recommendation, requestedPence: 500_000);
        var service = host.Services.GetRequiredService<PublicInterestService>();
        await service.FlagAsync(app.Id, Why, officer);
        var whileFlagged = await DecideAsync(host, app.Id, dm, null, "dm-flagged");

        var removed = await service.RemoveFlagAsync(app.Id, NotAnyMore, dm);
        var again = await service.RemoveFlagAsync(app.Id, NotAnyMore, dm);
        var history = await service.HistoryAsync(app.Id);
        var tracker = (await host.Services.GetRequiredService<ApprovalService>().TrackerAsync(app.Id, officer))!;
        var afterRemoval = await DecideAsync(host, app.Id, dm, null, "dm-unflagged");

        Assert.StartsWith("This application is flagged as of significant public interest", whileFlagged.Errors[""], StringComparison.Ordinal);
        Assert.True(removed.Succeeded && removed.Value, string.Join(" ", removed.Errors.Values));
        Assert.True(again.Succeeded);
        Assert.False(again.Value);
        Assert.Equal([(true, "Olive", Why), (false, "Dee", NotAnyMore)], history.Select(h => (h.Flagged, h.By, h.Reason)).ToList());
        Assert.Null(tracker.PublicInterest);
        Assert.Equal("Decision: Decision maker (up to £25,000)", tracker.Rows[^1].Step);
        Assert.True(afterRemoval.Succeeded, string.Join(" ", afterRemoval.Errors.Values));
        Assert.Equal(AuthorityLevel.DecisionMaker, afterRemoval.Value!.AuthorityLevel);
        await using var db = host.Db();
        var audit = await db.AuditLog.SingleAsync(e => e.Action == PublicInterestService.RemovedAction && e.EntityId == app.Id.ToString());
        Assert.Contains(Why, audit.Before, StringComparison.Ordinal);
        Assert.Contains(NotAnyMore, audit.After, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("no")]
    public async Task RemoveFlag_WithoutAReason_OrByAnAssessor_IsRefusedAndChangesNothing(string? reason)
    {
        await using var host = await WorkflowTestHost.CreateAsync();
        var data = new WorkflowTestData(host);
        var officer = await data.UserAsync("Olive", Roles.GrantsOfficer);
        var assessor = await data.UserAsync("Ada", Roles.Assessor);
        var app = await data.ApplicationAsync(ApplicationStates.Recommendation, requestedPence: 500_000);
        var service = host.Services.GetRequiredService<PublicInterestService>();
        await service.FlagAsync(app.Id, Why, officer);

        var noReason = await service.RemoveFlagAsync(app.Id, reason, officer);
        var byAssessor = await service.RemoveFlagAsync(app.Id, NotAnyMore, assessor);

        Assert.Equal("Say why the application is no longer of significant public interest (at least 10 characters, at most 2,000).", noReason.Errors["Reason"]);
        Assert.False(byAssessor.Succeeded);
        await using var db = host.Db();
        Assert.Equal(Why, await db.Applications.Where(a => a.Id == app.Id).Select(a => a.PublicInterestReason).SingleAsync());
        Assert.False(await db.AuditLog.AnyAsync(e => e.Action == PublicInterestService.RemovedAction));
    }

    [Fact]
    public async Task RemoveFlag_OnceANoticeIsDrafted_OrTheDecisionRecorded_IsRefusedAndChangesNothing()
    {
        await using var host = await WorkflowTestHost.CreateAsync();
        var data = new WorkflowTestData(host);
        var officer = await data.UserAsync("Olive", Roles.GrantsOfficer);
        var pcc = await data.UserAsync("Pat", Roles.Commissioner);
        var service = host.Services.GetRequiredService<PublicInterestService>();
        var withNotice = await data.ApplicationAsync(ApplicationStates.Recommendation, requestedPence: 500_000);
        var decided = await data.ApplicationAsync(ApplicationStates.Recommendation, requestedPence: 500_000);
        await service.FlagAsync(withNotice.Id, Why, officer);
        await service.FlagAsync(decided.Id, Why, officer);
        var drafted = await host.Services.GetRequiredService<DecisionNoticeService>().CreateAsync(
            new NoticeDraft { Title = "Grant to a town-centre refuge", ApplicationReference = withNotice.ApplicationReference }, officer);
        Assert.True(drafted.Succeeded, string.Join(" ", drafted.Errors.Values));
        Assert.True((await DecideAsync(host, decided.Id, pcc, "WMPCC/2026/073", "pcc")).Succeeded);

        var afterNotice = await service.RemoveFlagAsync(withNotice.Id, NotAnyMore, officer);
        var afterDecision = await service.RemoveFlagAsync(decided.Id, NotAnyMore, pcc);

        Assert.StartsWith("This flag of significant public interest can no longer be removed: decision notice ", afterNotice.Errors[""], StringComparison.Ordinal);
        Assert.Contains("decision notice", afterNotice.Errors[""], StringComparison.Ordinal);
        Assert.Contains("a decision has been recorded", afterDecision.Errors[""], StringComparison.Ordinal);
        await using var db = host.Db();
        Assert.Equal(2, await db.Applications.CountAsync(a => (a.Id == withNotice.Id || a.Id == decided.Id) && a.PublicInterestReason == Why));
        Assert.False(await db.AuditLog.AnyAsync(e => e.Action == PublicInterestService.RemovedAction));
    }

    private static Task<FeatureResult<Decision>> DecideAsync(WorkflowTestHost host, int applicationId, Actor actor, string? notice, string key) =>
        host.Services.GetRequiredService<DecisionService>().DecideAsync(
            new DecisionInput(applicationId, DecisionOutcome.Approve, new Money(500_000), Reasons, null, notice, null), actor, key);
}
