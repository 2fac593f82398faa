using GrantsCommissioning.EndToEnd.Infrastructure;

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
    };

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task ChangedPage_HasNoAxeViolations_AndFitsAt320Pixels(string? user, string path) =>
        await site.AssertAccessibleAndReflowsAsync(user, path);
}
