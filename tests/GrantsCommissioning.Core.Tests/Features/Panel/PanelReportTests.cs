using System.Security.Cryptography;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Core.Features.Panel;
using GrantsCommissioning.Core.Features.Seeding;
using GrantsCommissioning.Core.Workflow;
using GrantsCommissioning.TestCommon.Fixtures;
using Microsoft.EntityFrameworkCore;

namespace GrantsCommissioning.Core.Tests.Features.Panel;

public class PanelReportTests
{
    private static readonly DateTimeOffset Today = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);
    private static readonly FinancialQuarter Q1 = new FinancialYear(2013).Quarter(1);
    private static readonly Actor Officer = Actor.For("officer-1", "Priya Shah", Roles.GrantsOfficer);
    private static readonly Actor ChiefExecutive = Actor.For("ce-1", "Helen Marsh", Roles.DecisionMaker);

    [Fact]
    public async Task DemoQ1Report_WordDocument_SaysWhatTheSeedReportSays()
    {
        await using var test = await TestDatabase.CreateAsync(Today);
        var seeds = test.Get<SeedLoader>();
        await seeds.LoadReferenceDataAsync();
        await seeds.LoadDemoDataAsync();
        var reports = test.Get<PanelReportService>();

        var published = Assert.Single(await reports.PublishedAsync());
        var (bytes, fileName) = (await reports.DocumentAsync(published.Id))!.Value;

        Assert.Equal((Q1, 1), (published.Quarter, published.Version));
        Assert.Equal("panel-report-2013-14-q1-v1.docx", fileName);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), published.ContentHash);
        using var doc = WordprocessingDocument.Open(new MemoryStream(bytes), false);
        var body = doc.MainDocumentPart!.Document!.Body!;
        var paragraphs = body.Elements<Paragraph>().Select(p => p.InnerText).ToList();
        Assert.Equal("Police & Crime Plan activity and performance monitoring report", paragraphs[0]);
        foreach (var section in new[] { "1. Purpose", "2. Background", "3. Format of the report", "7. Recommendations", "Appendix A – Objective summary", "Appendix B – Success measures" })
        {
            Assert.Contains(section, paragraphs);
        }
        Assert.Contains("To the end of June 2013, 61 grants have been awarded totalling £1,369,313.", paragraphs);
        Assert.Contains(paragraphs, p => p.StartsWith("The new Alliance Policing Model will be implemented from the 30th September 2013.", StringComparison.Ordinal));
        // Part 3 from the decision register: the six grant notices and the two other notices signed in the quarter, in signature order.
        Assert.Contains(paragraphs, p => p.StartsWith("Decisions – The PCC has made 8 decisions requiring notices", StringComparison.Ordinal));
        Assert.Contains("WMPCC/2013/001 – Treasury management strategy 2013/14, decided 26 April 2013", paragraphs);
        Assert.Contains("WMPCC/2013/002 – Regional collaboration: Surveillance, decided 10 June 2013", paragraphs);
        Assert.Contains(paragraphs, p => p.StartsWith("WMPCC/2013/003 – ", StringComparison.Ordinal) && p.EndsWith(", £172,500, decided 8 April 2013", StringComparison.Ordinal));
        Assert.DoesNotContain(paragraphs, p => p.StartsWith("WMPCC/2015/021", StringComparison.Ordinal));

        // The grants by national priority, through the objectives with the awards' shares, each figure checked against the rows.
        await using var db = test.NewContext();
        var shares = await (from ao in db.AwardObjectives join a in db.Awards on ao.AwardId equals a.Id
                            where a.AwardedOn >= Q1.Year.Start && a.AwardedOn <= Q1.End
                            select new { ao.AwardId, ao.ObjectiveId, ao.SharePercent, Amount = a.AmountPence }).ToListAsync();
        var priorities = await db.NationalPriorities.Include(p => p.Objectives).ToListAsync();
        var priorityTable = body.Elements<Table>().Single(t => t.Elements<TableRow>().First().InnerText.StartsWith("National priority", StringComparison.Ordinal));
        var priorityRows = priorityTable.Elements<TableRow>().Skip(1).Select(r => r.Elements<TableCell>().Select(c => c.InnerText).ToList()).ToList();
        Assert.Equal(6, priorityRows.Count);
        foreach (var p in priorities)
        {
            var ids = p.Objectives.Select(o => o.Id).ToHashSet();
            var mine = shares.Where(s => ids.Contains(s.ObjectiveId)).ToList();
            var awarded = (long)Math.Round(mine.Sum(s => s.Amount * s.SharePercent) / 100m, MidpointRounding.AwayFromZero);
            var row = priorityRows.Single(r => r[0] == p.Title);
            Assert.Equal(mine.Select(s => s.AwardId).Distinct().Count().ToString(System.Globalization.CultureInfo.InvariantCulture), row[2]);
            Assert.Equal(new Money(awarded).ToShortString(), row[3]);
        }

        var objectives = await db.Objectives.OrderBy(o => o.Number).ToListAsync();
        Assert.Equal(11, objectives.Count);
        foreach (var o in objectives)
        {
            Assert.Contains(o.Heading, paragraphs);
            Assert.Contains($"{o.Number}. {o.Title}", paragraphs);
        }

        var appendixB = body.Elements<Table>().Last();
        var rows = appendixB.Elements<TableRow>().Skip(1).Select(r => r.Elements<TableCell>().Select(c => c.InnerText).ToList()).ToList();
        var measures = await db.Measures.Include(m => m.Readings).ToListAsync();
        Assert.Equal(measures.Count, rows.Count);
        foreach (var m in measures)
        {
            var reading = m.Readings.Single(r => r.FinancialYearStart == 2013 && r.Quarter == 1);
            var row = Assert.Single(rows, r => r[1].StartsWith(m.Title + (m.IsHeadline ? "*" : ""), StringComparison.Ordinal));
            Assert.Equal(m.TargetText, row[2]);
            Assert.Equal(reading.PeriodTarget ?? "", row[3]);
            Assert.Equal(reading.Actual ?? "", row[4]);
            Assert.StartsWith(PanelReportText.RagLetter(reading.Rag), row[5], StringComparison.Ordinal);
        }
        Assert.Contains(rows, r => r[1] == "Reduction in the volume of violent crime with injury*" && r[3] == "1,639" && r[4] == "1,517" && r[5] == "G");
        Assert.Contains(paragraphs, p => p.StartsWith("Red – the target / outcome is below the expected position", StringComparison.Ordinal));

        // The portrait tables (priorities, Part 2) fit the text width, so no column is squeezed until its words break ("Objecti/ve", "£399,073./40").
        foreach (var portrait in body.Elements<Table>().Take(2))
        {
            Assert.InRange(portrait.GetFirstChild<TableGrid>()!.Elements<GridColumn>().Sum(c => int.Parse(c.Width!.Value!, System.Globalization.CultureInfo.InvariantCulture)),
                1, PanelReportDocument.PortraitTextWidth);
        }

        // The second table: the first is the grants by national priority in Part 1.
        var part2 = body.Elements<Table>().ElementAt(1).Elements<TableRow>().Skip(1).Select(r => r.Elements<TableCell>().ElementAt(4).InnerText).ToList();
        Assert.Equal(measures.Count(m => m.Readings.Single().Rag is Rag.Red or Rag.Amber), part2.Count);
        Assert.All(part2, rag => Assert.Contains(rag, new[] { "R", "A" }));
    }

    [Fact]
    public async Task Approve_WhileAMeasureHasNoReadingForTheQuarter_IsRefusedAndTheDraftStaysADraft()
    {
        await using var test = await TestDatabase.CreateAsync(Today);
        await test.Get<SeedLoader>().LoadReferenceDataAsync();
        var reports = test.Get<PanelReportService>();
        var q2 = new FinancialYear(2013).Quarter(2);
        var objective1 = (await reports.QuarterAsync(q2)).Objectives[0].ObjectiveId;
        Assert.True((await reports.SaveAsync(q2, new PanelDraftInput(new Dictionary<int, string?> { [objective1] = "Patrol strategy in place." }, null), Officer)).Succeeded);

        var result = await reports.ApproveAsync(q2, ChiefExecutive);

        Assert.False(result.Succeeded);
        Assert.Contains("cannot be approved while 49 success measures have no RAG rating for 2013/14 Q2", result.Errors[""], StringComparison.Ordinal);
        var view = await reports.QuarterAsync(q2);
        Assert.Equal(PanelReportStatus.Draft, view.Status);
        Assert.Equal(49, view.MeasuresWithoutReading.Count);
        Assert.False((await reports.PublishAsync(q2, null, Officer)).Succeeded);
        Assert.Empty(await reports.PublishedAsync());
    }

    [Fact]
    public async Task Publish_AgainAfterACorrection_MakesVersion2AndLeavesVersion1AsItWas()
    {
        await using var test = await TestDatabase.CreateAsync(Today);
        await test.Get<SeedLoader>().LoadReferenceDataAsync();
        var reports = test.Get<PanelReportService>();
        var objective1 = (await reports.QuarterAsync(Q1)).Objectives[0].ObjectiveId;
        await reports.SaveAsync(Q1, new PanelDraftInput(new Dictionary<int, string?> { [objective1] = "First wording." }, "Joint Audit Committee appointed."), Officer);
        Assert.False((await reports.ApproveAsync(Q1, Officer)).Succeeded); // the author does not approve their own report
        Assert.True((await reports.ApproveAsync(Q1, ChiefExecutive)).Succeeded);
        var v1 = (await reports.PublishAsync(Q1, null, Officer)).Value;
        var v1Before = (await reports.DocumentAsync(v1))!.Value.Document;

        Assert.False((await reports.SaveAsync(Q1, new PanelDraftInput(new Dictionary<int, string?> { [objective1] = "Changed." }, null), Officer)).Succeeded);
        await reports.ReturnToDraftAsync(Q1, ChiefExecutive);
        await reports.SaveAsync(Q1, new PanelDraftInput(new Dictionary<int, string?> { [objective1] = "Corrected wording." }, null), Officer);
        await reports.ApproveAsync(Q1, ChiefExecutive);
        var noNote = await reports.PublishAsync(Q1, null, Officer);
        var v2 = (await reports.PublishAsync(Q1, "Objective 1 wording corrected", Officer)).Value;

        Assert.Equal("correctionNote", Assert.Single(noNote.Errors).Key);
        var first = (await reports.PublishedAsync(v1))!;
        var second = (await reports.PublishedAsync(v2))!;
        Assert.Equal((1, 2), (first.Summary.Version, second.Summary.Version));
        Assert.Equal("First wording.", first.Content.Objectives[0].Narrative);
        Assert.Equal("Corrected wording.", second.Content.Objectives[0].Narrative);
        Assert.Equal(v1Before, (await reports.DocumentAsync(v1))!.Value.Document);
        Assert.NotEqual(first.Summary.ContentHash, second.Summary.ContentHash);

        await using var db = test.NewContext();
        var ex = await Assert.ThrowsAnyAsync<Exception>(() =>
            db.Set<PublishedPanelReport>().Where(r => r.Id == v1).ExecuteUpdateAsync(s => s.SetProperty(r => r.ContentHash, "tampered")));
        Assert.Contains("published Panel reports never change", ex.Message, StringComparison.Ordinal);
        Assert.Contains("PanelReportPublished", await db.AuditLog.Select(a => a.Action).ToListAsync());
    }

    [Fact]
    public async Task Save_WithAnUpdateTooLong_NamesTheObjectiveAndSavesNothing()
    {
        await using var test = await TestDatabase.CreateAsync(Today);
        await test.Get<SeedLoader>().LoadReferenceDataAsync();
        var reports = test.Get<PanelReportService>();
        var objectives = (await reports.QuarterAsync(Q1)).Objectives;

        var result = await reports.SaveAsync(Q1, new PanelDraftInput(
            new Dictionary<int, string?> { [objectives[0].ObjectiveId] = "Fine.", [objectives[2].ObjectiveId] = new string('x', 4001) }, null), Officer);
        var panelMember = await reports.SaveAsync(Q1, new PanelDraftInput(new Dictionary<int, string?>(), "x"), Actor.For("p", "Cllr", Roles.PanelMember));
        var foreign = await reports.SaveAsync(Q1, new PanelDraftInput(new Dictionary<int, string?> { [99_999] = "Elsewhere." }, new string('a', 4001)), Officer);

        Assert.Equal("The update on objective 3 must be 4,000 characters or fewer.", result.Errors[$"objective-{objectives[2].ObjectiveId}"]);
        Assert.Equal(
            [("objective-99999", "That objective is not in the plan this quarter is reported against."), ("pccActivity", "PCC activity must be 4,000 characters or fewer.")],
            foreign.Errors.Select(e => (e.Key, e.Value)).OrderBy(e => e.Key, StringComparer.Ordinal));
        Assert.False(panelMember.Succeeded);
        Assert.False((await reports.QuarterAsync(Q1)).Exists);
    }

    [Fact]
    public async Task Quarter_WhenNoPlanWasInForce_HasNoPlanAndCannotBeWritten()
    {
        await using var test = await TestDatabase.CreateAsync(Today);
        await test.Get<SeedLoader>().LoadReferenceDataAsync();
        var reports = test.Get<PanelReportService>();
        // Before the first plan started (a plan stays in force after its period until replaced, so 2026/27 has one).
        var q = new FinancialYear(2012).Quarter(4);

        var view = await reports.QuarterAsync(q);
        var save = await reports.SaveAsync(q, new PanelDraftInput(new Dictionary<int, string?>(), "Activity."), Officer);

        Assert.Null(view.PlanTitle);
        Assert.Empty(view.Objectives);
        Assert.Contains("No Police and Crime Plan was in force in 2012/13 Q4", save.Errors[""], StringComparison.Ordinal);
        Assert.Null(await reports.PreviewAsync(q));
    }
}
