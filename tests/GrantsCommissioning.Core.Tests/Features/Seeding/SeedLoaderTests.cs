using GrantsCommissioning.Core.Configuration;
using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Core.Features.Reports;
using GrantsCommissioning.Core.Features.Seeding;
using GrantsCommissioning.Core.Workflow;
using GrantsCommissioning.TestCommon.Fixtures;
using Microsoft.EntityFrameworkCore;

namespace GrantsCommissioning.Core.Tests.Features.Seeding;

public class SeedLoaderTests
{
    private static readonly DateTimeOffset Today = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task LoadReferenceData_OnEmptyDatabase_LoadsTheWestMerciaPlanFromTheQ1Report()
    {
        await using var test = await TestDatabase.CreateAsync(Today);

        await test.Get<SeedLoader>().LoadReferenceDataAsync();

        await using var db = test.NewContext();
        var plan = await db.Plans.Include(p => p.Aims).Include(p => p.Objectives).ThenInclude(o => o.Measures).ThenInclude(m => m.Readings).SingleAsync();
        Assert.Equal("Police and Crime Plan for West Mercia 2013–2017", plan.Title);
        Assert.Equal((new DateOnly(2013, 4, 1), new DateOnly(2017, 3, 31)), (plan.PeriodStart, plan.PeriodEnd));
        Assert.Equal(4, plan.Aims.Count);
        Assert.Equal(Enumerable.Range(1, 11), plan.Objectives.Select(o => o.Number).Order());
        var objective2 = plan.Objectives.Single(o => o.Number == 2);
        Assert.Equal("Objective 2 – To reduce the volume of violent crime with an emphasis on addressing the harm caused by alcohol through partnership working", objective2.Heading);
        var violence = objective2.Measures.Single(m => m.Title == "Reduction in the volume of violent crime with injury");
        Assert.True(violence.IsHeadline);
        Assert.Equal("less 2% of 2012/13 outturn", violence.TargetText);
        var q1 = violence.Readings.Single();
        Assert.Equal((2013, 1, "1,639", "1,517", Rag.Green), (q1.FinancialYearStart, q1.Quarter, q1.PeriodTarget, q1.Actual, q1.Rag));
        Assert.Equal(9, plan.Objectives.SelectMany(o => o.Measures).Count(m => m.IsHeadline));
        Assert.Equal(Rag.Red, plan.Objectives.SelectMany(o => o.Measures).Single(m => m.Title.StartsWith("Reduce the percentage of victims and witnesses", StringComparison.Ordinal)).Readings.Single().Rag);
    }

    [Fact]
    public async Task LoadReferenceData_LoadsFundsBudgetsRoundsAndNationalPriorities()
    {
        await using var test = await TestDatabase.CreateAsync(Today);

        await test.Get<SeedLoader>().LoadReferenceDataAsync();

        await using var db = test.NewContext();
        var cgs = await db.Funds.Include(f => f.Budgets).SingleAsync(f => f.Code == "CGS");
        Assert.Equal(Money.FromPounds(2_000_000m), cgs.Budgets.Single(b => b.FinancialYearStart == 2013).Amount);
        var small = await db.Funds.Include(f => f.Rounds).SingleAsync(f => f.Code == "SMALL");
        Assert.True(small.IsSmallFund);
        Assert.Equal(Money.FromPounds(500m), small.MaxAward);
        Assert.Equal(Money.FromPounds(500m), small.Rounds.Single().MaxAward);
        var round = await db.Rounds.Include(r => r.Criteria).SingleAsync(r => r.Reference == "CGS-2013-14");
        Assert.Equal(100, round.Criteria.Sum(c => c.WeightPercent));
        Assert.Equal(new DateTimeOffset(2014, 1, 31, 17, 0, 0, TimeSpan.Zero), round.ClosesAt);
        Assert.Equal(6, await db.NationalPriorities.CountAsync());
        var drugs = await db.NationalPriorities.Include(p => p.Metrics).Include(p => p.Objectives).SingleAsync(p => p.Code == "drugs-county-lines");
        Assert.Contains(drugs.Metrics, m => m.Name == "Police referrals into drug treatment");
        Assert.Contains(drugs.Objectives, o => o.Number == 3);
    }

    [Fact]
    public async Task LoadDemoData_ReproducesTheReportedFigure_61GrantsTotalling1369313ByEndOfJune2013()
    {
        await using var test = await TestDatabase.CreateAsync(Today);
        var seeds = test.Get<SeedLoader>();
        await seeds.LoadReferenceDataAsync();

        await seeds.LoadDemoDataAsync();

        var report = await test.Get<ObjectiveRollUp>().YearToDateAsync(new FinancialYear(2013).Quarter(1));
        Assert.Equal(61, report.Totals.AwardsMade);
        Assert.Equal("£1,369,313", report.Totals.Awarded.ToShortString());
    }

    [Fact]
    public async Task LoadDemoData_PaymentsAndSpendVaryLikeRealOnes_NotAFixedShareOfTheAward()
    {
        await using var test = await TestDatabase.CreateAsync(Today);
        var seeds = test.Get<SeedLoader>();
        await seeds.LoadReferenceDataAsync();

        await seeds.LoadDemoDataAsync();

        var report = await test.Get<ObjectiveRollUp>().YearToDateAsync(new FinancialYear(2013).Quarter(1));
        Assert.NotEqual(report.Totals.Awarded.Pence / 2, report.Totals.Paid.Pence);
        Assert.NotEqual(report.Totals.Awarded.Pence / 5, report.Totals.SpendReported.Pence);
        Assert.InRange(report.Totals.Paid.Pence, report.Totals.Awarded.Pence / 4, report.Totals.Awarded.Pence * 3 / 4);
        var funded = report.Rows.Where(r => r.Awarded.Pence > 0).ToList();
        Assert.True(funded.Select(r => Math.Round((decimal)r.Paid.Pence / r.Awarded.Pence, 2)).Distinct().Count() > 3, "each objective is paid a different share of its awards");
        Assert.True(funded.Select(r => Math.Round((decimal)r.SpendReported.Pence / r.Awarded.Pence, 2)).Distinct().Count() > 3, "each objective reports a different share spent");
        await using var db = test.NewContext();
        var instalments = await db.Awards.Where(a => a.AwardReference.StartsWith("AWD-2013-")).Select(a => a.Payments.Count).Distinct().ToListAsync();
        Assert.Equal([1, 2, 3], instalments.Order());
    }

    [Fact]
    public async Task LoadDemoData_PutsCasesInEveryWorkflowState()
    {
        await using var test = await TestDatabase.CreateAsync(Today);
        var seeds = test.Get<SeedLoader>();
        await seeds.LoadReferenceDataAsync();

        await seeds.LoadDemoDataAsync();

        await using var db = test.NewContext();
        Assert.Equal(ApplicationStates.All.Order(), (await db.Applications.Select(a => a.State).Distinct().ToListAsync()).Order());
        Assert.Equal(AwardStates.All.Order(), (await db.Awards.Select(a => a.State).Distinct().ToListAsync()).Order());
        Assert.Equal(PaymentStates.All.Order(), (await db.Payments.Select(a => a.State).Distinct().ToListAsync()).Order());
        Assert.Equal(ReturnStates.All.Order(), (await db.Returns.Select(a => a.State).Distinct().ToListAsync()).Order());
        Assert.True(await db.Rounds.AnyAsync(r => r.OpensAt <= Today && r.ClosesAt > Today), "a demo round is open today");
        Assert.True(await db.FundBudgets.AnyAsync(b => b.FinancialYearStart == 2026), "the demo funds have a budget for the current year");
    }

    [Fact]
    public async Task LoadingSeedDataTwice_ChangesNothing()
    {
        await using var test = await TestDatabase.CreateAsync(Today);
        var seeds = test.Get<SeedLoader>();
        await seeds.LoadReferenceDataAsync();
        await seeds.LoadDemoDataAsync();
        var before = await CountsAsync(test);

        var reference = await seeds.LoadReferenceDataAsync();
        var demo = await seeds.LoadDemoDataAsync();

        Assert.Equal(0, reference.RecordsAdded + demo.RecordsAdded);
        Assert.Equal(before, await CountsAsync(test));
    }

    [Fact]
    public async Task MalformedSeedFile_StopsWithAMessageNamingTheFileAndLine()
    {
        var folder = CopyOfSeedDataWith("reference/funds.json", "\"code\": \"SMALL\",", "\"code\": \"SMALL\"");
        await using var test = await TestDatabase.CreateAsync(Today, seedDataPath: folder);

        var ex = await Assert.ThrowsAsync<StartupException>(() => test.Get<SeedLoader>().LoadReferenceDataAsync());

        Assert.StartsWith("Seed file seed-data/reference/funds.json: malformed JSON at line ", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SeedFileMissingARequiredField_StopsWithAMessageNamingTheFileAndTheField_AndLoadsNothingFromIt()
    {
        var folder = CopyOfSeedDataWith("reference/funds.json", "\"seniorResponsibleOfficer\": \"Helen Marsh\",", "");
        await using var test = await TestDatabase.CreateAsync(Today, seedDataPath: folder);

        var ex = await Assert.ThrowsAsync<StartupException>(() => test.Get<SeedLoader>().LoadReferenceDataAsync());

        Assert.StartsWith("Seed file seed-data/reference/funds.json: malformed JSON", ex.Message, StringComparison.Ordinal);
        Assert.Contains("missing required properties including: 'SeniorResponsibleOfficer'", ex.Message, StringComparison.Ordinal);
        await using var db = test.NewContext();
        Assert.Equal(0, await db.Funds.CountAsync());
    }

    [Fact]
    public async Task InconsistentSeedFile_StopsWithAMessageNamingTheProblem_AndLoadsNothingFromThatFile()
    {
        var folder = CopyOfSeedDataWith("reference/national-priorities.json", "\"objectives\": [6],", "\"objectives\": [6, 12],");
        await using var test = await TestDatabase.CreateAsync(Today, seedDataPath: folder);

        var ex = await Assert.ThrowsAsync<StartupException>(() => test.Get<SeedLoader>().LoadReferenceDataAsync());

        Assert.Equal("Seed file seed-data/reference/national-priorities.json: priority 'cyber-crime' maps to objective 12, which plan WM-PCP-2013 does not have", ex.Message);
        await using var db = test.NewContext();
        Assert.Equal(0, await db.NationalPriorities.CountAsync());
        Assert.Equal(1, await db.Plans.CountAsync());
    }

    [Fact]
    public async Task DemoCaseWhoseBudgetDoesNotAddUp_StopsWithAMessageNamingTheCase()
    {
        var folder = CopyOfSeedData();
        var path = Path.Combine(folder, "demo", "cases-2013-14.json");
        var text = File.ReadAllText(path);
        var at = text.IndexOf("\"requested\": 172500", StringComparison.Ordinal);
        File.WriteAllText(path, text[..at] + "\"requested\": 172501" + text[(at + "\"requested\": 172500".Length)..]);
        await using var test = await TestDatabase.CreateAsync(Today, seedDataPath: folder);
        await test.Get<SeedLoader>().LoadReferenceDataAsync();

        var ex = await Assert.ThrowsAsync<StartupException>(() => test.Get<SeedLoader>().LoadDemoDataAsync());

        Assert.Equal("Seed file seed-data/demo/cases-2013-14.json: case CGS-2013-0001: budget lines add up to £172,500.00, not the £172,501.00 requested", ex.Message);
    }

    [Fact]
    public async Task DemoQueriedReturn_WithoutTheOfficersQuery_StopsWithAMessageNamingTheCase()
    {
        var folder = CopyOfSeedData();
        var path = Path.Combine(folder, "demo", "cases-current-year.json");
        var text = File.ReadAllText(path);
        var at = text.IndexOf(",\n      \"query\": \"Thank you for the return.", StringComparison.Ordinal);
        File.WriteAllText(path, text[..at] + text[text.IndexOf('\n', at + 2)..]);
        await using var test = await TestDatabase.CreateAsync(Today, seedDataPath: folder);
        await test.Get<SeedLoader>().LoadReferenceDataAsync();

        var ex = await Assert.ThrowsAsync<StartupException>(() => test.Get<SeedLoader>().LoadDemoDataAsync());

        Assert.Equal("Seed file seed-data/demo/cases-current-year.json: case CGS-CY-0015: return 1 needs the officer's query when, and only when, it is Queried", ex.Message);
    }

    [Fact]
    public async Task DemoQueriedReturn_IsJournalledWithTheOfficersQuery_AfterItWasSubmitted()
    {
        await using var test = await TestDatabase.CreateAsync(Today);
        var seeds = test.Get<SeedLoader>();
        await seeds.LoadReferenceDataAsync();

        await seeds.LoadDemoDataAsync();

        await using var db = test.NewContext();
        var queried = await db.Returns.SingleAsync(r => r.ReturnReference == "AWD-CY-0015-R1");
        var entry = await db.WorkflowJournal.SingleAsync(j => j.CaseKind == CaseKind.MonitoringReturn && j.CaseId == queried.Id && j.ToState == ReturnStates.Queried);
        Assert.StartsWith("Thank you for the return. You have spent £9,000 of the £16,800 for sessional workers", entry.Comment, StringComparison.Ordinal);
        Assert.True(entry.OccurredAt > queried.SubmittedAt, "queried after it was sent");
    }

    /// <summary>
    /// AWD-CY-0013's second return is due 20 days after loading: it was shown as sent five days before its due date (in the
    /// future) and as entering "Submitted" on the day of the award, before its period began. Every demo return is now
    /// sent, accepted and journalled before the load, and a sent return's history starts after its period ended.
    /// </summary>
    [Fact]
    public async Task DemoReturns_AreSentAcceptedAndJournalledInThePast_AfterTheirPeriodEnded()
    {
        await using var test = await TestDatabase.CreateAsync(Today);
        var seeds = test.Get<SeedLoader>();
        await seeds.LoadReferenceDataAsync();

        await seeds.LoadDemoDataAsync();

        await using var db = test.NewContext();
        var sent = (await db.Returns.Where(r => r.SubmittedAt != null).ToListAsync()).Where(r => r.ReturnReference.StartsWith("AWD-CY-", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(sent);
        Assert.All(sent, r => Assert.True(r.SubmittedAt <= Today && (r.AcceptedAt ?? Today) <= Today, $"{r.ReturnReference} sent {r.SubmittedAt}, accepted {r.AcceptedAt}"));
        var early = await db.Returns.SingleAsync(r => r.ReturnReference == "AWD-CY-0013-R2");
        var entered = await db.WorkflowJournal.Where(j => j.CaseKind == CaseKind.MonitoringReturn && j.CaseId == early.Id && j.ToState == ReturnStates.Submitted).SingleAsync();
        Assert.Equal(early.SubmittedAt, entered.OccurredAt);
        Assert.True(UkTime.ToUkDate(entered.OccurredAt) > early.PeriodEnd, $"entered Submitted on {entered.OccurredAt}, before its period ended on {early.PeriodEnd}");
        var ids = sent.Select(r => r.Id).ToList();
        Assert.DoesNotContain(await db.WorkflowJournal.Where(j => j.CaseKind == CaseKind.MonitoringReturn && ids.Contains(j.CaseId)).ToListAsync(), j => j.OccurredAt > Today);
    }

    [Fact]
    public async Task RelativeDatesInDemoData_AreResolvedAgainstTheDayOfLoading()
    {
        await using var test = await TestDatabase.CreateAsync(Today);
        var seeds = test.Get<SeedLoader>();
        await seeds.LoadReferenceDataAsync();

        await seeds.LoadDemoDataAsync();

        await using var db = test.NewContext();
        var open = await db.Rounds.SingleAsync(r => r.Reference == "CGS-CURRENT");
        Assert.Equal(UkTime.FromUkLocal(new DateOnly(2026, 12, 23), new TimeOnly(12, 0)), open.ClosesAt);
    }

    private static async Task<string> CountsAsync(TestDatabase test)
    {
        await using var db = test.NewContext();
        return string.Join(",", await db.Plans.CountAsync(), await db.Measures.CountAsync(), await db.MeasureReadings.CountAsync(),
            await db.NationalPriorities.CountAsync(), await db.Funds.CountAsync(), await db.FundBudgets.CountAsync(), await db.Rounds.CountAsync(),
            await db.Organisations.CountAsync(), await db.Applications.CountAsync(), await db.Decisions.CountAsync(), await db.Awards.CountAsync(),
            await db.Payments.CountAsync(), await db.Returns.CountAsync(), await db.WorkflowJournal.CountAsync());
    }

    /// <summary>A copy of seed-data/ in which <paramref name="relative"/> has <paramref name="find"/> replaced by <paramref name="replace"/>.</summary>
    private static string CopyOfSeedDataWith(string relative, string find, string replace)
    {
        var folder = CopyOfSeedData();
        var path = Path.Combine(folder, relative);
        var text = File.ReadAllText(path);
        Assert.Contains(find, text, StringComparison.Ordinal);
        File.WriteAllText(path, text.Replace(find, replace, StringComparison.Ordinal));
        return folder;
    }

    internal static string CopyOfSeedData()
    {
        var source = RepositoryPaths.Resolve(null, "seed-data", AppContext.BaseDirectory);
        var target = Path.Combine(Path.GetTempPath(), "gc-seed-" + Guid.NewGuid().ToString("N"));
        foreach (var file in Directory.GetFiles(source, "*.json", SearchOption.AllDirectories))
        {
            var to = Path.Combine(target, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(to)!);
            File.Copy(file, to);
        }
        return target;
    }
}
