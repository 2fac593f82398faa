using GrantsCommissioning.Core.Data;
using GrantsCommissioning.EndToEnd.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GrantsCommissioning.EndToEnd;

/// <summary>The award payment schedule page (the demo's AWD-CY-0013, an advance held for a document): axe-core clean and no horizontal scroll at 1280 and 320 px.</summary>
[Collection(StaffBrowserCollection.Name)]
public class SchedulePageTests(BrowserSite site)
{
    [Theory]
    [InlineData("officer@demo.opcc-grants.example")]
    [InlineData("finance@demo.opcc-grants.example")]
    public async Task SchedulePage_HasNoAxeViolations_AndFitsAt320Pixels(string user)
    {
        await using var db = await site.Services.GetRequiredService<IDbContextFactory<GrantsDbContext>>().CreateDbContextAsync();
        var award = await db.Awards.Where(a => a.AwardReference == "AWD-CY-0013").Select(a => a.Id).FirstAsync();
        await site.AssertAccessibleAndReflowsAsync(user, $"/cases/awards/{award}/schedule");
    }
}
