using System.Globalization;
using GrantsCommissioning.Core.Data;
using GrantsCommissioning.EndToEnd.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace GrantsCommissioning.EndToEnd.Rounds;

/// <summary>
/// The officer's funding-round pages in a real browser: axe-core finds no WCAG 2.2 AA violations and nothing scrolls
/// sideways at 320 CSS pixels; and the journey an officer takes to set up, preview and publish a round.
/// {draft} is the demo draft round CGS-NEXT, {open} the open round CGS-CURRENT.
/// </summary>
[Collection(StaffBrowserCollection.Name)]
public class RoundPagesTests(BrowserSite site)
{
    private const string Officer = "officer@demo.opcc-grants.example";

    public static TheoryData<string> Pages =>
    [
        "/staff/rounds", "/staff/rounds?phase=Draft&sort=Reference", "/staff/rounds/new", "/staff/rounds/{draft}", "/staff/rounds/{draft}/edit",
        "/staff/rounds/{draft}/preview", "/staff/rounds/{open}",
    ];

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task RoundPage_HasNoAxeViolations_AndFitsAt320Pixels(string template) =>
        await site.AssertAccessibleAndReflowsAsync(Officer, await PathAsync(template));

    [Fact]
    public async Task NewRoundWithErrors_HasNoAxeViolations()
    {
        var page = await site.SignedInPageAsync(Officer);
        await page.GotoAsync("/staff/rounds/new");
        await page.ClickAsync("main button[type=submit]");
        await page.WaitForSelectorAsync(".error-summary");

        var violations = await Axe.RunAsync(page);

        Assert.True(violations.Count == 0, Axe.Describe(violations));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Officer_SetsUpPreviewsAndPublishesARound_AndThePublicSeesIt()
    {
        var reference = "E2E-" + Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();
        var page = await site.SignedInPageAsync(Officer);
        // Weights that add up to 90: the form says so, and the officer corrects them.
        await RoundForm.FillNewAsync(page, new RoundSetUp(
            reference,
            "Knife crime prevention round",
            "Projects that steer young people away from carrying knives.",
            "Charities and community groups in West Mercia.")
        {
            Criteria = [("Need", "Local evidence of knife crime", 70), ("Delivery", "A realistic plan", 20)],
        });
        await page.ClickAsync("main button[type=submit]");

        await Assertions.Expect(page.Locator(".error-summary")).ToContainTextAsync("They add up to 90%");
        await ScreenshotAsync(page, "new-round-errors");
        await page.FillAsync("#Criteria-1-Weight", "30");
        await page.ClickAsync("main button[type=submit]");
        await Assertions.Expect(page.Locator("#round-phase")).ToHaveTextAsync("Draft (not published)");

        await page.ClickAsync("text=Preview as applicants see it");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Knife crime prevention round");
        await ScreenshotAsync(page, "preview");
        await page.GoBackAsync();
        await page.ClickAsync("text=Publish this round");
        await Assertions.Expect(page.Locator("#round-phase")).ToHaveTextAsync("Open");
        await ScreenshotAsync(page, "published");
        await page.GotoAsync("/staff/rounds");
        await ScreenshotAsync(page, "list");

        var visitor = await site.NewPageAsync();
        await visitor.GotoAsync("/funding");
        await Assertions.Expect(visitor.Locator("main")).ToContainTextAsync("Knife crime prevention round");
        await visitor.Context.CloseAsync();
        await page.Context.CloseAsync();
    }

    /// <summary>Saves what the officer sees when GC_SCREENSHOTS names a folder (for reviewing the pages by eye).</summary>
    private static async Task ScreenshotAsync(IPage page, string name)
    {
        if (Environment.GetEnvironmentVariable("GC_SCREENSHOTS") is { Length: > 0 } folder)
        {
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, $"rounds-assess-{name}.png"), FullPage = true });
        }
    }

    private async Task<string> PathAsync(string template)
    {
        await using var db = await site.Services.GetRequiredService<IDbContextFactory<GrantsDbContext>>().CreateDbContextAsync();
        var draft = await db.Rounds.Where(r => r.Reference == "CGS-NEXT").Select(r => r.Id).SingleAsync();
        var open = await db.Rounds.Where(r => r.Reference == "CGS-CURRENT").Select(r => r.Id).SingleAsync();
        return template.Replace("{draft}", draft.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{open}", open.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }
}
