using Microsoft.Playwright;

namespace GrantsCommissioning.EndToEnd.Infrastructure;

/// <summary>
/// The waits a journey makes as a person would, sized for a loaded 2-core machine (Playwright's default is 5 s): arriving
/// on a page, choosing a radio button, and pressing a button once the page is live over its Blazor circuit (staff
/// buttons are disabled until then).
/// </summary>
public static class PageWaits
{
    /// <summary>How long a page or the circuit may take on a loaded machine.</summary>
    public const float CircuitTimeout = 60_000;

    /// <summary>
    /// Waits until the browser is on the page <paramref name="url"/> describes and its heading is shown. Waits for the
    /// response, not the load event: on a busy 2-core CI machine the load event of an enhanced page can lag far behind.
    /// </summary>
    public static async Task ArriveAsync(IPage page, Func<string, bool> url)
    {
        ArgumentNullException.ThrowIfNull(page);
        try
        {
            await page.WaitForURLAsync(url, new() { WaitUntil = WaitUntilState.Commit, Timeout = CircuitTimeout });
        }
        catch (TimeoutException ex)
        {
            // Say where the browser is and what the page says (an error summary, say), not just that time ran out.
            var main = await page.Locator("main").First.InnerTextAsync(new() { Timeout = 5_000 });
            throw new TimeoutException($"Still on {page.Url} after {CircuitTimeout / 1000} s; the page says: {main[..Math.Min(main.Length, 600)]}", ex);
        }
        await Assertions.Expect(page.Locator("h1").First).ToBeVisibleAsync(new() { Timeout = CircuitTimeout });
    }

    /// <summary>
    /// Chooses the radio button or ticks the box <paramref name="choice"/>, and waits until it shows as chosen. Once, in a
    /// CI run with the machine's load average above 17, the first choice on a page reached by enhanced navigation did not
    /// hold: Playwright's click landed and the button was found unchosen straight after, as if the page had been replaced
    /// under it; 40 repeats under load here did not show it again. A person would choose again, so this does, twice at
    /// most, and then asserts the choice stands.
    /// </summary>
    public static async Task ChooseAsync(ILocator choice)
    {
        ArgumentNullException.ThrowIfNull(choice);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await choice.CheckAsync();
                break;
            }
            catch (PlaywrightException ex) when (attempt < 3 && ex.Message.Contains("did not change its state", StringComparison.Ordinal))
            {
                await Task.Delay(500);
            }
        }
        await Assertions.Expect(choice).ToBeCheckedAsync();
    }

    /// <summary>Presses <paramref name="button"/> once it is enabled, that is once its page is live over the circuit.</summary>
    public static async Task ClickWhenLiveAsync(ILocator button)
    {
        ArgumentNullException.ThrowIfNull(button);
        await Assertions.Expect(button).ToBeEnabledAsync(new() { Timeout = CircuitTimeout });
        await button.ClickAsync();
    }
}
