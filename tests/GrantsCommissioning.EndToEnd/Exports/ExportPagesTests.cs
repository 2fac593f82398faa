using GrantsCommissioning.Core.Data;
using GrantsCommissioning.EndToEnd.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace GrantsCommissioning.EndToEnd.Exports;

/// <summary>
/// The pages this branch changed, in a real browser, axe-core clean with no horizontal scroll at 1280 and 320 px: staff
/// tables with their CSV and XLSX downloads, the Decisions dashboard's national-priority chart and table, the success
/// measures of one RAG (the Panel page's RAG counts link there) and the public grants register with its objective chart.
/// </summary>
[Collection(StaffBrowserCollection.Name)]
public class ExportPagesTests(BrowserSite site)
{
    public static TheoryData<string?, string> Pages => new()
    {
        { "chief.executive@demo.opcc-grants.example", "/decisions" },
        { "commissioner@demo.opcc-grants.example", "/decisions" },
        { "panel@demo.opcc-grants.example", "/panel/measures/2013/1?rag=Red" },
        { "officer@demo.opcc-grants.example", "/staff/rounds" },
        { "finance@demo.opcc-grants.example", "/finance/runs" },
        { "assessor@demo.opcc-grants.example", "/assess" },
        { null, "/transparency/grants?year=2013" },
        // Single-record pages whose tables gained downloads.
        { "officer@demo.opcc-grants.example", "/cases/awards/{award}" },
        { "finance@demo.opcc-grants.example", "/finance/reconciliation" },
        { "finance@demo.opcc-grants.example", "/finance/virements" },
        { "finance@demo.opcc-grants.example", "/finance/2013" },
    };

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task ChangedPage_HasNoAxeViolations_AndFitsAt320Pixels(string? user, string path) =>
        await site.AssertAccessibleAndReflowsAsync(user, await site.DemoPathAsync(path));

    [Fact]
    public async Task DecisionsChart_LabelsEachNationalPriorityByItsName_NotItsCode()
    {
        await using var db = await site.Services.GetRequiredService<IDbContextFactory<GrantsDbContext>>().CreateDbContextAsync();
        var priorities = await db.NationalPriorities.Select(p => new { p.Code, p.Title }).ToListAsync();
        var page = await site.SignedInPageAsync("chief.executive@demo.opcc-grants.example");
        await page.GotoAsync("/decisions");
        var rows = await page.Locator("table[aria-labelledby=priorities] tbody th").AllInnerTextsAsync();
        var chart = page.Locator(".chart svg");

        Assert.NotEmpty(rows);
        foreach (var title in rows)
        {
            await Assertions.Expect(chart.GetByText(title, new() { Exact = true })).ToHaveCountAsync(1);
        }
        foreach (var p in priorities)
        {
            await Assertions.Expect(chart.GetByText(p.Code, new() { Exact = true })).ToHaveCountAsync(0);
        }
        Assert.All(rows, title => Assert.Contains(priorities, p => p.Title == title));
    }
}
