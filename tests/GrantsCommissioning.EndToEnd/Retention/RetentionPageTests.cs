using GrantsCommissioning.EndToEnd.Infrastructure;

namespace GrantsCommissioning.EndToEnd.Retention;

/// <summary>The administrator's retention page in a real browser: no axe violations and no sideways scroll at 320 px, with the policy form, the lift and approve confirmations, and a form's errors.</summary>
[Collection(StaffBrowserCollection.Name)]
public class RetentionPageTests(BrowserSite site)
{
    private const string Admin = "admin@demo.opcc-grants.example";

    [Theory]
    [InlineData("/admin/retention")]
    [InlineData("/admin/retention?edit=UnsuccessfulApplication")]
    [InlineData("/admin/retention?confirm=lift&id=1")]
    [InlineData("/admin/retention?confirm=approve")]
    public async Task RetentionPage_HasNoAxeViolations_AndFitsAt320Pixels(string path) =>
        await site.AssertAccessibleAndReflowsAsync(Admin, path);

    [Fact]
    public async Task AHoldWithoutAReason_HasNoAxeViolations_AndSaysWhatToFix()
    {
        var page = await site.SignedInPageAsync(Admin);
        await page.GotoAsync("/admin/retention");
        await page.FillAsync("#Reference", "CGS-2013-0901");
        await page.ClickAsync("main button[type=submit]:has-text('Put under legal hold')");
        await page.WaitForSelectorAsync(".error-summary");

        var violations = await Axe.RunAsync(page);

        Assert.True(violations.Count == 0, Axe.Describe(violations));
        Assert.Contains("Enter why the case must be kept", await page.InnerTextAsync(".error-summary"), StringComparison.Ordinal);
        await page.Context.CloseAsync();
    }
}
