using Microsoft.Playwright;

namespace GrantsCommissioning.EndToEnd.Infrastructure;

/// <summary>
/// The checks every page gets, in one place: it answers 200, axe-core finds no WCAG 2.2 AA violations, and nothing
/// scrolls sideways, at a desktop width (1280 CSS pixels) and at 320 CSS pixels (WCAG 1.4.10 reflow). At 320 pixels
/// tables also break lines only between words: every word of letters (or a figure) in a th or td in main lies on one
/// line (a Range over it has its boxes on a single line, so "Commit/ted" or a column broken letter by letter fails), and
/// a box that scrolls sideways is a keyboard-focusable, labelled region. With <c>GC_SCREENSHOTS</c> set to a folder,
/// each width is also saved there as a full-page PNG to look at.
/// </summary>
public static class PageChecks
{
    public static readonly int[] Widths = [1280, 320];

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

    /// <param name="site">The shared browser site.</param>
    /// <param name="user">The demo account to sign in as, or null for a signed-out visitor.</param>
    /// <param name="path">The page, with any ids already filled in.</param>
    /// <param name="waitFor">A selector to wait for before checking (e.g. <c>.rz-data-row</c> for a Radzen grid).</param>
    public static async Task AssertAccessibleAndReflowsAsync(this BrowserSite site, string? user, string path, string? waitFor = null)
    {
        ArgumentNullException.ThrowIfNull(site);
        foreach (var width in Widths)
        {
            var page = user is null ? await site.NewPageAsync(width: width, height: 800) : await site.SignedInPageAsync(user, width);
            try
            {
                var response = await page.GotoAsync(path);
                Assert.True(response?.Ok, $"{path} answered {response?.Status}");
                await page.WaitForSelectorAsync(waitFor ?? "main h1");
                await page.WaitForLoadStateAsync(LoadState.NetworkIdle);

                var violations = await Axe.RunAsync(page);
                Assert.True(violations.Count == 0, $"{path} at {width}px:{Environment.NewLine}{Axe.Describe(violations)}");
                var scroll = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
                await ScreenshotAsync(page, path, width);
                Assert.True(scroll <= width, $"{path} is {scroll}px wide at a {width}px viewport; what reaches past it:{Environment.NewLine}"
                    + string.Join(Environment.NewLine, await page.EvaluateAsync<string[]>(TooWide, width)));
                if (width == Narrow)
                {
                    await AssertWordsWholeAsync(page, path);
                }
            }
            finally
            {
                await page.Context.CloseAsync();
            }
        }
    }

    /// <summary>At 320 pixels: no word in a table cell split over two lines, and every sideways scroller a named Tab stop (the page checks and the applicant pages' reflow checks call it).</summary>
    public static async Task AssertWordsWholeAsync(IPage page, string path)
    {
        var broken = await page.EvaluateAsync<string[]>(BrokenWords);
        Assert.True(broken.Length == 0, $"{path} at {Narrow}px breaks words:{Environment.NewLine}{string.Join(Environment.NewLine, broken.Take(20))}");
        var scrollers = await page.EvaluateAsync<string[]>(UnlabelledScrollers);
        Assert.True(scrollers.Length == 0, $"{path} scrolls sideways in a box without a name or Tab stop:{Environment.NewLine}{string.Join(Environment.NewLine, scrollers)}");
    }

    /// <summary>The innermost elements whose right edge is past the viewport (tag, id or class, start of the text), for the failure message.</summary>
    private const string TooWide = """
        (width) => [...document.querySelectorAll('body *')]
          .filter(e => e.getBoundingClientRect().right > width + 0.5 && ![...e.children].some(c => c.getBoundingClientRect().right > width + 0.5))
          .slice(0, 8)
          .map(e => `${e.tagName.toLowerCase()}${e.id ? '#' + e.id : ''}${e.className && typeof e.className === 'string' ? '.' + e.className.trim().split(/\s+/).join('.') : ''} right=${Math.round(e.getBoundingClientRect().right)} "${(e.textContent || '').trim().slice(0, 60)}"`)
        """;

    /// <summary>With <c>GC_SCREENSHOTS</c> set, saves the page there as a full-page PNG named after its path and width.</summary>
    public static async Task ScreenshotAsync(IPage page, string path, int width)
    {
        if (Environment.GetEnvironmentVariable("GC_SCREENSHOTS") is not { Length: > 0 } folder)
        {
            return;
        }

        var name = new string(path.Trim('/').Select(c => char.IsLetterOrDigit(c) ? c : '-').ToArray());
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, $"{name}-{width}.png"), FullPage = true });
    }
}
