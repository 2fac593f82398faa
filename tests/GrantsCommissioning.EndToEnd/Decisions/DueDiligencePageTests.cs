using System.Globalization;
using GrantsCommissioning.Core.Data;
using GrantsCommissioning.EndToEnd.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace GrantsCommissioning.EndToEnd.Decisions;

/// <summary>
/// The due-diligence checklist in a real browser: no axe-core violations and no sideways scroll at 320 pixels, and an
/// officer recording a check (an error summary first when no check is chosen), with who and when shown.
/// </summary>
[Collection(StaffBrowserCollection.Name)]
public class DueDiligencePageTests(BrowserSite site)
{
    private const string Officer = "officer@demo.opcc-grants.example";

    [Fact]
    public async Task DueDiligencePage_HasNoAxeViolations_AndFitsAt320Pixels() =>
        await site.AssertAccessibleAndReflowsAsync(Officer, await PathAsync("CGS-CY-0101"));

    [Fact]
    public async Task Officer_RecordsACheck_AndSeesWhoRecordedIt()
    {
        var page = await site.SignedInPageAsync(Officer);
        await page.GotoAsync(await PathAsync("CGS-CY-0102"));
        await page.ClickAsync("text=Record the check");
        await Assertions.Expect(page.Locator(".error-summary")).ToContainTextAsync("Select a check on this application's checklist.");
        var violations = await Axe.RunAsync(page);
        Assert.True(violations.Count == 0, Axe.Describe(violations));

        await page.CheckAsync("#Item-Accounts");
        await page.FillAsync("#Note", "2025 accounts filed with the Charity Commission; reserves of four months.");
        await page.ClickAsync("text=Record the check");

        await Assertions.Expect(page.Locator("[role=status]")).ToContainTextAsync("The check has been recorded.");
        await Assertions.Expect(page.Locator("#checklist")).ToContainTextAsync("reserves of four months");
        await Assertions.Expect(page.Locator("#checklist")).ToContainTextAsync("Priya Shah");
        if (Environment.GetEnvironmentVariable("GC_SCREENSHOTS") is { Length: > 0 } folder)
        {
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, "due-diligence-recorded.png"), FullPage = true });
        }
        await page.Context.CloseAsync();
    }

    private async Task<string> PathAsync(string reference)
    {
        await using var db = await site.Services.GetRequiredService<IDbContextFactory<GrantsDbContext>>().CreateDbContextAsync();
        var id = await db.Applications.Where(a => a.ApplicationReference == reference).Select(a => a.Id).SingleAsync();
        return $"/staff/applications/{id.ToString(CultureInfo.InvariantCulture)}/due-diligence";
    }
}
