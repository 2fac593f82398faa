using System.Globalization;
using GrantsCommissioning.Core.Data;
using GrantsCommissioning.EndToEnd.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace GrantsCommissioning.EndToEnd.Monitoring;

/// <summary>
/// The officer's monitoring pages in a real browser: axe-core finds no WCAG 2.2 AA violations and nothing scrolls sideways
/// at 320 CSS pixels. {award} is the demo award AWD-CY-0013 (rated over time, a flagged return), {return} its submitted return,
/// {cancelled} the return of the terminated award AWD-CY-0014.
/// </summary>
[Collection(StaffBrowserCollection.Name)]
public class MonitoringPagesTests(BrowserSite site)
{
    private const string Officer = "officer@demo.opcc-grants.example";

    public static TheoryData<string> Pages =>
        ["/officer/portfolio", "/cases/awards/{award}", "/cases/returns/{return}", "/cases/awards/{award}/change", "/cases/awards/{changing}",
            "/cases/awards/{changing}/change/decide", "/cases/awards/{grant}/change/decide", "/cases/returns/{cancelled}"];

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task MonitoringPage_HasNoAxeViolations_AndFitsAt320Pixels(string template) =>
        await site.AssertAccessibleAndReflowsAsync(Officer, await PathAsync(template));

    public static TheoryData<string> GranteePages => ["/applicant/grants/{grant}", "/applicant/grants/{grant}/change"];

    /// <summary>The grantee's grant page (the change history: an approved virement, an extension waiting) and their change-request page.</summary>
    [Theory]
    [MemberData(nameof(GranteePages))]
    public async Task GranteeChangePage_HasNoAxeViolations_AndFitsAt320Pixels(string template) =>
        await site.AssertAccessibleAndReflowsAsync("applicant@demo.opcc-grants.example", await PathAsync(template));

    [Fact]
    public async Task FlaggedReturn_ShowsTheBudgetBesideTheSpendAndTheFlagsWithTheirReasons()
    {
        var page = await site.SignedInPageAsync(Officer);
        await page.GotoAsync(await PathAsync("/cases/returns/{return}"));

        await Assertions.Expect(page.Locator("#return-spend thead")).ToContainTextAsync("Grant budget");
        await Assertions.Expect(page.Locator("#return-flags")).ToContainTextAsync("Spend ahead of payments");
        await Assertions.Expect(page.Locator("#return-flags")).ToContainTextAsync("Missing evidence");
        await Assertions.Expect(page.Locator("#return-flags")).ToContainTextAsync("Businesses in the scheme (number) moved from 14 to 22 (+57%)");
        // The unit goes with the indicator's name; the target is a plain figure (it read "40 number").
        var indicator = page.Locator("#return-indicators tbody tr").First;
        await Assertions.Expect(indicator.Locator("td").Nth(0)).ToHaveTextAsync("Businesses in the scheme (number)");
        await Assertions.Expect(indicator.Locator("td").Nth(1)).ToHaveTextAsync("40");
        await page.Context.CloseAsync();
    }

    /// <summary>At a desktop width the organisation and project title get room to be read (fixed-width columns left them about 130 pixels, a word a line).</summary>
    [Fact]
    public async Task Portfolio_GivesTheOrganisationAndTitleRoomToRead()
    {
        var page = await site.SignedInPageAsync(Officer);
        await page.GotoAsync("/officer/portfolio");
        var header = page.Locator("th", new() { HasText = "Organisation" });
        await Assertions.Expect(page.Locator(".rz-data-row").First).ToBeVisibleAsync(new() { Timeout = 30_000 });

        var box = await header.BoundingBoxAsync();

        Assert.True(box is { Width: >= 240 }, $"the Organisation column is {box?.Width} pixels wide");
        await page.Context.CloseAsync();
    }

    private async Task<string> PathAsync(string template)
    {
        await using var db = await site.Services.GetRequiredService<IDbContextFactory<GrantsDbContext>>().CreateDbContextAsync();
        var award = await db.Awards.Where(a => a.AwardReference == "AWD-CY-0013").Select(a => a.Id).SingleAsync();
        var changing = await db.Awards.Where(a => a.AwardReference == "AWD-CY-0015").Select(a => a.Id).SingleAsync();
        var grant = await db.Awards.Where(a => a.AwardReference == "AWD-CY-0020").Select(a => a.Id).SingleAsync();
        var ret = await db.Returns.Where(r => r.AwardId == award && r.State == "Submitted").Select(r => r.Id).FirstAsync();
        var cancelled = await db.Returns.Where(r => r.ReturnReference == "AWD-CY-0014-R1").Select(r => r.Id).SingleAsync();
        return template.Replace("{award}", award.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{changing}", changing.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{grant}", grant.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{return}", ret.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{cancelled}", cancelled.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }
}
