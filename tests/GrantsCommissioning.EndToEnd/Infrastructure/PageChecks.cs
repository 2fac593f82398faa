using Microsoft.Playwright;

namespace GrantsCommissioning.EndToEnd.Infrastructure;

/// <summary>
/// The checks every page gets, in one place: it answers 200, axe-core finds no WCAG 2.2 AA violations, and nothing
/// scrolls sideways, at a desktop width (1280 CSS pixels) and at 320 CSS pixels (WCAG 1.4.10 reflow). With
/// <c>GC_SCREENSHOTS</c> set to a folder, each width is also saved there as a full-page PNG to look at.
/// </summary>
public static class PageChecks
{
    public static readonly int[] Widths = [1280, 320];

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
                Assert.True(scroll <= width, $"{path} is {scroll}px wide at a {width}px viewport");
                await ScreenshotAsync(page, path, width);
            }
            finally
            {
                await page.Context.CloseAsync();
            }
        }
    }

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
