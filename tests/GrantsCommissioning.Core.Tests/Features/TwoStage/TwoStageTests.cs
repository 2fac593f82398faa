using System.Globalization;
using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Core.Features;
using GrantsCommissioning.Core.Features.Applications;
using GrantsCommissioning.Core.Features.Public;
using GrantsCommissioning.Core.Features.Rounds;
using GrantsCommissioning.Core.Features.TwoStage;
using GrantsCommissioning.Core.Tests.Features.Rounds;
using GrantsCommissioning.Core.Workflow;
using GrantsCommissioning.TestCommon;
using GrantsCommissioning.TestCommon.Fixtures;
using Microsoft.EntityFrameworkCore;

namespace GrantsCommissioning.Core.Tests.Features.TwoStage;

/// <summary>
/// A two-stage round (grant-application v6): expressions of interest until their closing time, then a full application
/// only by invitation. The test clock is 30 June 2013, 16:00 UK time; the round opened on 1 June, expressions of interest
/// close on 15 July and full applications on 30 September.
/// </summary>
public sealed class TwoStageTests
{
    private sealed record Setup(TestDatabase Test, int RoundId, Actor Officer, Actor Applicant, int OrganisationId);

    private static RoundInput TwoStageRound(string interestCloses = "2013-07-15")
    {
        var input = RoundServiceTests.Valid("CGS-TWO");
        input.TwoStage = "yes";
        input.InterestClosesDate = interestCloses;
        input.InterestClosesTime = "12:00";
        return input;
    }

    private static async Task<Setup> SetUpAsync()
    {
        var test = await TestData.WithReferenceDataAsync();
        var officer = await TestData.CreateUserAsync(test, "officer@example.org", "Olivia Grant", Roles.GrantsOfficer);
        var applicant = await TestData.CreateUserAsync(test, "mary@example.org", "Mary Evans", Roles.Applicant);
        var org = await TestData.CreateOrganisationAsync(test, "Ludlow Street Pastors", applicant);
        var rounds = test.Get<RoundService>();
        var created = await rounds.CreateAsync(TwoStageRound(), officer);
        Assert.True(created.Succeeded, string.Join(" ", created.Errors.Values));
        Assert.True((await rounds.PublishAsync(created.Value, officer)).Succeeded);
        return new Setup(test, created.Value, officer, applicant, org);
    }

    private static InterestInput Interest(int org, string amount = "12000") => new()
    {
        OrganisationId = org.ToString(CultureInfo.InvariantCulture), ProjectTitle = "Night-time street pastors",
        Summary = "Volunteers on Ludlow's streets on Friday and Saturday nights.", AmountRequested = amount,
    };

    private static async Task<int> SendAsync(Setup s)
    {
        var sent = await s.Test.Get<ExpressionsOfInterest>().SendAsync("CGS-TWO", Interest(s.OrganisationId), s.Applicant);
        Assert.True(sent.Succeeded, string.Join(" ", sent.Errors.Values));
        await using var db = s.Test.NewContext();
        return await db.Applications.Where(a => a.ApplicationReference == sent.Value).Select(a => a.Id).SingleAsync();
    }

    [Theory]
    [InlineData("2013-05-31", "Expressions of interest must close after the round opens.")]
    [InlineData("2013-09-30", "Expressions of interest must close before the full application closing time.")]
    [InlineData("", "Enter the expression of interest closing date, like 2026-04-01.")]
    public async Task CreateAsync_InterestClosingOutsideTheRound_SaysSo_AndCreatesNothing(string date, string message)
    {
        await using var test = await TestData.WithReferenceDataAsync();
        var officer = await TestData.CreateUserAsync(test, "officer@example.org", "Olivia Grant", Roles.GrantsOfficer);

        var result = await test.Get<RoundService>().CreateAsync(TwoStageRound(date), officer);

        Assert.Equal(message, result.Errors[nameof(RoundInput.InterestClosesDate)]);
        await using var db = test.NewContext();
        Assert.False(await db.Rounds.AnyAsync(r => r.Reference == "CGS-TWO"));
    }

    [Fact]
    public async Task CreateAsync_SingleStage_IgnoresTheInterestDate_AndApplyingWorksAsBefore()
    {
        await using var test = await TestData.WithReferenceDataAsync();
        var officer = await TestData.CreateUserAsync(test, "officer@example.org", "Olivia Grant", Roles.GrantsOfficer);
        var input = TwoStageRound("not a date");
        input.TwoStage = null;

        var created = await test.Get<RoundService>().CreateAsync(input, officer);

        Assert.True(created.Succeeded);
        Assert.Null((await test.Get<RoundService>().GetAsync(created.Value))!.InterestClosesAt);
    }

    [Fact]
    public async Task SendAsync_CreatesTheCaseAsAnExpressionOfInterest_JournalledAndAcknowledgedByEmail()
    {
        var s = await SetUpAsync();
        await using var test = s.Test;

        var id = await SendAsync(s);

        await using var db = test.NewContext();
        var application = await db.Applications.SingleAsync(a => a.Id == id);
        Assert.Equal((ApplicationStates.InterestSubmitted, 6, 1_200_000L), (application.State, application.WorkflowVersion, application.AmountRequestedPence));
        Assert.NotNull(application.InterestSubmittedAt);
        var journal = await db.WorkflowJournal.Where(j => j.CaseKind == CaseKind.Application && j.CaseId == id).OrderBy(j => j.Sequence).Select(j => j.Trigger).ToListAsync();
        Assert.Equal(["Start", ApplicationTriggers.SubmitInterest], journal);
        Assert.True(await db.Outbox.AnyAsync(o => o.Template == "interest-submitted" && o.Subject.Contains(application.ApplicationReference)));
        var detail = await test.Get<RoundQueries>().DetailAsync("CGS-TWO");
        Assert.True(detail!.InterestOpen);
    }

    [Fact]
    public async Task SendAsync_AfterTheInterestClosingTime_IsRefused_AndSavesNothing()
    {
        var s = await SetUpAsync();
        await using var test = s.Test;
        test.Clock.SetUtcNow(new DateTimeOffset(2013, 7, 15, 11, 0, 0, TimeSpan.Zero)); // 12:00 BST: the closing moment

        var sent = await test.Get<ExpressionsOfInterest>().SendAsync("CGS-TWO", Interest(s.OrganisationId), s.Applicant);

        Assert.StartsWith("Expressions of interest for this round closed at", Assert.Single(sent.Errors.Values), StringComparison.Ordinal);
        await using var db = test.NewContext();
        Assert.False(await db.Applications.AnyAsync(a => a.RoundId == s.RoundId));
        Assert.False((await test.Get<ExpressionsOfInterest>().FormAsync("CGS-TWO", s.Applicant))!.IsOpen);
    }

    [Fact]
    public async Task SendAsync_BadAnswers_SayWhatIsWrong_AndSaveNothing()
    {
        var s = await SetUpAsync();
        await using var test = s.Test;
        var input = Interest(s.OrganisationId, amount: "30000");
        input.ProjectTitle = " ";

        var sent = await test.Get<ExpressionsOfInterest>().SendAsync("CGS-TWO", input, s.Applicant);

        Assert.Equal("Enter the project title.", sent.Errors[nameof(InterestInput.ProjectTitle)]);
        Assert.Equal("The amount must be £25,000 or less: the most this round awards.", sent.Errors[nameof(InterestInput.AmountRequested)]);
        await using var db = test.NewContext();
        Assert.False(await db.Applications.AnyAsync());
    }

    [Fact]
    public async Task StartFullApplication_WithoutAnInvitation_IsRefusedWithAClearMessage_AndSavesNothing()
    {
        var s = await SetUpAsync();
        await using var test = s.Test;
        await SendAsync(s);
        var applications = test.Get<ApplicationService>();

        var started = await applications.StartAsync("CGS-TWO", s.OrganisationId.ToString(CultureInfo.InvariantCulture), s.Applicant);

        Assert.IsType<InvitationNeeded>(started.Failure);
        Assert.Contains("only organisations invited from their expression of interest can make a full application", Assert.Single(started.Errors.Values), StringComparison.Ordinal);
        Assert.False((await applications.StartOptionsAsync("CGS-TWO", s.Applicant))!.IsOpen);
        await using var db = test.NewContext();
        Assert.Equal(1, await db.Applications.CountAsync());
    }

    [Fact]
    public async Task Invite_MakesTheCaseADraft_TheApplicantCompletesAndSubmitsIt_AndInvitingAgainChangesNothing()
    {
        var s = await SetUpAsync();
        await using var test = s.Test;
        var id = await SendAsync(s);
        var decisions = test.Get<InterestDecisions>();

        var first = await decisions.InviteAsync(s.RoundId, [id], "Please say how you will work with licensees.", s.Officer);
        var again = await decisions.InviteAsync(s.RoundId, [id], null, s.Officer);

        Assert.Equal(BulkOutcome.Done, Assert.Single(first.Value!.Lines).Outcome);
        Assert.Equal(BulkOutcome.AlreadyDone, Assert.Single(again.Value!.Lines).Outcome);
        await using (var db = test.NewContext())
        {
            var application = await db.Applications.SingleAsync(a => a.Id == id);
            Assert.Equal(ApplicationStates.Draft, application.State);
            Assert.NotNull(application.InvitedAt);
            var email = await db.Outbox.SingleAsync(o => o.Template == "interest-invited");
            Assert.Contains("Please say how you will work with licensees.", email.BodyText, StringComparison.Ordinal);
            Assert.Contains("30 September 2013", email.BodyText, StringComparison.Ordinal);
            Assert.Equal(1, await db.WorkflowJournal.CountAsync(j => j.CaseId == id && j.Trigger == ApplicationTriggers.Invite));
        }
        var view = await test.Get<ApplicationService>().GetAsync(id, s.Applicant);
        Assert.Equal(("Night-time street pastors", ApplicationStates.Draft), (view!.ProjectTitle, view.State));
        Assert.Equal(InterestStatus.Invited, Assert.Single((await decisions.ListAsync(s.RoundId))!.Items).Status);
    }

    [Fact]
    public async Task Decline_NeedsAReason_EmailsIt_AndIsIdempotent()
    {
        var s = await SetUpAsync();
        await using var test = s.Test;
        var id = await SendAsync(s);
        var decisions = test.Get<InterestDecisions>();

        var noReason = await decisions.DeclineAsync(s.RoundId, [id], " ", s.Officer);
        var declined = await decisions.DeclineAsync(s.RoundId, [id], "Capital schemes are outside this round.", s.Officer);
        var again = await decisions.DeclineAsync(s.RoundId, [id], "Capital schemes are outside this round.", s.Officer);

        Assert.StartsWith("Give the reason the organisation is not invited", noReason.Errors["Note"], StringComparison.Ordinal);
        Assert.Equal(BulkOutcome.Done, Assert.Single(declined.Value!.Lines).Outcome);
        Assert.Equal(BulkOutcome.AlreadyDone, Assert.Single(again.Value!.Lines).Outcome);
        var item = Assert.Single((await decisions.ListAsync(s.RoundId))!.Items);
        Assert.Equal((InterestStatus.Declined, "Capital schemes are outside this round."), (item.Status, item.DeclineReason));
        await using var db = test.NewContext();
        var email = await db.Outbox.SingleAsync(o => o.Template == "interest-declined");
        Assert.Contains("Capital schemes are outside this round.", email.BodyText, StringComparison.Ordinal);
        Assert.Equal(ApplicationStates.InterestDeclined, (await db.Applications.SingleAsync(a => a.Id == id)).State);
    }

    [Fact]
    public async Task TwoOfficersDecidingAtOnce_OneWins_TheOtherIsToldWhatItBecame()
    {
        var s = await SetUpAsync();
        await using var test = s.Test;
        var id = await SendAsync(s);
        var other = await TestData.CreateUserAsync(test, "jamal@example.org", "Jamal Hussain", Roles.GrantsOfficer);
        var decisions = test.Get<InterestDecisions>();

        var results = await Task.WhenAll(
            Task.Run(() => decisions.InviteAsync(s.RoundId, [id], null, s.Officer)),
            Task.Run(() => decisions.DeclineAsync(s.RoundId, [id], "Not a good fit for this round.", other)));

        var lines = results.Select(r => Assert.Single(r.Value!.Lines)).ToList();
        Assert.Single(lines, l => l.Outcome == BulkOutcome.Done);
        var loser = Assert.Single(lines, l => l.Outcome != BulkOutcome.Done);
        Assert.Equal(BulkOutcome.Failed, loser.Outcome);
        Assert.Contains("has already been decided", loser.Message, StringComparison.Ordinal);
        await using var db = test.NewContext();
        Assert.Equal(1, await db.WorkflowJournal.CountAsync(j => j.CaseId == id
            && (j.Trigger == ApplicationTriggers.Invite || j.Trigger == ApplicationTriggers.DeclineInterest)));
    }

    [Fact]
    public async Task Decide_AnotherRoundsExpressionOfInterest_IsNotFound_AndChangesNothing()
    {
        var s = await SetUpAsync();
        await using var test = s.Test;
        var id = await SendAsync(s);
        var rounds = test.Get<RoundService>();
        var otherInput = TwoStageRound();
        otherInput.Reference = "CGS-OTHER";
        var otherRound = (await rounds.CreateAsync(otherInput, s.Officer)).Value;

        var result = await test.Get<InterestDecisions>().InviteAsync(otherRound, [id], null, s.Officer);

        Assert.Equal(BulkOutcome.Failed, Assert.Single(result.Value!.Lines).Outcome);
        await using var db = test.NewContext();
        Assert.Equal(ApplicationStates.InterestSubmitted, (await db.Applications.SingleAsync(a => a.Id == id)).State);
    }

    [Fact]
    public async Task SingleStageRound_StartsInDraft_OnTheLatestWorkflow_AsBefore()
    {
        await using var test = await TestData.WithReferenceDataAsync();
        var applicant = await TestData.CreateUserAsync(test, "mary@example.org", "Mary Evans", Roles.Applicant);
        var org = await TestData.CreateOrganisationAsync(test, "Ludlow Street Pastors", applicant);
        await using (var db = test.NewContext())
        {
            var round = await db.Rounds.FirstAsync(r => !r.IsDraft);
            round.OpensAt = test.Clock.GetUtcNow().AddDays(-1);
            round.ClosesAt = test.Clock.GetUtcNow().AddDays(10);
            await db.SaveChangesAsync();
        }
        string reference;
        await using (var db = test.NewContext())
        {
            reference = await db.Rounds.Where(r => !r.IsDraft).Select(r => r.Reference).FirstAsync();
        }

        var started = await test.Get<ApplicationService>().StartAsync(reference, org.ToString(CultureInfo.InvariantCulture), applicant);

        Assert.True(started.Succeeded, string.Join(" ", started.Errors.Values));
        await using var check = test.NewContext();
        var application = await check.Applications.SingleAsync(a => a.Id == started.Value);
        Assert.Equal((ApplicationStates.Draft, 6), (application.State, application.WorkflowVersion));
    }
}
