using GrantsCommissioning.Core.Data;
using GrantsCommissioning.Core.Workflow;
using GrantsCommissioning.EndToEnd.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GrantsCommissioning.EndToEnd.Staff;

/// <summary>
/// The officer's and finance's paged lists in a real browser: axe-core clean, no sideways scroll at 320 px, and once
/// the page is interactive (its first pages restored from the prerender) a search still asks the server for its page.
/// </summary>
[Collection(StaffBrowserCollection.Name)]
public class StaffListPagesTests(BrowserSite site)
{
    [Theory]
    [InlineData("officer@demo.opcc-grants.example", "/officer")]
    [InlineData("finance@demo.opcc-grants.example", "/finance")]
    [InlineData("officer@demo.opcc-grants.example", "/officer/returns?state=ToCome&to=2099-12-31")]
    public async Task ListPage_HasNoAxeViolations_AndFitsAt320Pixels(string user, string path) =>
        await site.AssertAccessibleAndReflowsAsync(user, path, ".rz-data-row");

    [Fact]
    public async Task OfficerReturnsList_SearchedOnceInteractive_ShowsOnlyTheMatchingReturn()
    {
        string reference;
        string state;
        await using (var db = await site.Services.GetRequiredService<IDbContextFactory<GrantsDbContext>>().CreateDbContextAsync())
        {
            var first = await db.Returns.Where(r => r.State == ReturnStates.Submitted || r.State == ReturnStates.Overdue)
                .OrderBy(r => r.Id).Select(r => new { r.ReturnReference, r.State }).FirstAsync();
            (reference, state) = (first.ReturnReference, first.State);
        }
        var (id, label) = state == ReturnStates.Submitted
            ? ("returns-review", "Search monitoring returns to review")
            : ("returns-overdue", "Search overdue monitoring returns");
        var page = await site.SignedInPageAsync("officer@demo.opcc-grants.example");
        await page.GotoAsync("/officer");
        await page.WaitForLoadStateAsync(Microsoft.Playwright.LoadState.NetworkIdle);

        await page.GetByLabel(label).FillAsync(reference);
        await page.GetByLabel(label).Locator("xpath=following-sibling::button[1]").ClickAsync();
        await page.WaitForFunctionAsync($"() => document.querySelectorAll('[aria-labelledby={id}] .rz-data-row').length === 1");

        Assert.Contains(reference, await page.InnerTextAsync($"[aria-labelledby={id}] .rz-data-row"), StringComparison.Ordinal);
        Assert.False(await page.IsVisibleAsync("#blazor-error-ui"));
        await page.Context.CloseAsync();
    }
}
