using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Core.Features.Panel;
using GrantsCommissioning.Core.Features.Seeding;
using GrantsCommissioning.TestCommon.Fixtures;
using Microsoft.EntityFrameworkCore;

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

    /// <summary>
    /// A plan varied from 2015/16 (version 2) heads the quarters from then; the quarters before it are still reported
    /// against version 1, with version 1's objectives, after the variation.
    /// </summary>
    [Fact]
    public async Task PlanVersion_StaysReportableForItsQuarters_AfterAVariationReplacesIt()
    {
        await using var test = await TestDatabase.CreateAsync(new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.Zero));
        await test.Get<SeedLoader>().LoadReferenceDataAsync();
        int first, varied;
        await using (var db = test.NewContext())
        {
            var v1 = await db.Plans.SingleAsync();
            first = v1.Id;
            var v2 = new PoliceAndCrimePlan
            {
                Code = v1.Code, Version = 2, Title = "Police and Crime Plan for West Mercia 2013–2017, varied April 2015", PoliceArea = v1.PoliceArea,
                PeriodStart = new DateOnly(2015, 4, 1), PeriodEnd = v1.PeriodEnd, VariationNote = "Objective 1 reworded.",
            };
            var aim = new PlanAim { Plan = v2, Number = 1, Title = "Keep people safe" };
            v2.Objectives.Add(new PlanObjective { Plan = v2, Aim = aim, Number = 1, Title = "Reduce violent crime, varied" });
            db.Plans.Add(v2);
            await db.SaveChangesAsync();
            varied = v2.Id;
        }
        var service = test.Get<PanelReportService>();

        Assert.Equal("Police and Crime Plan for West Mercia 2013–2017", await service.PlanInForceAsync(new FinancialYear(2013).Quarter(1)));
        Assert.Equal("Police and Crime Plan for West Mercia 2013–2017", await service.PlanInForceAsync(new FinancialYear(2014).Quarter(4)));
        Assert.Equal("Police and Crime Plan for West Mercia 2013–2017, varied April 2015", await service.PlanInForceAsync(new FinancialYear(2015).Quarter(1)));
        var before = await service.QuarterAsync(new FinancialYear(2013).Quarter(1));
        var after = await service.QuarterAsync(new FinancialYear(2016).Quarter(2));
        await using var check = test.NewContext();
        Assert.Equal(await check.Objectives.Where(o => o.PlanId == first).Select(o => o.Id).OrderBy(i => i).ToListAsync(), before.Objectives.Select(o => o.ObjectiveId).Order());
        Assert.Equal(11, before.Objectives.Count);
        Assert.Equal([await check.Objectives.Where(o => o.PlanId == varied).Select(o => o.Id).SingleAsync()], after.Objectives.Select(o => o.ObjectiveId));
    }
}
