using System.Globalization;
using GrantsCommissioning.Core.Data;
using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Core.Features.Dashboards;
using GrantsCommissioning.EndToEnd.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace GrantsCommissioning.EndToEnd.Panel;

/// <summary>
/// Issue 14: a Panel member chooses a later quarter on the interactive /panel page, and the figures change to that
/// quarter's year to date, as the database has them: a 2026/27 quarter, reported against the 2013–2017 plan, which stays
/// in force until a new plan starts.
/// </summary>
[Collection(StaffBrowserCollection.Name)]
public sealed class PanelQuarterChoiceTests(BrowserSite site)
{
    private static readonly CultureInfo Uk = CultureInfo.GetCultureInfo("en-GB");

    [Fact]
    public async Task ChoosingTheCurrentQuarter_ShowsThatYearsFiguresToDate_AsTheDatabaseHasThem()
    {
        var now = site.Services.GetRequiredService<TimeProvider>().GetUtcNow();
        var chosen = FinancialQuarter.Containing(now);
        var first = await site.Services.GetRequiredService<DashboardQueries>().LatestReportedQuarterAsync();
        Assert.NotEqual(first, chosen);
        int awards;
        long awardedPence;
        await using (var db = await site.Services.GetRequiredService<IDbContextFactory<GrantsDbContext>>().CreateDbContextAsync())
        {
            var inPeriod = db.Awards.Where(a => a.AwardedOn >= chosen.Year.Start && a.AwardedOn <= chosen.End);
            (awards, awardedPence) = (await inPeriod.CountAsync(), await inPeriod.SumAsync(a => a.AmountPence));
        }
        Assert.True(awards > 0, $"the demo has no awards in {chosen.Year}");
        var page = await site.SignedInPageAsync("panel@demo.opcc-grants.example");
        try
        {
            await page.GotoAsync("/panel");
            var lead = page.Locator("main p.lead");
            await Assertions.Expect(lead).ToContainTextAsync($"Year to date: {first.Year.Start.ToString("d MMMM yyyy", Uk)}", new() { Timeout = 30_000 });
            var before = await page.Locator("main tfoot tr").First.InnerTextAsync();

            // The quarter list opens only over the circuit: a click on the prerendered page does nothing, so it is made again until the list shows.
            for (var attempt = 1; ; attempt++)
            {
                await page.Locator("#quarter").ClickAsync();
                try
                {
                    await page.Locator(".rz-dropdown-item").First.WaitForAsync(new() { Timeout = 2000 });
                    break;
                }
                catch (TimeoutException) when (attempt < 15)
                {
                }
            }
            await page.Locator(".rz-dropdown-item", new() { HasTextString = $"{chosen} (" }).First.ClickAsync();

            await Assertions.Expect(lead).ToContainTextAsync(
                $"Year to date: {chosen.Year.Start.ToString("d MMMM yyyy", Uk)} to {chosen.End.ToString("d MMMM yyyy", Uk)}", new() { Timeout = 30_000 });
            await Assertions.Expect(lead).ToContainTextAsync("Police and Crime Plan for West Mercia 2013–2017");
            var totals = page.Locator("main tfoot tr").First;
            await Assertions.Expect(totals).ToContainTextAsync(new Money(awardedPence).ToString(), new() { Timeout = 30_000 });
            var cells = await totals.Locator("td").AllInnerTextsAsync();
            Assert.Equal(awards.ToString(Uk), cells[1].Trim());
            Assert.Equal(new Money(awardedPence).ToString(), cells[2].Trim());
            Assert.NotEqual(before, await totals.InnerTextAsync());
            await Assertions.Expect(page.Locator("main .inset").First).ToContainTextAsync(
                $"To the end of {chosen.End.ToString("MMMM yyyy", Uk)}, {awards} grants have been awarded totalling {new Money(awardedPence).ToShortString()}");
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }
}
