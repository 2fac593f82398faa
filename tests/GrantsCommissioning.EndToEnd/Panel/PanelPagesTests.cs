using GrantsCommissioning.EndToEnd.Infrastructure;
using Microsoft.Playwright;

namespace GrantsCommissioning.EndToEnd.Panel;

/// <summary>
/// The Panel pages in a real browser, axe-core clean with no horizontal scroll at 1280 and 320 px: the Panel page with its
/// national-priority table and figure links, the drill-down behind a figure, the report's HTML view signed in (figures are
/// links) and signed out (plain figures), and the 360Giving data-quality page.
/// </summary>
[Collection(StaffBrowserCollection.Name)]
public class PanelPagesTests(BrowserSite site)
{
    private const string Panel = "panel@demo.opcc-grants.example";
    private const string Officer = "officer@demo.opcc-grants.example";

    public static TheoryData<string?, string> Pages => new()
    {
        { Panel, "/panel" },
        { Panel, "/panel/figures?list=awards&from=2013-04-01&to=2013-06-30&objective=2" },
        { Panel, "/panel/figures?list=payments&from=2013-04-01&to=2013-06-30&priority=homicide&page=2" },
        { Officer, "/panel/figures?list=returns&from=2013-04-01&to=2013-06-30" },
        { Panel, "/panel/figures?list=ratings&from=2013-04-01&to=2013-06-30&objective=4&rag=notrated" },
        { Panel, "/transparency/panel-reports/1" },
        { null, "/transparency/panel-reports/1" },
        { Officer, "/open-data/quality" },
    };

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task PanelPage_HasNoAxeViolations_AndFitsAt320Pixels(string? user, string path) =>
        await site.AssertAccessibleAndReflowsAsync(user, path);

    [Fact]
    public async Task PanelPage_AnOffTrackCount_OpensTheGrantsRatedOffTrackAtTheQuarterEnd()
    {
        var page = await site.SignedInPageAsync(Panel);
        await page.GotoAsync("/panel");

        await page.Locator("table[aria-labelledby=award-ratings] tfoot a[href*='rag=red']").ClickAsync();

        await page.WaitForURLAsync("**/panel/figures?list=ratings*", new() { Timeout = 15_000 });
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Live grants rated “Off track”");
        await Assertions.Expect(page.Locator("#figure-total")).ToContainTextAsync("1 live award from 1 grant");
        await Assertions.Expect(page.Locator("table.data tbody")).ToContainTextAsync("AWD-2013-0003");
        await page.Context.CloseAsync();
    }
}
