using GrantsCommissioning.EndToEnd.Infrastructure;
using Microsoft.Playwright;

namespace GrantsCommissioning.EndToEnd.Exports;

/// <summary>
/// Tables and grid headers break lines only between words. At 320 CSS pixels, in Chromium, every word of letters (or a
/// figure) in a table's header or body cell lies on one line: a Range over the word has its boxes on a single line, so
/// "Commit/ted" or a reconciliation column broken letter by letter fails. A table too wide for the screen scrolls inside
/// its own region, which is keyboard-focusable and labelled, and the page itself does not scroll sideways.
/// </summary>
[Collection(StaffBrowserCollection.Name)]
public class WordBreakTests(BrowserSite site)
{
    private const int Narrow = 320;

    /// <summary>The words of each th and td in main that lie on more than one line (a letters-only word or a figure).</summary>
    private const string BrokenWords = """
        () => {
          const broken = [];
          for (const cell of document.querySelectorAll('main th, main td')) {
            if (cell.getClientRects().length === 0) continue;
            const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
            for (let node = walker.nextNode(); node; node = walker.nextNode()) {
              for (const m of node.data.matchAll(/\S+/g)) {
                const word = m[0].replace(/^[("'‘“]+|[)"'’”.,:;!?]+$/g, '');
                if (!/^[A-Za-z]{2,}$/.test(word) && !/^[£$]?[0-9][0-9,.]*%?$/.test(word)) continue;
                const range = document.createRange();
                const start = m.index + m[0].indexOf(word);
                range.setStart(node, start);
                range.setEnd(node, start + word.length);
                const tops = new Set([...range.getClientRects()].filter(r => r.width > 0).map(r => Math.round(r.top)));
                if (tops.size > 1) broken.push(`${cell.tagName.toLowerCase()} "${cell.innerText.trim().slice(0, 40)}": ${word}`);
              }
            }
          }
          return broken;
        }
        """;

    /// <summary>Every box in main that scrolls sideways, unless it is focusable with Tab and has a name.</summary>
    private const string UnlabelledScrollers = """
        () => [...document.querySelectorAll('main *')]
          .filter(e => ['auto', 'scroll'].includes(getComputedStyle(e).overflowX) && e.scrollWidth > e.clientWidth + 1)
          .filter(e => !(e.tabIndex >= 0 && e.getAttribute('tabindex') !== null && e.getAttribute('role') === 'region'
                         && (e.getAttribute('aria-label') || (e.getAttribute('aria-labelledby') && document.getElementById(e.getAttribute('aria-labelledby'))))))
          .map(e => e.outerHTML.slice(0, 120))
        """;

    public static TheoryData<string, string> Pages => new()
    {
        { "finance@demo.opcc-grants.example", "/finance" },
        { "finance@demo.opcc-grants.example", "/finance/reconciliation" },
        { "officer@demo.opcc-grants.example", "/officer" },
        { "panel@demo.opcc-grants.example", "/panel" },
        { "chief.executive@demo.opcc-grants.example", "/decisions" },
    };

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task TableWords_BreakOnlyBetweenWords_At320Pixels_AndWideTablesScrollInALabelledRegion(string user, string path)
    {
        var page = await site.SignedInPageAsync(user, Narrow);
        try
        {
            var response = await page.GotoAsync(path);
            Assert.True(response?.Ok, $"{path} answered {response?.Status}");
            await page.WaitForSelectorAsync("main h1");
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
            await PageChecks.ScreenshotAsync(page, path + "-words", Narrow);

            Assert.True(await page.Locator("main th").CountAsync() > 0, $"{path} has no table headers to check");
            var broken = await page.EvaluateAsync<string[]>(BrokenWords);
            Assert.True(broken.Length == 0, $"{path} at {Narrow}px breaks words:{Environment.NewLine}{string.Join(Environment.NewLine, broken.Take(20))}");
            var scrollers = await page.EvaluateAsync<string[]>(UnlabelledScrollers);
            Assert.True(scrollers.Length == 0, $"{path} scrolls sideways in a box without a name or Tab stop:{Environment.NewLine}{string.Join(Environment.NewLine, scrollers)}");
            Assert.True(await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth") <= Narrow, $"{path} scrolls sideways at {Narrow}px");
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }
}
