using GrantsCommissioning.Core.Data;
using GrantsCommissioning.EndToEnd.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GrantsCommissioning.EndToEnd;

/// <summary>The fund pages (funds, a passported fund, virements, a figure's drill-down): axe-core clean and no horizontal scroll at 1280 and 320 px.</summary>
[Collection(StaffBrowserCollection.Name)]
public class FundPageTests(BrowserSite site)
{
    public static TheoryData<string, string> Pages => new()
    {
        { "finance@demo.opcc-grants.example", "/finance/funds" },
        { "admin@demo.opcc-grants.example", "/finance/funds/{passported}" },
        // As Finance the page also has the allocation import form (decision date and plan objectives).
        { "finance@demo.opcc-grants.example", "/finance/funds/{passported}" },
        { "cfo@demo.opcc-grants.example", "/finance/virements" },
        { "finance@demo.opcc-grants.example", "/finance/2027/funds/{passported}/committed" },
        { "finance@demo.opcc-grants.example", "/finance/2027/funds/{passported}/forecast?quarter=1" },
    };

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task FundPage_HasNoAxeViolations_AndFitsAt320Pixels(string user, string template) =>
        await site.AssertAccessibleAndReflowsAsync(user, await PathAsync(template));

    private async Task<string> PathAsync(string template)
    {
        await using var db = await site.Services.GetRequiredService<IDbContextFactory<GrantsDbContext>>().CreateDbContextAsync();
        var passported = await db.Funds.Where(f => f.Code == "CSF-WM").Select(f => f.Id).FirstAsync();
        return template.Replace("{passported}", passported.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }
}
