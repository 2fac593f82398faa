using GrantsCommissioning.EndToEnd.Infrastructure;

namespace GrantsCommissioning.EndToEnd.Api;

/// <summary>The administrator's API token page in a real browser: no axe violations, no sideways scroll at 320 px, the form's errors and the revoke confirmation too.</summary>
[Collection(StaffBrowserCollection.Name)]
public class ApiTokenPageTests(BrowserSite site)
{
    private const string Admin = "admin@demo.opcc-grants.example";

    [Theory]
    [InlineData("/admin/api-tokens")]
    [InlineData("/admin/api-tokens?confirm=revoke&id=1")]
    public async Task TokenPage_HasNoAxeViolations_AndFitsAt320Pixels(string path) =>
        await site.AssertAccessibleAndReflowsAsync(Admin, path);

    [Fact]
    public async Task CreateWithErrors_HasNoAxeViolations_AndSaysWhatToFix()
    {
        var page = await site.SignedInPageAsync(Admin);
        await page.GotoAsync("/admin/api-tokens");
        await page.ClickAsync("main button[type=submit]:has-text('Create the token')");
        await page.WaitForSelectorAsync(".error-summary");

        var violations = await Axe.RunAsync(page);

        Assert.True(violations.Count == 0, Axe.Describe(violations));
        Assert.Contains("Select at least one scope.", await page.InnerTextAsync(".error-summary"), StringComparison.Ordinal);
        await page.Context.CloseAsync();
    }
}
