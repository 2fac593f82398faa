using Microsoft.Playwright;

namespace GrantsCommissioning.EndToEnd.Infrastructure;

/// <summary>Moves focus the way a keyboard user does: with Tab, never by clicking or focusing directly.</summary>
public static class Keyboard
{
    public static Task TabToAsync(IPage page, string elementId, int maxTabs = 40) =>
        TabToMatchAsync(page, $"[id=\"{elementId}\"]", maxTabs);

    /// <summary>Presses Tab until the focused element matches <paramref name="selector"/> (a CSS selector).</summary>
    public static async Task TabToMatchAsync(IPage page, string selector, int maxTabs = 60)
    {
        ArgumentNullException.ThrowIfNull(page);
        for (var i = 0; i < maxTabs; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            if (await page.EvaluateAsync<bool>("s => !!document.activeElement && document.activeElement.matches(s)", selector))
            {
                return;
            }
        }
        throw new InvalidOperationException($"{selector} could not be reached with {maxTabs} presses of Tab on {page.Url}.");
    }

    /// <summary>Tabs to <paramref name="selector"/> and presses Enter: following a link or pressing a button.</summary>
    public static async Task ActivateAsync(IPage page, string selector)
    {
        ArgumentNullException.ThrowIfNull(page);
        await TabToMatchAsync(page, selector);
        await page.Keyboard.PressAsync("Enter");
    }
}
