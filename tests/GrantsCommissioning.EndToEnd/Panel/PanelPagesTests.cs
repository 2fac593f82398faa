using GrantsCommissioning.EndToEnd.Infrastructure;
using Microsoft.Playwright;

namespace GrantsCommissioning.EndToEnd.Panel;

/// <summary>
/// The Panel pages in a real browser, axe-core clean with no horizontal scroll at 1280 and 320 px: the Panel page with its
/// national-priority table and figure links, the drill-down behind a figure, the report's HTML view signed in (figures are
/// links) and signed out (plain figures), the public registers (published reports, grants with their charts by objective and
/// by area, spending) and the 360Giving data-quality page.
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
        { null, "/transparency/panel-reports" },
        { null, "/transparency/grants" },
        { null, "/transparency/spending" },
        { Officer, "/open-data/quality" },
    };

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task PanelPage_HasNoAxeViolations_AndFitsAt320Pixels(string? user, string path) =>
        await site.AssertAccessibleAndReflowsAsync(user, path);

    /// <summary>
    /// At 320 px each chart's key names its series under the chart (not over its axis labels, as Radzen's legend wrapped),
    /// holds no Tab stop (the chart is hidden from screen readers; its table says the same), and the money axis reads
    /// £400k rather than 400,000, with no label's £ cut off at the chart's left edge.
    /// </summary>
    [Fact]
    public async Task PanelPage_Charts_HaveAKeyUnderEachChart_AndShortMoneyLabels_At320Pixels()
    {
        var page = await site.SignedInPageAsync(Panel, 320);
        await page.GotoAsync("/panel");
        await page.WaitForSelectorAsync("div.chart .rz-tick-text");

        var chart = page.Locator("div.chart").First;
        await Assertions.Expect(chart.Locator(".chart-key li")).ToHaveTextAsync(["Awarded (£)", "Paid (£)", "Spend reported (£)"]);
        await Assertions.Expect(chart.Locator(".rz-value-axis")).ToContainTextAsync(new System.Text.RegularExpressions.Regex("£[0-9.]+k"));
        await Assertions.Expect(page.Locator("div.chart").Nth(1).Locator(".chart-key li")).ToHaveTextAsync(["Green", "Amber", "Red", "Not rated"]);
        var faults = await page.EvaluateAsync<string[]>("""
            () => [...document.querySelectorAll('main div.chart')].flatMap((box, i) => {
              const faults = [];
              const under = Math.max(...[...box.querySelectorAll('.rz-tick-text')].map(t => t.getBoundingClientRect().bottom));
              const edge = box.getBoundingClientRect();
              for (const item of box.querySelectorAll('.chart-key li')) {
                const r = item.getBoundingClientRect();
                if (r.top < under - 0.5) faults.push(`chart ${i}: key "${item.textContent}" over the axis labels`);
                if (r.left < edge.left - 0.5 || r.right > edge.right + 0.5) faults.push(`chart ${i}: key "${item.textContent}" outside the chart's width`);
              }
              // Radzen clips the axes to the chart's box: a label reaching left of it loses its first letters (the £).
              const svg = box.querySelector('svg').getBoundingClientRect();
              for (const t of box.querySelectorAll('.rz-tick-text')) {
                if (t.getBoundingClientRect().left < Math.max(0, svg.left) - 0.5) faults.push(`chart ${i}: axis label "${t.textContent}" cut off at the left`);
              }
              for (const stop of box.querySelectorAll('[tabindex], a, button')) faults.push(`chart ${i}: a Tab stop ${stop.outerHTML.slice(0, 60)}`);
              return faults;
            })
            """);

        Assert.Empty(faults);
        await page.Context.CloseAsync();
    }

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
