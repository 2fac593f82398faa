using GrantsCommissioning.EndToEnd.Infrastructure;
using Microsoft.Playwright;

namespace GrantsCommissioning.EndToEnd;

/// <summary>The pages run in a real browser under the site's Content-Security-Policy (nonces, no 'unsafe-inline' scripts).</summary>
[Collection(BrowserCollection.Name)]
public sealed class ContentSecurityPolicyTests(BrowserSite site)
{
    [Fact]
    public async Task PublicPages_AndEnhancedNavigationBetweenThem_RunWithoutAnyRefusal()
    {
        var page = await site.NewPageAsync();
        await page.GotoAsync("/");
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Funding" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Funding you can apply for" })).ToBeVisibleAsync();
        await page.GotoAsync("/Account/Login");
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);

        Assert.Empty(site.CspViolations(page));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task StaffCasePage_ConnectsItsCircuitOverTheSameOriginWebSocket_AndDrawsTheWorkflowDiagram()
    {
        var page = await site.SignedInPageAsync("officer@demo.opcc-grants.example");
        await page.GotoAsync(await site.DemoPathAsync("/cases/applications/{draft}"));

        // The button is disabled until the interactive circuit (a WebSocket to this origin) is running.
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Extend the deadline" })).ToBeEnabledAsync();
        await Assertions.Expect(page.Locator("[data-mermaid] svg").First).ToBeVisibleAsync();

        Assert.Empty(site.CspViolations(page));
        await page.Context.CloseAsync();
    }
}
