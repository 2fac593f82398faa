using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Core.Features.Decisions;
using GrantsCommissioning.Core.Workflow;
using GrantsCommissioning.TestCommon.Workflow;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GrantsCommissioning.Core.Tests.Features.Decisions;

/// <summary>
/// The defect "the offer email does not carry the conditions of grant", and issue 11 item 6: the decision letter carries the
/// conditions and the applicant's feedback, kept apart from the recorded reasons; a deferral says what is needed.
/// </summary>
public sealed class DecisionLetterTests
{
    [Fact]
    public async Task TheOfferEmail_CarriesTheConditionsAndTheFeedback_NotTheInternalReasons()
    {
        await using var host = await WorkflowTestHost.CreateAsync();
        var data = new WorkflowTestData(host);
        var applicant = await data.UserAsync("Sam", Roles.Applicant);
        var application = await data.ApplicationAsync(ApplicationStates.Recommendation, applicant: applicant);
        var chief = await data.UserAsync("Helen", Roles.DecisionMaker);

        var result = await host.Services.GetRequiredService<DecisionService>().DecideAsync(
            new DecisionInput(application.Id, DecisionOutcome.Approve, new Money(100_000), "Internal: the panel preferred this to the Bromsgrove bid.",
                "Acknowledge the Commissioner's funding in publicity; quarterly returns.", null, null, "A clear plan with strong local support."), chief, "letter-1");

        Assert.True(result.Succeeded, string.Join(" ", result.Errors.Values));
        Assert.Equal("A clear plan with strong local support.", result.Value!.Feedback);
        using var db = host.Db();
        var letter = await db.Outbox.SingleAsync(o => o.Template == "offer-made" && o.ToAddress == $"{applicant.UserId}@example.org");
        Assert.Contains("Conditions of grant:\nAcknowledge the Commissioner's funding in publicity; quarterly returns.", letter.BodyText.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.Contains("A clear plan with strong local support.", letter.BodyText, StringComparison.Ordinal);
        Assert.DoesNotContain("Bromsgrove", letter.BodyText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ADeferral_WithoutWhatIsNeeded_IsRefused_AndWithIt_TheLetterSaysWhatIsNeeded()
    {
        await using var host = await WorkflowTestHost.CreateAsync();
        var data = new WorkflowTestData(host);
        var applicant = await data.UserAsync("Sam", Roles.Applicant);
        var application = await data.ApplicationAsync(ApplicationStates.Recommendation, applicant: applicant);
        var chief = await data.UserAsync("Helen", Roles.DecisionMaker);
        var service = host.Services.GetRequiredService<DecisionService>();

        var refused = await service.DecideAsync(
            new DecisionInput(application.Id, DecisionOutcome.Defer, Money.Zero, "Waiting for the accounts to be filed.", null, null, null), chief, "defer-1");
        var deferred = await service.DecideAsync(
            new DecisionInput(application.Id, DecisionOutcome.Defer, Money.Zero, "Waiting for the accounts to be filed.", null, null, null,
                "Send your 2025/26 accounts once they are filed with the Charity Commission."), chief, "defer-2");

        Assert.Equal("Say what the applicant needs to provide or do before the application is reconsidered.", refused.Errors["Feedback"]);
        Assert.True(deferred.Succeeded, string.Join(" ", deferred.Errors.Values));
        using var db = host.Db();
        var letter = await db.Outbox.SingleAsync(o => o.Template == "application-deferred");
        Assert.Contains("What we need before we reconsider it:\nSend your 2025/26 accounts once they are filed with the Charity Commission.",
            letter.BodyText.ReplaceLineEndings("\n"), StringComparison.Ordinal);
    }
}
