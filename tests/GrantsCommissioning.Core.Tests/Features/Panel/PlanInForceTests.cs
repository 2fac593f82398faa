using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Core.Features.Funds;
using GrantsCommissioning.Core.Features.Panel;
using GrantsCommissioning.Core.Features.Reports;
using GrantsCommissioning.Core.Features.Seeding;
using GrantsCommissioning.Core.Workflow;
using GrantsCommissioning.TestCommon.Fixtures;
using Microsoft.EntityFrameworkCore;

namespace GrantsCommissioning.Core.Tests.Features.Panel;

/// <summary>
/// One rule for the plan a period is reported against (<see cref="ObjectiveRollUp.PlanInForceAsync"/>): a plan stays in
/// force until a new one starts, so the 2013–2017 plan heads 2017/18 and 2026/27 too; before it started there is none.
/// The Panel page, the report, the success-measure import, the roll-up and the fund allocation form all agree.
/// </summary>
public class PlanInForceTests
{
    private const string Plan = "Police and Crime Plan for West Mercia 2013–2017";
    private static readonly Actor Officer = Actor.For("officer-1", "Priya Shah", Roles.GrantsOfficer);

    [Theory]
    [InlineData(2012, 4, null)]
    [InlineData(2013, 1, Plan)]
    [InlineData(2016, 3, Plan)]
    [InlineData(2016, 4, Plan)]
    [InlineData(2017, 1, Plan)]
    [InlineData(2026, 1, Plan)]
    [InlineData(2026, 2, Plan)]
    public async Task PlanInForce_IsThePlanThatStartedLast_StayingInForceAfterItsPeriodUntilReplaced(int year, int quarter, string? expected)
    {
        await using var test = await TestDatabase.CreateAsync(new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.Zero));
        await test.Get<SeedLoader>().LoadReferenceDataAsync();

        var title = await test.Get<PanelReportService>().PlanInForceAsync(new FinancialYear(year).Quarter(quarter));

        Assert.Equal(expected, title);
    }

    /// <summary>
    /// Before, at and after the plan's end (31 March 2017) the Panel page, the Panel report, the success-measure import, the
    /// roll-up and the fund allocation form name the same plan; before the plan started, none of them has one.
    /// </summary>
    [Theory]
    [InlineData(2012, 4, false)]
    [InlineData(2016, 3, true)]
    [InlineData(2016, 4, true)]
    [InlineData(2017, 1, true)]
    [InlineData(2026, 2, true)]
    public async Task EveryReader_AgreesOnThePlan_BeforeAtAndAfterItsEnd(int year, int quarter, bool planned)
    {
        await using var test = await TestDatabase.CreateAsync(new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.Zero));
        await test.Get<SeedLoader>().LoadReferenceDataAsync();
        var q = new FinancialYear(year).Quarter(quarter);
        await using var db = test.NewContext();
        var objectives = await db.Objectives.Where(o => o.Plan!.Title == Plan).Select(o => o.Id).OrderBy(i => i).ToListAsync();
        var measure = await db.Measures.Where(m => m.Objective!.Plan!.Title == Plan).OrderBy(m => m.Objective!.Number).ThenBy(m => m.Order)
            .Select(m => new { Objective = m.Objective!.Number, m.Title }).FirstAsync();
        var csv = string.Join(",", MeasureReadings.Columns) + "\n" + $"{measure.Objective},\"{measure.Title}\",,4,Improving,Green,On track";

        var panel = await test.Get<PanelReportService>().PlanInForceAsync(q);
        var report = await test.Get<PanelReportService>().QuarterAsync(q);
        var rollUp = await test.Get<ObjectiveRollUp>().YearToDateAsync(q);
        var measures = await test.Get<MeasureReadings>().ForQuarterAsync(q);
        var imported = await test.Get<MeasureReadings>().ImportCsvAsync(q, csv, Officer);
        var allocation = await test.Get<FundService>().PlanObjectivesAsync(q.Year);

        Assert.Equal(planned ? Plan : null, panel);
        Assert.Equal(planned ? Plan : null, report.PlanTitle);
        Assert.Equal(planned ? Plan : "", rollUp.PlanTitle);
        Assert.Equal(planned ? objectives : new List<int>(), rollUp.Rows.Select(r => r.ObjectiveId).Order().ToList());
        Assert.Equal(planned, measures.Count > 0);
        Assert.Equal(planned, imported.Succeeded);
        Assert.Equal(planned ? Plan : null, allocation?.Title);
        Assert.Equal(planned ? objectives : new List<int>(), allocation?.Objectives.Select(o => o.Id).Order().ToList() ?? []);
        Assert.Equal(planned && year < 2017, allocation?.WithinItsPeriod ?? false);
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
