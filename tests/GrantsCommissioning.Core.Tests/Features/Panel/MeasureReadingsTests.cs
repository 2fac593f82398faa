using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Core.Features.Panel;
using GrantsCommissioning.Core.Features.Seeding;
using GrantsCommissioning.Core.Workflow;
using GrantsCommissioning.TestCommon.Fixtures;
using Microsoft.EntityFrameworkCore;

namespace GrantsCommissioning.Core.Tests.Features.Panel;

public class MeasureReadingsTests
{
    private static readonly DateTimeOffset Today = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);
    private static readonly FinancialQuarter Q2 = new FinancialYear(2013).Quarter(2);
    private static readonly Actor Officer = Actor.For("officer-1", "Priya Shah", Roles.GrantsOfficer);

    private const string Header = "objective,measure,period target,actual,direction,rag,commentary\n";

    [Fact]
    public async Task ImportCsv_WithGoodRows_RecordsTheQuarterAndKeepsTheSeedQ1Figures()
    {
        await using var test = await TestDatabase.CreateAsync(Today);
        await test.Get<SeedLoader>().LoadReferenceDataAsync();
        var readings = test.Get<MeasureReadings>();

        var result = await readings.ImportCsvAsync(Q2, Header
            + "2,Reduction in the volume of violent crime with injury,\"3,278\",\"3,101\",Improving,G,Below the year-to-date target\n"
            + "8,Reduce the percentage of victims and witnesses who attend court unnecessarily,,2.10,improving,Amber,\"Better, still below the region\"\n", Officer);

        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Values));
        Assert.Equal(2, result.Value);
        var q2 = await readings.ForQuarterAsync(Q2);
        var violence = Assert.Single(q2, r => r.Title == "Reduction in the volume of violent crime with injury");
        Assert.Equal(("3,101", DirectionOfTravel.Improving, Rag.Green), (violence.Reading!.Actual, violence.Reading.Direction, violence.Reading.Rag));
        var history = (await readings.HistoryAsync(violence.MeasureId))!;
        Assert.Equal(["2013/14 Q1", "2013/14 Q2"], history.Points.Select(p => p.Quarter.ToString()));
        Assert.Equal("1,517", history.Points[0].Actual);
        Assert.Equal("Better, still below the region", q2.Single(r => r.ObjectiveNumber == 8 && r.Reading is not null).Reading!.Comment);
    }

    [Fact]
    public async Task ImportCsv_WithBadRows_NamesEachAndImportsNothing()
    {
        await using var test = await TestDatabase.CreateAsync(Today);
        await test.Get<SeedLoader>().LoadReferenceDataAsync();
        var readings = test.Get<MeasureReadings>();

        var result = await readings.ImportCsvAsync(Q2, Header
            + "2,Reduction in the volume of violent crime with injury,1,2,Improving,G,fine\n"
            + "2,No such measure,1,2,Stable,G,\n"
            + "4,Reduction in the volume of ASB incidents as measured by the police,1,2,Stable,Purple,\n", Officer);
        var badHeader = await readings.ImportCsvAsync(Q2, "measure,actual\nx,1\n", Officer);

        Assert.False(result.Succeeded);
        Assert.Contains("Row 3: objective 2 has no success measure \"No such measure\".", result.Errors["file"], StringComparison.Ordinal);
        Assert.Contains("Row 4: RAG must be Green, Amber, Red or Not rated", result.Errors["file"], StringComparison.Ordinal);
        Assert.StartsWith("The first row must be the column titles", badHeader.Errors["file"], StringComparison.Ordinal);
        await using var db = test.NewContext();
        Assert.Equal(0, await db.MeasureReadings.CountAsync(r => r.FinancialYearStart == 2013 && r.Quarter == 2));
    }
}
