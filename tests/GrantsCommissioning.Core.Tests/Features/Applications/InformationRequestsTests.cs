using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Core.Features;
using GrantsCommissioning.Core.Features.Applicants;
using GrantsCommissioning.Core.Features.Applications;
using GrantsCommissioning.Core.Features.Attachments;
using GrantsCommissioning.Core.Workflow;
using GrantsCommissioning.TestCommon;
using GrantsCommissioning.TestCommon.Fixtures;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace GrantsCommissioning.Core.Tests.Features.Applications;

/// <summary>
/// grant-application v5: the officer asks for more information and the case waits; the applicant answers in the app
/// (with a document if they like), which puts the case back in the officer's checks through the workflow, journalled,
/// audited and emailed to the grants officers.
/// </summary>
public sealed class InformationRequestsTests
{
    private static readonly DateTimeOffset May15 = new(2013, 5, 15, 10, 0, 0, TimeSpan.Zero);
    private static readonly byte[] PdfBytes = "%PDF-1.7\n1 0 obj << >> endobj\n%%EOF\n"u8.ToArray();
    private const string Question = "Please upload your safeguarding policy and say who will run the sessions.";
    private const string Answer = "Our policy is attached; the sessions are run by two England Boxing level 2 coaches.";

    [Fact]
    public async Task Reply_WhileTheOfficerWaits_MovesTheCaseBackToTheChecks_JournalledAuditedAndEmailed_AndTheSameKeyAgainChangesNothing()
    {
        await using var test = await TestData.WithReferenceDataAsync(May15);
        var (officer, applicant, id) = await SubmittedAsync(test, 1);
        var stranger = await TestData.CreateUserAsync(test, "stranger@example.org", "Sam Stranger", Roles.Applicant);
        await TestData.CreateOrganisationAsync(test, "Another Group", stranger);
        var requests = test.Get<InformationRequests>();
        var asked = await test.Get<ApplicationBulkActions>().ApplyAsync(ApplicationBulkAction.RequestInformation, [id], Question, officer, "batch-1");
        Assert.Equal(BulkOutcome.Done, asked.Value!.Lines.Single().Outcome);

        var view = await requests.ForApplicantAsync(id, applicant);
        var strangersView = await requests.ForApplicantAsync(id, stranger);
        var store = test.Get<AttachmentStore>();
        var submittedKind = await store.SaveAsync(new AttachmentUpload(AttachmentOwner.Application, id, "Supporting document", "late.pdf", new MemoryStream(PdfBytes)), applicant);
        var further = await store.SaveAsync(new AttachmentUpload(AttachmentOwner.Application, id, InformationRequests.Purpose, "policy.pdf", new MemoryStream(PdfBytes)), applicant);
        var empty = await requests.ReplyAsync(id, new InformationReplyInput { Answer = "   " }, applicant, "k-1");
        var tooLong = await requests.ReplyAsync(id, new InformationReplyInput { Answer = new string('a', InformationReplyValidator.MaxLength + 1) }, applicant, "k-1");
        var byStranger = await requests.ReplyAsync(id, new InformationReplyInput { Answer = Answer }, stranger, "k-1");
        await using (var db = test.NewContext())
        {
            Assert.Equal(ApplicationStates.InformationRequested, await db.Applications.Where(a => a.Id == id).Select(a => a.State).SingleAsync());
            Assert.False(await db.WorkflowJournal.AnyAsync(j => j.Trigger == ApplicationTriggers.ProvideInformation));
        }
        var sent = await requests.ReplyAsync(id, new InformationReplyInput { Answer = "  " + Answer + " " }, applicant, "k-1");
        var again = await requests.ReplyAsync(id, new InformationReplyInput { Answer = Answer }, applicant, "k-1");

        Assert.NotNull(view);
        Assert.True(view.IsAwaiting);
        Assert.Equal(Question, view.Question);
        Assert.Null(strangersView);
        Assert.False(submittedKind.Succeeded);
        Assert.True(further.Succeeded, string.Join(";", further.Errors.Values));
        Assert.Equal("Write your answer to the grants team's question.", empty.Errors["Answer"]);
        Assert.Equal("Your answer must be 2,000 characters or fewer (it has 2,001).", tooLong.Errors["Answer"]);
        Assert.IsType<NotFound>(byStranger.Failure);
        Assert.True(sent.Succeeded, string.Join(";", sent.Errors.Values));
        Assert.True(again.Succeeded);
        await using var after = test.NewContext();
        Assert.Equal(ApplicationStates.EligibilityCheck, await after.Applications.Where(a => a.Id == id).Select(a => a.State).SingleAsync());
        var reply = await after.WorkflowJournal.SingleAsync(j => j.CaseId == id && j.Trigger == ApplicationTriggers.ProvideInformation);
        // Journalled on the version the case started on: the latest (answers in the app came with v5).
        Assert.Equal((ApplicationStates.InformationRequested, ApplicationStates.EligibilityCheck, Answer, test.Get<WorkflowRegistry>().Latest(CaseKind.Application).Definition.Version),
            (reply.FromState, reply.ToState, reply.Comment, reply.DefinitionVersion));
        Assert.True(await after.AuditLog.AnyAsync(a => a.Action == "Application.ProvideInformation" && a.EntityId == id.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        var mail = await after.Outbox.SingleAsync(e => e.Template == "application-information-provided");
        Assert.Equal("priya@example.org", mail.ToAddress);
        Assert.Contains(Answer, mail.BodyText, StringComparison.Ordinal);
        var thread = await requests.ThreadAsync(id);
        Assert.Equal([(false, Question), (true, Answer)], thread.Thread.Select(m => (m.FromApplicant, m.Text)));
        Assert.Equal(["policy.pdf"], await after.Attachments.Where(a => a.ApplicationId == id).Select(a => a.FileName).ToListAsync());
    }

    [Fact]
    public async Task Reply_WhenNoInformationIsAwaited_IsRefusedWithATypedFailure_AndNothingChanges()
    {
        await using var test = await TestData.WithReferenceDataAsync(May15);
        var (_, applicant, id) = await SubmittedAsync(test, 2);
        int journalBefore;
        await using (var db = test.NewContext())
        {
            journalBefore = await db.WorkflowJournal.CountAsync(j => j.CaseId == id);
        }

        var result = await test.Get<InformationRequests>().ReplyAsync(id, new InformationReplyInput { Answer = Answer }, applicant, "k-2");
        var upload = await test.Get<AttachmentStore>().SaveAsync(
            new AttachmentUpload(AttachmentOwner.Application, id, InformationRequests.Purpose, "policy.pdf", new MemoryStream(PdfBytes)), applicant);

        var failure = Assert.IsType<NotAwaitingInformation>(result.Failure);
        Assert.Equal("Submitted", failure.StateLabel);
        Assert.Contains("is not waiting for more information", Failures.Message(failure), StringComparison.Ordinal);
        Assert.False(upload.Succeeded);
        await using var after = test.NewContext();
        Assert.Equal(ApplicationStates.Submitted, await after.Applications.Where(a => a.Id == id).Select(a => a.State).SingleAsync());
        Assert.Equal(journalBefore, await after.WorkflowJournal.CountAsync(j => j.CaseId == id));
        Assert.False(await after.Outbox.AnyAsync(e => e.Template == "application-information-provided"));
        Assert.False(await after.Attachments.AnyAsync(a => a.ApplicationId == id));
    }

    [Fact]
    public async Task FilesSentWithAnAnswer_AreShownUnderThatAnswer_AndTheNextQuestionsFilesUnderTheNextAnswer()
    {
        await using var test = await TestData.WithReferenceDataAsync(May15);
        var (officer, applicant, id) = await SubmittedAsync(test, 3);
        var requests = test.Get<InformationRequests>();
        var actions = test.Get<ApplicationBulkActions>();
        var store = test.Get<AttachmentStore>();

        await actions.ApplyAsync(ApplicationBulkAction.RequestInformation, [id], Question, officer, "batch-q1");
        Assert.True((await UploadAsync(store, id, "policy.pdf", applicant)).Succeeded);
        var beforeAnswer = await requests.ThreadAsync(id);
        Assert.True((await requests.ReplyAsync(id, new InformationReplyInput { Answer = Answer }, applicant, "a-1")).Succeeded);
        await actions.ApplyAsync(ApplicationBulkAction.RequestInformation, [id], "Please also send the coaches' DBS certificate numbers.", officer, "batch-q2");
        Assert.True((await UploadAsync(store, id, "dbs.pdf", applicant)).Succeeded);
        var secondOpen = await requests.ForApplicantAsync(id, applicant);
        // While the second question is open, what went with the first answer stays as it was sent.
        var removeSent = await store.DeleteAsync(secondOpen!.Thread[1].Files[0].Id, applicant);
        Assert.True((await requests.ReplyAsync(id, new InformationReplyInput { Answer = "Both certificate numbers are in the file." }, applicant, "a-2")).Succeeded);
        var staff = await requests.ThreadAsync(id);
        var applicantsView = await requests.ForApplicantAsync(id, applicant);

        // While the first question was open, its file waited under it; the answer took it.
        Assert.Equal([["policy.pdf"]], beforeAnswer.Thread.Select(m => m.Files.Select(f => f.FileName).ToList()));
        Assert.Equal(beforeAnswer.Thread[0].Sequence, beforeAnswer.Open!.Sequence);
        Assert.False(removeSent.Succeeded);
        Assert.Equal(["policy.pdf"], secondOpen.Thread[1].Files.Select(f => f.FileName));
        Assert.Equal(["dbs.pdf"], secondOpen.Thread[2].Files.Select(f => f.FileName));
        Assert.Equal([(false, 0), (true, 1), (false, 0), (true, 1)], staff.Thread.Select(m => (m.FromApplicant, m.Files.Count)));
        Assert.Equal(["policy.pdf"], staff.Thread[1].Files.Select(f => f.FileName));
        Assert.Equal(["dbs.pdf"], staff.Thread[3].Files.Select(f => f.FileName));
        Assert.Null(staff.Open);
        Assert.Equal(staff.Thread.Select(m => m.Files.Select(f => f.Id).ToList()), applicantsView!.Thread.Select(m => m.Files.Select(f => f.Id).ToList()));
        // Once answered, a file can no longer be added to (or taken from) what was sent.
        Assert.False((await UploadAsync(store, id, "late.pdf", applicant)).Succeeded);
        Assert.False((await store.DeleteAsync(staff.Thread[1].Files[0].Id, applicant)).Succeeded);
    }

    [Fact]
    public async Task OnVersionFour_TheApplicantCannotAnswerInTheApp_ButSeesTheQuestionSendsFilesForIt_AndStaffSeeWhoToContact()
    {
        await using var test = await TestData.WithReferenceDataAsync(May15);
        var (officer, applicant, id) = await SubmittedAsync(test, 4);
        await using (var db = test.NewContext())
        {
            // An application submitted before v5 was released keeps v4, where a question leaves the case where it is.
            var app = await db.Applications.SingleAsync(a => a.Id == id);
            app.SetWorkflowState(app.State, 4);
            await db.SaveChangesAsync();
        }
        var requests = test.Get<InformationRequests>();
        var store = test.Get<AttachmentStore>();
        var asked = await test.Get<ApplicationBulkActions>().ApplyAsync(ApplicationBulkAction.RequestInformation, [id], Question, officer, "batch-v4");
        Assert.Equal(BulkOutcome.Done, asked.Value!.Lines.Single().Outcome);

        var view = await requests.ForApplicantAsync(id, applicant);
        var todo = (await test.Get<ApplicantTrackService>().DashboardAsync(applicant)).Single().InformationRequested;
        var policy = await UploadAsync(store, id, "policy.pdf", applicant);
        var submittedKind = await store.SaveAsync(new AttachmentUpload(AttachmentOwner.Application, id, "Supporting document", "late.pdf", new MemoryStream(PdfBytes)), applicant);
        var reply = await requests.ReplyAsync(id, new InformationReplyInput { Answer = Answer }, applicant, "v4-1");
        var staff = await requests.ThreadAsync(id);

        Assert.Equal(ApplicationStates.Submitted, view!.State);
        Assert.False(view.IsAwaiting);
        Assert.True(view.IsAwaitingOutsideTheApp);
        Assert.Equal(Question, view.Question);
        Assert.Equal([(id, Question, false)], todo.Select(t => (t.ApplicationId, t.Question, t.AnswersInApp)));
        Assert.True(policy.Succeeded, string.Join(";", policy.Errors.Values));
        Assert.False(submittedKind.Succeeded);
        Assert.IsType<NotAwaitingInformation>(reply.Failure);
        Assert.Equal(new OpenQuestion(staff.Thread[0].Sequence, AnswersInApp: false), staff.Open);
        Assert.Equal(["policy.pdf"], staff.Thread.Single().Files.Select(f => f.FileName));
        Assert.Equal(["Applicant 4 <applicant4@example.org>"], staff.Contacts);

        // The question stays open through the checks, and closes when the case moves on from them.
        Assert.True((await test.Get<ICaseWorkflow>().FireAsync(new TransitionRequest(new CaseRef(CaseKind.Application, id), ApplicationTriggers.StartChecks, officer, TestData.Key()))).Succeeded);
        Assert.True((await UploadAsync(store, id, "accounts.pdf", applicant)).Succeeded);
        Assert.True((await test.Get<ICaseWorkflow>().FireAsync(new TransitionRequest(new CaseRef(CaseKind.Application, id), ApplicationTriggers.PassChecks, officer, TestData.Key()))).Succeeded);
        Assert.False((await UploadAsync(store, id, "late.pdf", applicant)).Succeeded);
        var closed = await requests.ThreadAsync(id);
        Assert.Null(closed.Open);
        Assert.Empty(closed.Contacts);
        Assert.Equal(["policy.pdf", "accounts.pdf"], closed.Thread.Single().Files.Select(f => f.FileName));
        Assert.Empty((await test.Get<ApplicantTrackService>().DashboardAsync(applicant)).Single().InformationRequested);
        await using var after = test.NewContext();
        Assert.False(await after.WorkflowJournal.AnyAsync(j => j.CaseId == id && j.Trigger == ApplicationTriggers.ProvideInformation));
    }

    private static Task<FeatureResult<StoredAttachment>> UploadAsync(AttachmentStore store, int id, string name, Actor applicant) =>
        store.SaveAsync(new AttachmentUpload(AttachmentOwner.Application, id, InformationRequests.Purpose, name, new MemoryStream(PdfBytes)), applicant);

    private static async Task<(Actor Officer, Actor Applicant, int Id)> SubmittedAsync(TestDatabase test, int n)
    {
        var officer = await TestData.CreateUserAsync(test, "priya@example.org", "Priya Shah", Roles.GrantsOfficer);
        await using (var db = test.NewContext())
        {
            // In the role as Identity holds it, so the workflow's "role:GrantsOfficer" emails reach her.
            var role = await db.Roles.FirstOrDefaultAsync(r => r.Name == Roles.GrantsOfficer);
            if (role is null)
            {
                role = new IdentityRole(Roles.GrantsOfficer) { NormalizedName = Roles.GrantsOfficer.ToUpperInvariant() };
                db.Roles.Add(role);
            }
            db.UserRoles.Add(new IdentityUserRole<string> { UserId = officer.UserId, RoleId = role.Id });
            await db.SaveChangesAsync();
        }
        var applicant = await TestData.CreateUserAsync(test, $"applicant{n}@example.org", $"Applicant {n}", Roles.Applicant);
        var orgId = await TestData.CreateOrganisationAsync(test, $"Community Group {n}", applicant);
        var id = await TestData.CreateDraftApplicationAsync(test, orgId, "CGS-2013-14", Money.FromPounds(5_000m), new Dictionary<int, int> { [2] = 100 }, $"INFO-{n:0000}");
        var submit = await test.Get<ICaseWorkflow>().FireAsync(new TransitionRequest(new CaseRef(CaseKind.Application, id), ApplicationTriggers.Submit, applicant, TestData.Key()));
        Assert.True(submit.Succeeded, submit.Message);
        return (officer, applicant, id);
    }
}
