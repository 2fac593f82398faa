using Bunit;
using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Core.Features.DecisionNotices;
using GrantsCommissioning.Core.Features.Decisions;
using GrantsCommissioning.Core.Workflow;
using GrantsCommissioning.TestCommon.Workflow;
using GrantsCommissioning.Web.Components.Pages.Decisions.PublicInterest;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GrantsCommissioning.Web.Tests.Decisions;

/// <summary>
/// Removing the flag of significant public interest on the case page's panel, rendered with the real Core services on
/// SQLite: a reason is required (refused and nothing changed without one), the removal is kept in the flag's history,
/// and once a decision notice is drafted for the application the panel says why the flag stays instead of offering it.
/// </summary>
public sealed class PublicInterestPanelTests : BunitContext, IAsyncLifetime
{
    private const string Why = "A refuge in a town centre: local press and councillors have asked about it.";
    private const string NotAnyMore = "The press interest was about another refuge: an ordinary grant within the limits.";
    private WorkflowTestHost _host = null!;

    public async Task InitializeAsync()
    {
        _host = await WorkflowTestHost.CreateAsync();
        Services.AddSingleton(_host.Services.GetRequiredService<PublicInterestService>());
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
    }

    async Task IAsyncLifetime.DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Officer_RemovesTheFlagWithAReason_AfterBeingRefusedWithoutOne_AndTheHistoryShowsBoth()
    {
        var (officer, application) = await FlaggedAsync();
        var removed = new TaskCompletionSource();
        var cut = RenderAs(officer, application, () => removed.TrySetResult());

        cut.WaitForElement("#public-interest-remove-button", TimeSpan.FromSeconds(30)).Click();
        cut.WaitForAssertion(() => Assert.Contains("Say why the application is no longer of significant public interest", cut.Find(".error-summary").TextContent, StringComparison.Ordinal));
        Assert.Equal("#public-interest-remove-reason", cut.Find(".error-summary a").GetAttribute("href"));
        await using (var db = _host.Db())
        {
            Assert.Equal(Why, await db.Applications.Where(a => a.Id == application.Id).Select(a => a.PublicInterestReason).SingleAsync());
        }

        cut.Find("#public-interest-remove-reason").Change(NotAnyMore);
        cut.Find("#public-interest-remove-button").Click();
        cut.WaitForAssertion(() => Assert.True(removed.Task.IsCompleted));
        await using (var db = _host.Db())
        {
            Assert.Null(await db.Applications.Where(a => a.Id == application.Id).Select(a => a.PublicInterestReason).SingleAsync());
        }
        // The case page reloads the case: no flag now, the flagging form is offered again, and the history keeps both changes.
        cut.Render(p => p.Add(c => c.Flag, (PublicInterestFlag?)null));
        Assert.Single(cut.FindAll("#public-interest-flag-button"));
        Assert.Empty(cut.FindAll("#public-interest-flag"));
        // The panel reloads the history after the new parameters (OnParametersSetAsync), so the removal appears once that
        // query has answered: once, on PostgreSQL in CI, the list was read before it had.
        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("#public-interest-history li").Count), TimeSpan.FromSeconds(30));
        var history = cut.FindAll("#public-interest-history li").Select(li => li.TextContent).ToList();
        Assert.StartsWith("Flagged by Olive", history[0], StringComparison.Ordinal);
        Assert.StartsWith("Flag removed by Olive", history[1], StringComparison.Ordinal);
        Assert.EndsWith(NotAnyMore, history[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task OnceANoticeIsDrafted_ThePanelSaysWhyTheFlagStays_AndOffersNoRemoval()
    {
        var (officer, application) = await FlaggedAsync();
        var drafted = await _host.Services.GetRequiredService<DecisionNoticeService>().CreateAsync(
            new NoticeDraft { Title = "Grant to a town-centre refuge", ApplicationReference = application.ApplicationReference }, officer);
        Assert.True(drafted.Succeeded, string.Join(" ", drafted.Errors.Values));

        var cut = RenderAs(officer, application, () => { });

        // The panel looks for the notice after its first render (slower on PostgreSQL): wait for its answer, then the
        // removal form must be gone.
        cut.WaitForAssertion(() => Assert.Contains("The flag cannot be removed now: decision notice ", cut.Find("#public-interest-remove-blocked").TextContent, StringComparison.Ordinal), TimeSpan.FromSeconds(30));
        Assert.Empty(cut.FindAll("#public-interest-remove-button"));
    }

    private async Task<(Actor Officer, GrantApplication Application)> FlaggedAsync()
    {
        var data = new WorkflowTestData(_host);
        var officer = await data.UserAsync("Olive", Roles.GrantsOfficer);
        var application = await data.ApplicationAsync(ApplicationStates.Recommendation, requestedPence: 500_000);
        Assert.True((await _host.Services.GetRequiredService<PublicInterestService>().FlagAsync(application.Id, Why, officer)).Succeeded);
        return (officer, application);
    }

    private IRenderedComponent<PublicInterestPanel> RenderAs(Actor officer, GrantApplication application, Action onFlagged)
    {
        using var db = _host.Db();
        var flag = PublicInterestFlag.Of(db.Applications.AsNoTracking().Single(a => a.Id == application.Id));
        return Render<PublicInterestPanel>(p => p
            .Add(c => c.ApplicationId, application.Id)
            .Add(c => c.ApplicationReference, application.ApplicationReference)
            .Add(c => c.State, ApplicationStates.Recommendation)
            .Add(c => c.Actor, officer)
            .Add(c => c.Flag, flag)
            .Add(c => c.OnFlagged, onFlagged));
    }
}
