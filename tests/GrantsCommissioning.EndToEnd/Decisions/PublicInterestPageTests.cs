using System.Globalization;
using GrantsCommissioning.Core.Data;
using GrantsCommissioning.EndToEnd.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GrantsCommissioning.EndToEnd.Decisions;

/// <summary>
/// The case page with the flag of significant public interest: flagged (CGS-CY-0005, as the decision maker sees it, with
/// the decision form's warning) and unflagged (CGS-CY-0011, with the officer's flagging form). No axe-core violations,
/// no sideways scroll at 320 pixels.
/// </summary>
[Collection(StaffBrowserCollection.Name)]
public class PublicInterestPageTests(BrowserSite site)
{
    [Theory]
    [InlineData("chief.executive@demo.opcc-grants.example", "CGS-CY-0005", "#public-interest-flag")]
    [InlineData("officer@demo.opcc-grants.example", "CGS-CY-0011", "#public-interest-reason")]
    public async Task CasePageWithThePublicInterestFlag_HasNoAxeViolations_AndFitsAt320Pixels(string user, string reference, string shows)
    {
        await using var db = await site.Services.GetRequiredService<IDbContextFactory<GrantsDbContext>>().CreateDbContextAsync();
        var id = await db.Applications.Where(a => a.ApplicationReference == reference).Select(a => a.Id).SingleAsync();

        await site.AssertAccessibleAndReflowsAsync(user, $"/cases/applications/{id.ToString(CultureInfo.InvariantCulture)}", shows);
    }
}
