using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Core.Features.Decisions;
using GrantsCommissioning.Core.Workflow;
using GrantsCommissioning.TestCommon;
using GrantsCommissioning.TestCommon.Workflow;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GrantsCommissioning.Core.Tests.Features.Decisions;

/// <summary>
/// The defect: one organisation received £13,214 and £13,085 for the same project in one round, £26,299 together, above
/// the £25,000 delegated to the decision maker. Related awards within the window now count together against the limit.
/// </summary>
public sealed class AwardSplittingTests
{
    [Fact]
    public async Task ASecondAwardToTheSameOrganisation_ThatTakesTheTotalAboveTheDecisionMakersLimit_IsRefusedWithTheReason_AndNothingIsWritten()
    {
        await using var host = await WorkflowTestHost.CreateAsync();
        var (first, second) = await TwoApplicationsOfOneOrganisationAsync(host, firstDecidedDaysAgo: 20);
        var chief = await new WorkflowTestData(host).UserAsync("Helen", Roles.DecisionMaker);

        var result = await host.Services.GetRequiredService<DecisionService>().DecideAsync(
            new DecisionInput(second.Id, DecisionOutcome.Approve, new Money(1_308_500), "Meets objectives two and four.", null, null, null), chief, "split-1");

        Assert.False(result.Succeeded);
        var message = result.Errors["Amount"];
        Assert.Contains("£13,214.00 (" + first.ApplicationReference + ")", message, StringComparison.Ordinal);
        Assert.Contains("£26,299.00", message, StringComparison.Ordinal);
        Assert.Contains("above your delegated limit of £25,000.00", message, StringComparison.Ordinal);
        using var db = host.Db();
        Assert.False(await db.Decisions.AnyAsync(d => d.ApplicationId == second.Id));
        Assert.Equal(ApplicationStates.Recommendation, (await db.Applications.SingleAsync(a => a.Id == second.Id)).State);
        var related = await host.Services.GetRequiredService<RelatedAwards>().ForAsync(second.Id);
        Assert.Equal([first.ApplicationReference], related.Select(r => r.ApplicationReference));
    }

    [Fact]
    public async Task ForTheCommissioner_TheCombinedTotalNeedsANotice()
    {
        await using var host = await WorkflowTestHost.CreateAsync();
        var (_, second) = await TwoApplicationsOfOneOrganisationAsync(host, firstDecidedDaysAgo: 20);
        var pcc = await new WorkflowTestData(host).UserAsync("Commissioner", Roles.Commissioner);

        var result = await host.Services.GetRequiredService<DecisionService>().DecideAsync(
            new DecisionInput(second.Id, DecisionOutcome.Approve, new Money(1_308_500), "Meets objectives two and four.", null, null, null), pcc, "split-2");

        Assert.False(result.Succeeded);
        Assert.Contains("needs a decision notice reference", result.Errors["Amount"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnAwardOutsideTheConfiguredWindow_IsNotCounted()
    {
        await using var host = await WorkflowTestHost.CreateAsync(settings: new Dictionary<string, string?> { ["Decisions:RelatedAwardWindowDays"] = "30" });
        var (_, second) = await TwoApplicationsOfOneOrganisationAsync(host, firstDecidedDaysAgo: 60);
        var chief = await new WorkflowTestData(host).UserAsync("Helen", Roles.DecisionMaker);

        var result = await host.Services.GetRequiredService<DecisionService>().DecideAsync(
            new DecisionInput(second.Id, DecisionOutcome.Approve, new Money(1_308_500), "Meets objectives two and four.", null, null, null), chief, "split-3");

        Assert.True(result.Succeeded, string.Join(" ", result.Errors.Values));
    }

    [Fact]
    public async Task ADeputy_CountsRelatedAwardsAgainstTheirOwnDeputyLimit_NotTheirRolesLimit()
    {
        await using var host = await WorkflowTestHost.CreateAsync();
        var (_, within) = await TwoApplicationsOfOneOrganisationAsync(host, firstDecidedDaysAgo: 20, firstPence: 500_000, secondPence: 1_200_000);
        var (_, beyond) = await TwoApplicationsOfOneOrganisationAsync(host, firstDecidedDaysAgo: 20, firstPence: 900_000, secondPence: 1_200_000);
        var data = new WorkflowTestData(host);
        var helen = await data.UserAsync("Helen", Roles.DecisionMaker);
        var jamal = await data.UserAsync("Jamal", Roles.GrantsOfficer);
        var nominated = await host.Services.GetRequiredService<ApprovalService>().NominateAsync(
            new DeputyInput { DeputyUserId = jamal.UserId, Limit = "20000", Reason = "Annual leave in August." }, helen);
        Assert.True(nominated.Succeeded, string.Join(" ", nominated.Errors.Values));
        var decisions = host.Services.GetRequiredService<DecisionService>();

        // £9,000 earlier + £12,000 now = £21,000: within Helen's £25,000 but above the £20,000 she delegated to Jamal.
        var refused = await decisions.DecideAsync(
            new DecisionInput(beyond.Id, DecisionOutcome.Approve, new Money(1_200_000), "Meets objectives two and four.", null, null, null), jamal, "deputy-1");
        // £5,000 earlier + £12,000 now = £17,000: within Jamal's deputy limit, though a grants officer's own limit is the small fund's.
        var decided = await decisions.DecideAsync(
            new DecisionInput(within.Id, DecisionOutcome.Approve, new Money(1_200_000), "Meets objectives two and four.", null, null, null), jamal, "deputy-2");

        Assert.False(refused.Succeeded);
        Assert.Contains("£21,000.00, above your delegated limit of £20,000.00", refused.Errors["Amount"], StringComparison.Ordinal);
        Assert.True(decided.Succeeded, string.Join(" ", decided.Errors.Values));
        Assert.Equal("Helen", decided.Value!.DeputyForName);
    }

    private static async Task<(GrantApplication First, GrantApplication Second)> TwoApplicationsOfOneOrganisationAsync(WorkflowTestHost host, int firstDecidedDaysAgo,
        long firstPence = 1_321_400, long secondPence = 1_308_500)
    {
        var first = await new WorkflowTestData(host).ApplicationAsync(ApplicationStates.OfferMade, requestedPence: firstPence);
        using var db = host.Db();
        db.Decisions.Add(new Decision
        {
            ApplicationId = first.Id, Outcome = DecisionOutcome.Approve, AmountPence = firstPence, Rationale = "Meets the criteria.",
            DecidedByUserId = "someone", DecidedByName = "Someone", AuthorityLevel = AuthorityLevel.DecisionMaker,
            DecidedAt = DateTimeOffset.UtcNow.AddDays(-firstDecidedDaysAgo),
        });
        var second = new GrantApplication
        {
            ApplicationReference = $"APP-{WorkflowTestData.Next()}", RoundId = first.RoundId, OrganisationId = first.OrganisationId, ProjectTitle = "Safer streets",
            Summary = "The same project again.", AmountRequestedPence = secondPence, Beneficiaries = "People on nights out", BeneficiaryCount = 100,
            AreaServed = "Worcester", DeclarationsAccepted = true,
        };
        host.Workflow.Start(second, Actor.System);
        db.Applications.Add(second);
        await db.SaveChangesAsync();
        host.Workflow.Import(db, second, ApplicationStates.Recommendation, DateTimeOffset.UtcNow);
        await db.SaveChangesAsync();
        await TestData.RecordDueDiligenceAsync(db, second.Id, DateTimeOffset.UtcNow);
        await TestData.RecordApprovalsAsync(db, second.Id, DateTimeOffset.UtcNow);
        return (first, second);
    }
}
