using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Core.Features.Panel;
using GrantsCommissioning.Core.Features.Seeding;
using GrantsCommissioning.TestCommon.Fixtures;

namespace GrantsCommissioning.Core.Tests.Features.Panel;

/// <summary>The /panel page heads a quarter with the plan in force then, and no plan when none was (not the 2013–2017 plan in 2026).</summary>
public class PlanInForceTests
{
    [Theory]
    [InlineData(2013, 1, "Police and Crime Plan for West Mercia 2013–2017")]
    [InlineData(2016, 4, "Police and Crime Plan for West Mercia 2013–2017")]
    [InlineData(2026, 1, null)]
    [InlineData(2026, 2, null)]
    public async Task PlanInForce_IsThePlanWhosePeriodCoversTheQuarter(int year, int quarter, string? expected)
    {
        await using var test = await TestDatabase.CreateAsync(new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.Zero));
        await test.Get<SeedLoader>().LoadReferenceDataAsync();

        var title = await test.Get<PanelReportService>().PlanInForceAsync(new FinancialYear(year).Quarter(quarter));

        Assert.Equal(expected, title);
    }
}
