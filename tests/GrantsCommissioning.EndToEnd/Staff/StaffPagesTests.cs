using GrantsCommissioning.Core.Data;
using GrantsCommissioning.EndToEnd.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GrantsCommissioning.EndToEnd.Staff;

/// <summary>
/// The administrator's staff pages in a real browser: axe-core finds no WCAG 2.2 AA violations (the invitation form with
/// its errors too) and nothing scrolls sideways at 320 CSS pixels. {officer} is the demo grants officer's account.
/// </summary>
[Collection(StaffBrowserCollection.Name)]
public class StaffPagesTests(BrowserSite site)
{
    private const string Admin = "admin@demo.opcc-grants.example";

    public static TheoryData<string> Pages => ["/admin/staff", "/admin/staff/invite", "/admin/staff/{officer}", "/admin/staff/{officer}?confirm=close"];

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task StaffPage_HasNoAxeViolations_AndFitsAt320Pixels(string template) =>
        await site.AssertAccessibleAndReflowsAsync(Admin, await PathAsync(template), template == "/admin/staff" ? ".rz-data-row" : null);

    [Fact]
    public async Task InvitationWithErrors_HasNoAxeViolations_AndSaysWhatToFix()
    {
        var page = await site.SignedInPageAsync(Admin);
        await page.GotoAsync("/admin/staff/invite");
        await page.ClickAsync("main button[type=submit]");
        await page.WaitForSelectorAsync(".error-summary");

        var violations = await Axe.RunAsync(page);

        Assert.True(violations.Count == 0, Axe.Describe(violations));
        Assert.Contains("Select at least one role.", await page.InnerTextAsync(".error-summary"), StringComparison.Ordinal);
        await page.Context.CloseAsync();
    }

    private async Task<string> PathAsync(string template)
    {
        await using var db = await site.Services.GetRequiredService<IDbContextFactory<GrantsDbContext>>().CreateDbContextAsync();
        var officer = await db.Users.Where(u => u.Email == "officer@demo.opcc-grants.example").Select(u => u.Id).SingleAsync();
        return template.Replace("{officer}", officer, StringComparison.Ordinal);
    }
}
