using System.Security.Claims;
using Bunit;
using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Core.Features.Cases;
using GrantsCommissioning.Core.Features.Decisions;
using GrantsCommissioning.Core.Workflow;
using GrantsCommissioning.TestCommon.Workflow;
using GrantsCommissioning.Web.Components.Pages.Decisions.Record;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GrantsCommissioning.Web.Tests.Decisions.Record;

/// <summary>The decision form on a staff case page, rendered with the real Core services on SQLite.</summary>
public sealed class DecisionFormTests : BunitContext, IAsyncLifetime
{
    private WorkflowTestHost _host = null!;

    public async Task InitializeAsync()
    {
        _host = await WorkflowTestHost.CreateAsync();
        Services.AddSingleton(_host.Services.GetRequiredService<ICaseWorkflow>());
        Services.AddSingleton(_host.Services.GetRequiredService<DecisionService>());
    }

    async Task IAsyncLifetime.DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task DecisionMaker_ApprovingWithinLimit_RecordsTheDecisionAndMakesTheOffer()
    {
        var (cut, applicationId, decided) = await RenderForAsync(requestedPence: 950_000);
        Assert.Empty(cut.FindAll("#decision-public-interest")); // not flagged: no public-interest panel
        Assert.False(cut.Find("button.btn-primary").HasAttribute("disabled")); // live: the button may be pressed

        ChooseFirst(cut);
        cut.Find("#decision-rationale").Change("Meets objective 9 and the criteria; strong local support.");
        cut.Find("button.btn-primary").Click();

        cut.WaitForAssertion(() => Assert.True(decided.Task.IsCompleted));
        await using var db = _host.Db();
        var decision = await db.Decisions.SingleAsync(d => d.ApplicationId == applicationId);
        Assert.Equal((DecisionOutcome.Approve, 950_000L, AuthorityLevel.DecisionMaker), (decision.Outcome, decision.AmountPence, decision.AuthorityLevel));
        Assert.Equal(ApplicationStates.OfferMade, (await db.Applications.SingleAsync(a => a.Id == applicationId)).State);
    }

    [Fact]
    public async Task DecisionMaker_ApprovingAboveTheirLimit_IsRefusedWithAClearMessageAndNothingChanges()
    {
        var (cut, applicationId, _) = await RenderForAsync(requestedPence: 3_000_000);

        ChooseFirst(cut);
        cut.Find("#decision-rationale").Change("Large partnership bid for the whole force area.");
        cut.Find("button.btn-primary").Click();

        cut.WaitForAssertion(() => Assert.Contains("£25,000", cut.Find(".error-summary").TextContent, StringComparison.Ordinal));
        await using var db = _host.Db();
        Assert.Empty(await db.Decisions.Where(d => d.ApplicationId == applicationId).ToListAsync());
        Assert.Equal(ApplicationStates.Recommendation, (await db.Applications.SingleAsync(a => a.Id == applicationId)).State);
    }

    [Fact]
    public async Task DecisionMaker_OnAnApplicationFlaggedOfSignificantPublicInterest_SeesTheFlag_AndApprovingWithinTheLimitIsRefused()
    {
        const string Why = "Contested locally: the parish council and the press have asked about it.";
        var (cut, applicationId, _) = await RenderForAsync(requestedPence: 950_000, publicInterest: Why);

        Assert.Contains(Why, cut.Find("#decision-public-interest").TextContent, StringComparison.Ordinal);
        ChooseFirst(cut);
        Assert.Contains("this application of significant public interest", cut.Find("label[for=decision-noticereference]").TextContent, StringComparison.Ordinal);
        cut.Find("#decision-rationale").Change("Meets objective 9 and the criteria; strong local support.");
        cut.Find("button.btn-primary").Click();

        cut.WaitForAssertion(() => Assert.Contains("flagged as of significant public interest", cut.Find(".error-summary").TextContent, StringComparison.Ordinal));
        await using var db = _host.Db();
        Assert.Empty(await db.Decisions.Where(d => d.ApplicationId == applicationId).ToListAsync());
        Assert.Equal(ApplicationStates.Recommendation, (await db.Applications.SingleAsync(a => a.Id == applicationId)).State);
    }

    [Fact]
    public async Task Decision_WithoutReasons_ShowsTheErrorSummaryAndRecordsNothing()
    {
        var (cut, applicationId, _) = await RenderForAsync(requestedPence: 100_000);

        ChooseFirst(cut);
        cut.Find("button.btn-primary").Click();

        cut.WaitForAssertion(() => Assert.Contains("Give the reasons for the decision", cut.Find(".error-summary").TextContent, StringComparison.Ordinal));
        Assert.Equal("#decision-rationale", cut.Find(".error-summary a").GetAttribute("href"));
        await using var db = _host.Db();
        Assert.Empty(await db.Decisions.Where(d => d.ApplicationId == applicationId).ToListAsync());
    }

    [Fact]
    public async Task TheForm_StartsFromTheAmountAndConditionsTheOfficerRecommended()
    {
        var (cut, _, _) = await RenderForAsync(requestedPence: 1_200_000, recommended: (Money.FromPounds(9_500m), "Quarterly monitoring returns; a named safeguarding lead."));
        ChooseFirst(cut);

        Assert.Equal("9500.00", cut.Find("#decision-amount").GetAttribute("value"));
        Assert.Equal("Quarterly monitoring returns; a named safeguarding lead.", cut.Find("#decision-conditions").GetAttribute("value"));
        Assert.Contains("Recommended by the grants officer: £9,500.00.", cut.Find("#amount-hint").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheForm_WithoutARecommendedAmount_StartsFromTheAmountRequested()
    {
        var (cut, _, _) = await RenderForAsync(requestedPence: 1_200_000);
        ChooseFirst(cut);

        Assert.Equal("12000.00", cut.Find("#decision-amount").GetAttribute("value"));
        Assert.DoesNotContain("Recommended by", cut.Find("#amount-hint").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheForm_BeforeThePageIsLive_CannotBeSent()
    {
        // Prerendered, before the circuit: a choice made now would be lost when the live page renders, so the button waits.
        var (prerendered, _, _) = await RenderForAsync(requestedPence: 950_000, live: false);

        Assert.True(prerendered.Find("button.btn-primary").HasAttribute("disabled"));
    }

    /// <summary>
    /// Ticks the first choice and waits for the render it causes: bUnit's <c>Change</c> hands the event to the renderer and
    /// returns, so under load (a CI run on PostgreSQL) the amount and notice fields were looked for before they were drawn.
    /// </summary>
    private static void ChooseFirst(IRenderedComponent<DecisionForm> cut)
    {
        cut.FindAll("input[type=radio]")[0].Change(true);
        cut.WaitForState(() => cut.FindAll("input[type=radio]")[0].HasAttribute("checked"));
    }

    private async Task<(IRenderedComponent<DecisionForm> Cut, int ApplicationId, TaskCompletionSource Decided)> RenderForAsync(long requestedPence,
        (Money Amount, string Conditions)? recommended = null, string? publicInterest = null, bool live = true)
    {
        var data = new WorkflowTestData(_host);
        var maker = await data.UserAsync("Helen Marsh", Roles.DecisionMaker);
        var application = await data.ApplicationAsync(ApplicationStates.Recommendation, smallFund: false, requestedPence: requestedPence);
        if (publicInterest is not null)
        {
            var flagged = await _host.Services.GetRequiredService<PublicInterestService>().FlagAsync(application.Id, publicInterest, maker);
            Assert.True(flagged.Succeeded);
        }
        if (recommended is { } r)
        {
            // The row the workflow journals when an officer recommends (ranking page: RankingActions.RecommendAsync).
            await using var db = _host.Db();
            db.WorkflowJournal.Add(new WorkflowJournalEntry
            {
                CaseKind = CaseKind.Application, CaseId = application.Id, Sequence = 1000, DefinitionId = ApplicationStates.DefinitionId, DefinitionVersion = application.WorkflowVersion,
                FromState = ApplicationStates.Assessment, ToState = ApplicationStates.Recommendation, Trigger = ApplicationTriggers.Recommend, ActorUserId = "officer",
                ActorName = "Priya Shah", AmountPence = r.Amount.Pence, Comment = GrantsCommissioning.Core.Features.Assessments.RankingActions.RecommendationComment(r.Amount, r.Conditions),
                OccurredAt = DateTimeOffset.UtcNow, IdempotencyKey = $"recommend-{application.Id}",
            });
            await db.SaveChangesAsync();
        }
        var shown = (await _host.Services.GetRequiredService<CaseQueries>().ApplicationAsync(application.Id, maker))!;
        var header = shown.Header;
        var auth = AddAuthorization();
        auth.SetAuthorized(maker.DisplayName);
        auth.SetRoles(Roles.DecisionMaker);
        auth.SetClaims(new Claim(ClaimTypes.NameIdentifier, maker.UserId));
        var decided = new TaskCompletionSource();
        // As on a live circuit (the button is enabled only once the page is interactive), unless the test says otherwise.
        SetRendererInfo(new RendererInfo(live ? "Server" : "Static", isInteractive: live));
        var cut = Render<DecisionForm>(p => p
            .Add(c => c.Header, header)
            .Add(c => c.Requested, new Money(requestedPence))
            .Add(c => c.PublicInterest, shown.PublicInterest)
            .Add(c => c.OnDecided, () => decided.TrySetResult()));
        cut.WaitForState(() => cut.FindAll("input[type=radio]").Count > 0);
        return (cut, application.Id, decided);
    }
}
