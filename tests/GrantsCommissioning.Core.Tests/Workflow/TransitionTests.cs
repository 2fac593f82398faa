using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Core.Workflow;
using GrantsCommissioning.TestCommon.Workflow;
using Microsoft.EntityFrameworkCore;

namespace GrantsCommissioning.Core.Tests.Workflow;

public sealed class TransitionTests(WorkflowHostFixture fixture) : IClassFixture<WorkflowHostFixture>
{
    private ICaseWorkflow Workflow => fixture.Host.Workflow;

    [Fact]
    public async Task FireAsync_WhenRetriedWithSameKey_ReturnsOriginalResultAndWritesNothing()
    {
        var officer = await fixture.Data.UserAsync("Gina", Roles.GrantsOfficer);
        var app = await fixture.Data.ApplicationAsync(ApplicationStates.Submitted);
        var request = new TransitionRequest(CaseRef.Of(app), ApplicationTriggers.StartChecks, officer, Guid.NewGuid().ToString());

        var first = await Workflow.FireAsync(request);
        var counts = await CountsAsync(app.Id);
        var retry = await Workflow.FireAsync(request);

        Assert.True(first.Succeeded, first.Message);
        Assert.False(first.WasDuplicate);
        Assert.True(retry.Succeeded);
        Assert.True(retry.WasDuplicate);
        Assert.Equal((first.State, first.Version), (retry.State, retry.Version));
        Assert.Equal(counts, await CountsAsync(app.Id));
    }

    [Fact]
    public async Task FireAsync_WhenDoubleClickedConcurrently_MovesOnceAndSendsOneEmailEach()
    {
        var applicant = await fixture.Data.UserAsync("Ann", Roles.Applicant);
        await fixture.Data.UserAsync("Gus", Roles.GrantsOfficer);
        var app = await fixture.Data.ApplicationAsync(ApplicationStates.Draft, applicant: applicant);
        var request = new TransitionRequest(CaseRef.Of(app), ApplicationTriggers.Submit, applicant, Guid.NewGuid().ToString());

        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => Workflow.FireAsync(request))));

        Assert.All(results, r => Assert.True(r.Succeeded, r.Message));
        Assert.Single(results, r => !r.WasDuplicate);
        using var db = fixture.Host.Db();
        Assert.Single(await db.WorkflowJournal.Where(j => j.CaseKind == CaseKind.Application && j.CaseId == app.Id && j.Trigger == ApplicationTriggers.Submit).ToListAsync());
        var mail = await db.Outbox.Where(e => e.DedupeKey.StartsWith("wf:" + request.IdempotencyKey)).ToListAsync();
        Assert.Single(mail, e => e.Template == "application-submitted");
        Assert.Contains(mail, e => e.Template == "application-received");
    }

    [Fact]
    public async Task FireAsync_WhenTwoPeopleActOnTheSameVersion_OneWinsOtherGetsReloadMessage()
    {
        var first = await fixture.Data.UserAsync("Fay", Roles.GrantsOfficer);
        var second = await fixture.Data.UserAsync("Sid", Roles.GrantsOfficer);
        var app = await fixture.Data.ApplicationAsync(ApplicationStates.EligibilityCheck);
        var seen = app.Version;

        var results = await Task.WhenAll(
            Task.Run(() => Workflow.FireAsync(new TransitionRequest(CaseRef.Of(app), ApplicationTriggers.PassChecks, first, Guid.NewGuid().ToString()) { ExpectedVersion = seen })),
            Task.Run(() => Workflow.FireAsync(new TransitionRequest(CaseRef.Of(app), ApplicationTriggers.FailChecks, second, Guid.NewGuid().ToString()) { ExpectedVersion = seen, Comment = "Not eligible" })));

        var winner = Assert.Single(results, r => r.Succeeded);
        var loser = Assert.Single(results, r => !r.Succeeded);
        Assert.Equal(TransitionError.ConcurrencyConflict, loser.Error);
        Assert.StartsWith("This case was changed by someone else (now in state ", loser.Message, StringComparison.Ordinal);
        Assert.EndsWith("Reload to see the latest.", loser.Message, StringComparison.Ordinal);
        Assert.Equal(winner.State, loser.State);
    }

    [Fact]
    public async Task FireAsync_WhenTriggerNotAllowedInState_ExplainsWhy()
    {
        var officer = await fixture.Data.UserAsync("Gina", Roles.GrantsOfficer);
        var app = await fixture.Data.ApplicationAsync(ApplicationStates.Draft);

        var result = await Workflow.FireAsync(new TransitionRequest(CaseRef.Of(app), ApplicationTriggers.PassChecks, officer, Guid.NewGuid().ToString()));

        Assert.Equal(TransitionError.TriggerNotPermitted, result.Error);
        Assert.Contains("Draft", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FireAsync_WhenCommentRequiredButMissing_IsRefused()
    {
        var officer = await fixture.Data.UserAsync("Gina", Roles.GrantsOfficer);
        var app = await fixture.Data.ApplicationAsync(ApplicationStates.EligibilityCheck);

        var result = await Workflow.FireAsync(new TransitionRequest(CaseRef.Of(app), ApplicationTriggers.FailChecks, officer, Guid.NewGuid().ToString()));

        Assert.Equal(TransitionError.CommentRequired, result.Error);
    }

    [Fact]
    public async Task FireAsync_WhenEffectsThrow_RollsBackStateJournalMailAndTimers()
    {
        var officer = await fixture.Data.UserAsync("Gina", Roles.GrantsOfficer);
        var ret = await fixture.Data.ReturnAsync(ReturnStates.Scheduled, new DateOnly(2030, 6, 30), new DateOnly(2030, 7, 31), DateTimeOffset.UtcNow);
        var before = await CountsAsync(ret.Id, CaseKind.MonitoringReturn);

        await Assert.ThrowsAsync<InvalidOperationException>(() => Workflow.FireAsync(
            new TransitionRequest(CaseRef.Of(ret), ReturnTriggers.Open, officer, Guid.NewGuid().ToString())
            {
                Payload = new InjectedWrite(_ => throw new InvalidOperationException("decision row failed")),
            }));

        using var db = fixture.Host.Db();
        Assert.Equal(ReturnStates.Scheduled, (await db.Returns.SingleAsync(r => r.Id == ret.Id)).State);
        Assert.Equal(before, await CountsAsync(ret.Id, CaseKind.MonitoringReturn));
        Assert.Empty(await db.WorkflowTimers.Where(t => t.CaseId == ret.Id && t.CaseKind == CaseKind.MonitoringReturn && t.State == ReturnStates.Due).ToListAsync());
    }

    [Fact]
    public async Task GetPermittedTriggersAsync_WhenActorsDiffer_OffersOnlyTheirActions()
    {
        var officer = await fixture.Data.UserAsync("Gina", Roles.GrantsOfficer);
        var maker = await fixture.Data.UserAsync("Dee", Roles.DecisionMaker);
        var panel = await fixture.Data.UserAsync("Pam", Roles.PanelMember);
        var app = await fixture.Data.ApplicationAsync(ApplicationStates.Recommendation, smallFund: false);

        var forOfficer = await Workflow.GetPermittedTriggersAsync(CaseRef.Of(app), officer);
        var forMaker = await Workflow.GetPermittedTriggersAsync(CaseRef.Of(app), maker);
        var forPanel = await Workflow.GetPermittedTriggersAsync(CaseRef.Of(app), panel);

        // v3: recording an approval is internal (offered by the approval tracker only to whoever holds the post or deputises
        // for it), so it is not among the buttons the case page lists for everyone in the role.
        Assert.Equal([ApplicationTriggers.Withdraw], forOfficer.Select(t => t.Trigger).Order(StringComparer.Ordinal));
        Assert.Equal([ApplicationTriggers.Approve, ApplicationTriggers.Defer, ApplicationTriggers.PartFund, ApplicationTriggers.Reject, "SendBack"],
            forMaker.Select(t => t.Trigger).Order(StringComparer.Ordinal));
        Assert.True(forMaker.Single(t => t.Trigger == ApplicationTriggers.Reject).CommentRequired);
        Assert.True(forMaker.Single(t => t.Trigger == ApplicationTriggers.Approve).AmountLimited);
        Assert.Empty(forPanel);
    }

    [Theory]
    [InlineData(2_500_000, true)]
    [InlineData(2_500_001, false)]
    public async Task GetPermittedTriggersAsync_WhenAmountGiven_HidesDecisionsBeyondTheLimit(long pence, bool approveOffered)
    {
        var maker = await fixture.Data.UserAsync("Dee", Roles.DecisionMaker);
        var app = await fixture.Data.ApplicationAsync(ApplicationStates.Recommendation, smallFund: false);

        var triggers = await Workflow.GetPermittedTriggersAsync(CaseRef.Of(app), maker, new Money(pence));

        Assert.Equal(approveOffered, triggers.Any(t => t.Trigger == ApplicationTriggers.Approve));
        Assert.Contains(triggers, t => t.Trigger == ApplicationTriggers.Reject);
    }

    [Fact]
    public async Task Import_WhenStateUnknown_Throws()
    {
        var app = await fixture.Data.ApplicationAsync(ApplicationStates.Draft);
        using var db = fixture.Host.Db();
        var tracked = await db.Applications.SingleAsync(a => a.Id == app.Id);

        var ex = Assert.Throws<ArgumentException>(() => Workflow.Import(db, tracked, "Approved", DateTimeOffset.UtcNow));

        Assert.Contains("'Approved' is not a state of workflow 'grant-application'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_WhenReturnIsDue_JournalsImportAndSchedulesTheReminderAndOverdueNoticeOnWorkingDaysAt9am()
    {
        var ret = await fixture.Data.ReturnAsync(ReturnStates.Due, new DateOnly(2030, 6, 30), new DateOnly(2030, 7, 31), DateTimeOffset.UtcNow);

        using var db = fixture.Host.Db();
        var journal = await db.WorkflowJournal.SingleAsync(j => j.CaseKind == CaseKind.MonitoringReturn && j.CaseId == ret.Id);
        var timers = await db.WorkflowTimers.Where(t => t.CaseKind == CaseKind.MonitoringReturn && t.CaseId == ret.Id).ToListAsync();
        Assert.Equal(("Import", ReturnStates.Due), (journal.Trigger, journal.ToState));
        // Due Wednesday 31 July 2030: the reminder five working days before (Wednesday 24th), the overdue notice one
        // working day after (Thursday 1 August), each at 09:00 UK time (08:00 UTC in summer).
        Assert.Equal(
            [
                ("MarkOverdue", new DateTimeOffset(2030, 8, 1, 8, 0, 0, TimeSpan.Zero)),
                ("Remind", new DateTimeOffset(2030, 7, 24, 8, 0, 0, TimeSpan.Zero)),
            ],
            timers.Select(t => (t.Trigger, t.DueAt.ToUniversalTime())).OrderBy(t => t.Trigger, StringComparer.Ordinal).ThenBy(t => t.Item2));
    }

    [Fact]
    public void Diagram_WhenCaseInState_HighlightsCurrentState()
    {
        var diagrams = (IWorkflowDiagrams)fixture.Host.Services.GetService(typeof(IWorkflowDiagrams))!;

        var mermaid = diagrams.Diagram(ApplicationStates.DefinitionId, 1, ApplicationStates.Assessment);

        Assert.StartsWith("stateDiagram-v2", mermaid.TrimStart(), StringComparison.Ordinal);
        Assert.Contains("Recommendation --> OfferMade : Approve", mermaid, StringComparison.Ordinal);
        Assert.Contains("class Assessment current", mermaid, StringComparison.Ordinal);
    }

    private async Task<(int Journal, int Outbox, int Timers)> CountsAsync(int caseId, CaseKind kind = CaseKind.Application)
    {
        using var db = fixture.Host.Db();
        return (await db.WorkflowJournal.CountAsync(j => j.CaseKind == kind && j.CaseId == caseId),
            await db.Outbox.CountAsync(),
            await db.WorkflowTimers.CountAsync(t => t.CaseKind == kind && t.CaseId == caseId));
    }
}
