using System.Globalization;
using System.Net;
using GrantsCommissioning.Core.Data;
using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Core.Features.Funds;
using GrantsCommissioning.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GrantsCommissioning.Web.Tests.Funds;

/// <summary>
/// The demo's passported Community Safety Fund awards (the 2027/28 allocation table): dated the day of the decision that
/// agreed the table, not the day the demo was loaded, and linked to the plan objectives the demo names, in shares of 100%,
/// as the award page shows them.
/// </summary>
[Collection(DemoSiteCollection.Fourth)]
public class PassportedAwardDemoTests(GrantsWebFactory site)
{
    private const string Officer = "officer@demo.opcc-grants.example";

    [Fact]
    public async Task DemoCommunitySafetyAwards_ShowTheDecisionDate_AndTheirPlanObjectives()
    {
        await using var db = await site.Services.GetRequiredService<IDbContextFactory<GrantsDbContext>>().CreateDbContextAsync();
        var fund = await db.Funds.SingleAsync(f => f.Code == "CSF-WM");
        var table = await db.Set<AllocationTable>().SingleAsync(t => t.FundId == fund.Id && t.FinancialYearStart == 2027);
        var awards = await db.Awards.Include(a => a.Objectives).ThenInclude(o => o.Objective).Where(a => a.FundId == fund.Id).OrderBy(a => a.AwardReference).ToListAsync();
        var loaded = UkTime.ToUkDate(table.ImportedAt);

        Assert.Equal(5, awards.Count);
        Assert.All(awards, a =>
        {
            // funds.json: "decidedOn": "today-14d" — the decision, a fortnight before the demo was loaded.
            Assert.Equal(loaded.AddDays(-14), a.AwardedOn);
            Assert.Equal([2, 4, 7], a.Objectives.Select(o => o.Objective!.Number).Order());
            Assert.Equal(100, a.Objectives.Sum(o => o.SharePercent));
        });

        using var client = await site.SignedInClientAsync(Officer);
        var page = WebUtility.HtmlDecode(await client.GetStringAsync(new Uri($"/cases/awards/{awards[0].Id}", UriKind.Relative)));
        Assert.Contains($"<dt>Awarded on</dt><dd>{awards[0].AwardedOn.ToString("d MMMM yyyy", CultureInfo.GetCultureInfo("en-GB"))}</dd>", page, StringComparison.Ordinal);
        foreach (var o in awards[0].Objectives)
        {
            Assert.Contains($"Objective {o.Objective!.Number} – {o.Objective.Title}: <strong>{o.SharePercent}%</strong>", page, StringComparison.Ordinal);
        }
    }
}
