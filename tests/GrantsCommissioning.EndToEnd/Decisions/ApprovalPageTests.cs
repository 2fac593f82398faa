using System.Globalization;
using GrantsCommissioning.Core.Data;
using GrantsCommissioning.EndToEnd.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GrantsCommissioning.EndToEnd.Decisions;

/// <summary>The deputies page and the case page with its approval tracker: no axe-core violations, no sideways scroll at 320 pixels.</summary>
[Collection(StaffBrowserCollection.Name)]
public class ApprovalPageTests(BrowserSite site)
{
    [Fact]
    public async Task DeputiesPage_HasNoAxeViolations_AndFitsAt320Pixels() =>
        await site.AssertAccessibleAndReflowsAsync("chief.executive@demo.opcc-grants.example", "/staff/deputies");

    [Fact]
    public async Task CasePageWithTheApprovalTracker_HasNoAxeViolations_AndFitsAt320Pixels()
    {
        await using var db = await site.Services.GetRequiredService<IDbContextFactory<GrantsDbContext>>().CreateDbContextAsync();
        var id = await db.Applications.Where(a => a.ApplicationReference == "CGS-CY-0011").Select(a => a.Id).SingleAsync();

        await site.AssertAccessibleAndReflowsAsync("cfo@demo.opcc-grants.example", $"/cases/applications/{id.ToString(CultureInfo.InvariantCulture)}", "#approval-tracker");
    }
}
