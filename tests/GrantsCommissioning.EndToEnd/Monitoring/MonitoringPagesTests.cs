using System.Globalization;
using GrantsCommissioning.Core.Data;
using GrantsCommissioning.EndToEnd.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace GrantsCommissioning.EndToEnd.Monitoring;

/// <summary>
/// The officer's monitoring pages in a real browser: axe-core finds no WCAG 2.2 AA violations and nothing scrolls sideways
/// at 320 CSS pixels. {award} is the demo award AWD-CY-0013 (rated over time, a flagged return), {return} its submitted return.
/// </summary>
[Collection(BrowserCollection.Name)]
public class MonitoringPagesTests(BrowserSite site)
{
    private const string Officer = "officer@demo.opcc-grants.example";

    public static TheoryData<string, string> Pages => new()
    {
        { "/officer/portfolio", "portfolio" },
        { "/cases/awards/{award}", "award-rag" },
        { "/cases/returns/{return}", "flagged-return" },
        { "/cases/awards/{award}/change", "change-request" },
        { "/cases/awards/{changing}", "change-waiting" },
    };

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task MonitoringPage_HasNoAxeViolations(string template, string name)
    {
        var path = await PathAsync(template);
        var page = await site.SignedInPageAsync(Officer);
        var response = await page.GotoAsync(path);
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);

        var violations = await Axe.RunAsync(page);

        Assert.True(response?.Ok, $"{path} answered {response?.Status}");
        Assert.True(violations.Count == 0, $"{path}:{Environment.NewLine}{Axe.Describe(violations)}");
        if (Environment.GetEnvironmentVariable("GC_SCREENSHOTS") is { Length: > 0 } folder)
        {
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, $"monitoring-{name}.png"), FullPage = true });
        }
        await page.Context.CloseAsync();
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task MonitoringPage_At320CssPixels_NeedsNoHorizontalScrolling(string template, string name)
    {
        var path = await PathAsync(template);
        var page = await site.SignedInPageAsync(Officer, width: 320);
        await page.GotoAsync(path);
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);

        var width = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");

        Assert.True(width <= 320, $"{path} ({name}) is {width}px wide at a 320px viewport");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task FlaggedReturn_ShowsTheBudgetBesideTheSpendAndTheFlagsWithTheirReasons()
    {
        var page = await site.SignedInPageAsync(Officer);
        await page.GotoAsync(await PathAsync("/cases/returns/{return}"));

        await Assertions.Expect(page.Locator("#return-spend thead")).ToContainTextAsync("Grant budget");
        await Assertions.Expect(page.Locator("#return-flags")).ToContainTextAsync("Spend ahead of payments");
        await Assertions.Expect(page.Locator("#return-flags")).ToContainTextAsync("Missing evidence");
        await page.Context.CloseAsync();
    }

    private async Task<string> PathAsync(string template)
    {
        await using var db = await site.Services.GetRequiredService<IDbContextFactory<GrantsDbContext>>().CreateDbContextAsync();
        var award = await db.Awards.Where(a => a.AwardReference == "AWD-CY-0013").Select(a => a.Id).SingleAsync();
        var changing = await db.Awards.Where(a => a.AwardReference == "AWD-CY-0015").Select(a => a.Id).SingleAsync();
        var ret = await db.Returns.Where(r => r.AwardId == award && r.State == "Submitted").Select(r => r.Id).FirstAsync();
        return template.Replace("{award}", award.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{changing}", changing.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{return}", ret.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }
}
