using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Core.Features.Panel;
using GrantsCommissioning.Core.Features.Seeding;
using GrantsCommissioning.Core.Features.Transparency;
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

    [Fact]
    public async Task ImportXlsx_WithGoodRows_RecordsTheQuarter_EvenWhereTheWorkbookLeavesOutAnEmptyLastCell()
    {
        await using var test = await TestDatabase.CreateAsync(Today);
        await test.Get<SeedLoader>().LoadReferenceDataAsync();
        var readings = test.Get<MeasureReadings>();
        var workbook = TableFile.Xlsx(new Table("2013-14 Q2", MeasureReadings.Columns,
        [
            [2, "Reduction in the volume of violent crime with injury", "3,278", 3101, "Improving", "G", "Below the year-to-date target"],
            // No commentary: a spreadsheet program writes no cell after the RAG.
            [8, "Reduce the percentage of victims and witnesses who attend court unnecessarily", null, 2.1m, "improving", "Amber"],
        ]));

        var result = await readings.ImportAsync(Q2, "measures-q2.xlsx", workbook, Officer);

        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Values));
        Assert.Equal(2, result.Value);
        var q2 = await readings.ForQuarterAsync(Q2);
        var violence = Assert.Single(q2, r => r.Title == "Reduction in the volume of violent crime with injury").Reading!;
        Assert.Equal(("3,278", "3101", DirectionOfTravel.Improving, Rag.Green, "Below the year-to-date target"),
            (violence.PeriodTarget, violence.Actual, violence.Direction, violence.Rag, violence.Comment));
        var court = q2.Single(r => r.ObjectiveNumber == 8 && r.Reading is not null).Reading!;
        Assert.Equal(("2.1", Rag.Amber, (string?)null), (court.Actual, court.Rag, court.Comment));
    }

    [Fact]
    public async Task ImportXlsx_WithABadRowOrUnreadable_NamesItAndImportsNothing()
    {
        await using var test = await TestDatabase.CreateAsync(Today);
        await test.Get<SeedLoader>().LoadReferenceDataAsync();
        var readings = test.Get<MeasureReadings>();
        var workbook = TableFile.Xlsx(new Table("2013-14 Q2", MeasureReadings.Columns,
        [
            [2, "Reduction in the volume of violent crime with injury", "3,278", 3101, "Improving", "G", "fine"],
            [4, "Reduction in the volume of ASB incidents as measured by the police", null, 1, "Stable", "Purple"],
        ]));

        var result = await readings.ImportAsync(Q2, "measures-q2.xlsx", workbook, Officer);
        var unreadable = await readings.ImportAsync(Q2, "measures-q2.xlsx", "PK not a workbook"u8.ToArray(), Officer);
        var panelMember = await readings.ImportAsync(Q2, "measures-q2.xlsx", workbook, Actor.For("p", "Cllr", Roles.PanelMember));

        Assert.Equal("Row 3: RAG must be Green, Amber, Red or Not rated (G, A, R or -), not \"Purple\".", result.Errors["file"]);
        Assert.Equal("The file is not a CSV file or an XLSX workbook that can be read.", unreadable.Errors["file"]);
        Assert.False(panelMember.Succeeded);
        await using var db = test.NewContext();
        Assert.Equal(0, await db.MeasureReadings.CountAsync(r => r.FinancialYearStart == 2013 && r.Quarter == 2));
    }
}
