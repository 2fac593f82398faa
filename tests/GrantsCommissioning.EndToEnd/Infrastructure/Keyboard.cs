using Microsoft.Playwright;

namespace GrantsCommissioning.EndToEnd.Infrastructure;

/// <summary>Moves focus the way a keyboard user does: with Tab, never by clicking or focusing directly.</summary>
public static class Keyboard
{
    public static async Task TabToAsync(IPage page, string elementId, int maxTabs = 40)
    {
        ArgumentNullException.ThrowIfNull(page);
        for (var i = 0; i < maxTabs; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            if (await page.EvaluateAsync<string>("() => document.activeElement?.id ?? ''") == elementId)
            {
                return;
            }
        }
        throw new InvalidOperationException($"#{elementId} could not be reached with {maxTabs} presses of Tab.");
    }
}
