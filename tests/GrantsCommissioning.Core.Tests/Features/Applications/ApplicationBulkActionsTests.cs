using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Core.Features;
using GrantsCommissioning.Core.Features.Applications;
using GrantsCommissioning.Core.Workflow;
using GrantsCommissioning.TestCommon;
using GrantsCommissioning.TestCommon.Fixtures;
using Microsoft.EntityFrameworkCore;

namespace GrantsCommissioning.Core.Tests.Features.Applications;

/// <summary>
/// An officer asks several applicants for more information, or rejects several applications as ineligible, with one
/// reason: each application goes through the workflow on its own (grant-application v5, where a case asked for
/// information waits for the answer), the applicant is emailed the reason, one that cannot take the action is reported
/// and stops nothing else, and the same batch again, or another batch, changes nothing.
/// </summary>
public sealed class ApplicationBulkActionsTests
{
    private static readonly DateTimeOffset May15 = new(2013, 5, 15, 10, 0, 0, TimeSpan.Zero);
    private const string Reason = "Please send your latest signed accounts and your safeguarding policy.";

    [Fact]
    public async Task RequestInformation_AsksEachApplicant_TheCaseWaitsForTheAnswer_AndAskingAgainChangesNothing()
    {
        await using var test = await TestData.WithReferenceDataAsync(May15);
        var officer = await TestData.CreateUserAsync(test, "priya@example.org", "Priya Shah", Roles.GrantsOfficer);
        var submitted = await ApplicationAsync(test, officer, 1);
        var checking = await ApplicationAsync(test, officer, 2, ApplicationTriggers.StartChecks);
        var assessing = await ApplicationAsync(test, officer, 3, ApplicationTriggers.StartChecks, ApplicationTriggers.PassChecks);
        var actions = test.Get<ApplicationBulkActions>();
        int[] chosen = [submitted, checking, assessing];

        var first = await actions.ApplyAsync(ApplicationBulkAction.RequestInformation, chosen, Reason, officer, "batch-1");
        var again = await actions.ApplyAsync(ApplicationBulkAction.RequestInformation, chosen, Reason, officer, "batch-1");
        var otherBatch = await actions.ApplyAsync(ApplicationBulkAction.RequestInformation, [submitted], Reason, officer, "batch-2");

        Assert.Equal([BulkOutcome.Done, BulkOutcome.Done, BulkOutcome.Failed], first.Value!.Lines.Select(l => l.Outcome));
        Assert.Contains("is not possible while", first.Value.Lines[2].Message, StringComparison.Ordinal);
        Assert.Equal([BulkOutcome.AlreadyDone, BulkOutcome.AlreadyDone, BulkOutcome.Failed], again.Value!.Lines.Select(l => l.Outcome));
        Assert.Equal(BulkOutcome.AlreadyDone, otherBatch.Value!.Lines.Single().Outcome);
        await using var db = test.NewContext();
        var states = await db.Applications.Where(a => chosen.Contains(a.Id)).ToDictionaryAsync(a => a.Id, a => a.State);
        Assert.Equal((ApplicationStates.InformationRequested, ApplicationStates.InformationRequested, ApplicationStates.Assessment),
            (states[submitted], states[checking], states[assessing]));
        var mail = await db.Outbox.Where(e => e.Template == "application-information-needed").OrderBy(e => e.ToAddress).ToListAsync();
        Assert.Equal(["Applicant.1@example.org", "Applicant.2@example.org"], mail.Select(m => m.ToAddress));
        Assert.All(mail, m => Assert.Contains(Reason, m.BodyText, StringComparison.Ordinal));
        Assert.Equal(2, await db.WorkflowJournal.CountAsync(j => j.Trigger == ApplicationTriggers.RequestInformation && j.Comment == Reason));
    }

    [Fact]
    public async Task RejectIneligible_RejectsEachWithTheReason_RefusesWithoutAReasonOrRole_AndTheSameBatchAgainChangesNothing()
    {
        await using var test = await TestData.WithReferenceDataAsync(May15);
        var officer = await TestData.CreateUserAsync(test, "priya@example.org", "Priya Shah", Roles.GrantsOfficer);
        var panel = await TestData.CreateUserAsync(test, "jo@example.org", "Jo Rees", Roles.PanelMember);
        var submitted = await ApplicationAsync(test, officer, 11);
        var checking = await ApplicationAsync(test, officer, 12, ApplicationTriggers.StartChecks);
        var assessing = await ApplicationAsync(test, officer, 13, ApplicationTriggers.StartChecks, ApplicationTriggers.PassChecks);
        var actions = test.Get<ApplicationBulkActions>();
        int[] chosen = [submitted, checking, assessing];

        var noReason = await actions.ApplyAsync(ApplicationBulkAction.RejectIneligible, chosen, "  no ", officer, "batch-0");
        var notAnOfficer = await actions.ApplyAsync(ApplicationBulkAction.RejectIneligible, chosen, Reason, panel, "batch-0");
        var nothing = await actions.ApplyAsync(ApplicationBulkAction.RejectIneligible, [], Reason, officer, "batch-0");
        await using (var db = test.NewContext())
        {
            Assert.Equal(0, await db.Applications.CountAsync(a => chosen.Contains(a.Id) && a.State == ApplicationStates.Rejected));
        }
        var first = await actions.ApplyAsync(ApplicationBulkAction.RejectIneligible, chosen, Reason, officer, "batch-1");
        var again = await actions.ApplyAsync(ApplicationBulkAction.RejectIneligible, chosen, Reason, officer, "batch-1");
        var otherBatch = await actions.ApplyAsync(ApplicationBulkAction.RejectIneligible, [submitted], Reason, officer, "batch-2");

        Assert.IsType<ReasonNeeded>(noReason.Failure);
        Assert.IsType<RoleNeeded>(notAnOfficer.Failure);
        Assert.IsType<NothingChosen>(nothing.Failure);
        Assert.Equal([BulkOutcome.Done, BulkOutcome.Done, BulkOutcome.Failed], first.Value!.Lines.Select(l => l.Outcome));
        Assert.Equal([BulkOutcome.AlreadyDone, BulkOutcome.AlreadyDone, BulkOutcome.Failed], again.Value!.Lines.Select(l => l.Outcome));
        Assert.Equal(BulkOutcome.AlreadyDone, otherBatch.Value!.Lines.Single().Outcome);
        await using var after = test.NewContext();
        var states = await after.Applications.Where(a => chosen.Contains(a.Id)).ToDictionaryAsync(a => a.Id, a => a.State);
        Assert.Equal((ApplicationStates.Rejected, ApplicationStates.Rejected, ApplicationStates.Assessment), (states[submitted], states[checking], states[assessing]));
        var mail = await after.Outbox.Where(e => e.Template == "application-rejected").OrderBy(e => e.ToAddress).ToListAsync();
        Assert.Equal(["Applicant.11@example.org", "Applicant.12@example.org"], mail.Select(m => m.ToAddress));
        Assert.All(mail, m => Assert.Contains("Reason: " + Reason, m.BodyText, StringComparison.Ordinal));
    }

    private static async Task<int> ApplicationAsync(TestDatabase test, Actor officer, int n, params string[] officerTriggers)
    {
        var applicant = await TestData.CreateUserAsync(test, $"applicant{n}@example.org", $"Applicant {n}", Roles.Applicant);
        var orgId = await TestData.CreateOrganisationAsync(test, $"Community Group {n}", applicant);
        var id = await TestData.CreateDraftApplicationAsync(test, orgId, "CGS-2013-14", Money.FromPounds(5_000m), new Dictionary<int, int> { [2] = 100 }, $"BULK-{n:0000}");
        var workflow = test.Get<ICaseWorkflow>();
        foreach (var (trigger, actor) in officerTriggers.Select(t => (t, officer)).Prepend((ApplicationTriggers.Submit, applicant)))
        {
            Assert.True((await workflow.FireAsync(new TransitionRequest(new CaseRef(CaseKind.Application, id), trigger, actor, TestData.Key()))).Succeeded, trigger);
        }
        return id;
    }
}
