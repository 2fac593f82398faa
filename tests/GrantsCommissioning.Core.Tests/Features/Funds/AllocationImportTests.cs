using System.Text;
using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Core.Features;
using GrantsCommissioning.Core.Features.FinanceExports;
using GrantsCommissioning.Core.Features.Funds;
using GrantsCommissioning.Core.Workflow;
using GrantsCommissioning.TestCommon.Workflow;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace GrantsCommissioning.Core.Tests.Features.Funds;

/// <summary>Passported allocations: seed 002's Community Safety Fund table imported exactly; bad rows and second imports change nothing.</summary>
public sealed class AllocationImportTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 2, 10, 0, 0, TimeSpan.Zero);

    /// <summary>Seed 002, paragraph 22: the Community Safety Fund passported to the seven partnerships and West Midlands Police.</summary>
    private const string Seed002Table = """
        District,2013/14 Allocation £
        Birmingham,"2,497,583"
        Coventry,"546,304"
        Sandwell,"530,190"
        Wolverhampton,"492,495"
        Walsall,"402,203"
        Dudley,"396,364"
        Solihull,"285,938"
        West Midlands Police,"1,817,923"
        Total,"6,969,000"
        Contribution from Reserves,"350,000"
        Total to Allocate,"7,319,000"
        """;

    private static readonly string[] Districts = ["Birmingham", "Coventry", "Sandwell", "Wolverhampton", "Walsall", "Dudley", "Solihull"];

    private sealed record Setup(WorkflowTestHost Host, Actor Finance, int FundId)
    {
        public AllocationImporter Importer => Host.Services.GetRequiredService<AllocationImporter>();
        public FundService Funds => Host.Services.GetRequiredService<FundService>();
    }

    private static async Task<Setup> SetupAsync(bool byTable = true)
    {
        var host = await WorkflowTestHost.CreateAsync(clock: new FakeTimeProvider(Now));
        var data = new WorkflowTestData(host);
        var finance = await data.UserAsync("Sam", Roles.Finance);
        using (var db = host.Db())
        {
            foreach (var district in Districts)
            {
                db.Organisations.Add(new Organisation
                {
                    Name = $"{district} Community Safety Partnership", Type = OrganisationType.CommunitySafetyPartnership, AreaServed = district,
                    AddressLine1 = "Council House", Town = district, Postcode = "B1 1BB",
                });
            }
            db.Organisations.Add(new Organisation { Name = "West Midlands Police", Type = OrganisationType.StatutoryPartner, AreaServed = "West Midlands", AddressLine1 = "Lloyd House", Town = "Birmingham", Postcode = "B4 6NQ" });
            await db.SaveChangesAsync();
        }
        var fund = await host.Services.GetRequiredService<FundService>().SaveAsync(null, new FundInput
        {
            Code = "CSF", Name = "Community Safety Fund", Purpose = "Allocate funding to partnerships to tackle local policing and crime problems.",
            SeniorResponsibleOfficer = "Director of Resources", SeniorResponsibleOfficerRole = "Treasurer", FundingSource = "Home Office Community Safety Fund",
            SourceConditions = "Subject to the establishment of Local Policing and Crime Boards.", IsRingFenced = true, AllocatesByTable = byTable, CapPercent = "100",
        }, finance);
        Assert.True(fund.Succeeded, string.Join(" ", fund.Errors.Values));
        return new Setup(host, finance, fund.Value);
    }

    private static byte[] Csv(string text) => Encoding.UTF8.GetBytes(text.ReplaceLineEndings("\r\n"));

    [Fact]
    public async Task Import_WithTheDecision_DatesEachAwardByIt_AndLinksTheObjectivesInEqualShares()
    {
        var s = await SetupAsync();
        await using var host = s.Host;
        var first = await new WorkflowTestData(host).ObjectiveAsync();
        int[] objectives;
        using (var db = host.Db())
        {
            var o = await db.Objectives.SingleAsync(x => x.Id == first);
            db.Objectives.AddRange(new PlanObjective { PlanId = o.PlanId, AimId = o.AimId, Number = 2, Title = "Reduce anti-social behaviour" },
                new PlanObjective { PlanId = o.PlanId, AimId = o.AimId, Number = 3, Title = "Support victims and witnesses" });
            await db.SaveChangesAsync();
            objectives = await db.Objectives.Where(x => x.PlanId == o.PlanId).OrderBy(x => x.Number).Select(x => x.Id).ToArrayAsync();
        }
        var decided = new DateOnly(2026, 11, 18);

        // The form lists the plan's objectives; a future date, no objective or an unknown one imports nothing.
        Assert.Equal(objectives, (await s.Funds.PlanObjectivesAsync(new FinancialYear(2013)))!.Objectives.Select(p => p.Id));
        var future = await s.Importer.ImportAsync(s.FundId, "csf.csv", Csv(Seed002Table), s.Finance, new AllocationTerms { DecidedOn = new DateOnly(2026, 12, 3), ObjectiveIds = [.. objectives] });
        var undated = await s.Importer.ImportAsync(s.FundId, "csf.csv", Csv(Seed002Table), s.Finance, new AllocationTerms { ObjectiveIds = [.. objectives] });
        var none = await s.Importer.ImportAsync(s.FundId, "csf.csv", Csv(Seed002Table), s.Finance, new AllocationTerms { DecidedOn = decided });
        var unknown = await s.Importer.ImportAsync(s.FundId, "csf.csv", Csv(Seed002Table), s.Finance, new AllocationTerms { DecidedOn = decided, ObjectiveIds = [999_999] });
        Assert.Equal(["DecidedOn"], future.Errors.Keys);
        Assert.Equal(["DecidedOn"], undated.Errors.Keys);
        Assert.Equal(["ObjectiveIds"], none.Errors.Keys);
        Assert.IsType<NotFound>(unknown.Failure);
        using (var db = host.Db())
        {
            Assert.False(await db.Awards.AnyAsync(a => a.FundId == s.FundId));
        }

        var result = await s.Importer.ImportAsync(s.FundId, "csf.csv", Csv(Seed002Table), s.Finance, new AllocationTerms { DecidedOn = decided, ObjectiveIds = [.. objectives] });

        Assert.True(result.Succeeded, string.Join(" ", result.Errors.Values));
        using var check = host.Db();
        var awards = await check.Awards.Include(a => a.Objectives).Where(a => a.FundId == s.FundId).ToListAsync();
        Assert.Equal(8, awards.Count);
        Assert.All(awards, a =>
        {
            Assert.Equal(decided, a.AwardedOn);
            Assert.Equal(objectives, a.Objectives.OrderBy(o => o.ObjectiveId).Select(o => o.ObjectiveId));
            Assert.Equal([34, 33, 33], a.Objectives.OrderBy(o => o.ObjectiveId).Select(o => o.SharePercent));
        });
    }

    [Fact]
    public async Task Import_OffersAndTakesOnlyTheObjectivesOfThePlanInForceInTheTablesYear()
    {
        var s = await SetupAsync();
        await using var host = s.Host;
        var first = await new WorkflowTestData(host).ObjectiveAsync();
        int earlierPlan, laterPlan;
        int[] earlier, later;
        using (var db = host.Db())
        {
            // The test plan runs 2013/14 to 2016/17; a later plan (two versions) from 2017/18 to 2020/21, the second version latest.
            earlierPlan = (await db.Objectives.SingleAsync(x => x.Id == first)).PlanId;
            var v1 = new PoliceAndCrimePlan { Code = "LATER", Version = 1, Title = "Later plan 2017–2021", PoliceArea = "Test", PeriodStart = new DateOnly(2017, 4, 1), PeriodEnd = new DateOnly(2021, 3, 31) };
            var v2 = new PoliceAndCrimePlan { Code = "LATER", Version = 2, Title = "Later plan 2017–2021, varied", PoliceArea = "Test", PeriodStart = new DateOnly(2017, 4, 1), PeriodEnd = new DateOnly(2021, 3, 31) };
            foreach (var plan in new[] { v1, v2 })
            {
                var aim = new PlanAim { Plan = plan, Number = 1, Title = "Keep people safe" };
                db.Objectives.AddRange(new PlanObjective { Plan = plan, Aim = aim, Number = 1, Title = "Protect the vulnerable" },
                    new PlanObjective { Plan = plan, Aim = aim, Number = 2, Title = "Reduce reoffending" });
            }
            await db.SaveChangesAsync();
            laterPlan = v2.Id;
            earlier = await db.Objectives.Where(x => x.PlanId == earlierPlan).Select(x => x.Id).ToArrayAsync();
            later = await db.Objectives.Where(x => x.PlanId == laterPlan).OrderBy(x => x.Number).Select(x => x.Id).ToArrayAsync();
        }

        // The form offers, for each year, the objectives of the plan that year is reported against (the latest version in
        // force in it); a year after every plan's period is reported against the latest, which stays in force until replaced.
        var for2013 = (await s.Funds.PlanObjectivesAsync(new FinancialYear(2013)))!;
        var for2018 = (await s.Funds.PlanObjectivesAsync(new FinancialYear(2018)))!;
        var for2027 = (await s.Funds.PlanObjectivesAsync(new FinancialYear(2027)))!;
        Assert.Equal((earlierPlan, true), (for2013.PlanId, for2013.WithinItsPeriod));
        Assert.Equal(earlier, for2013.Objectives.Select(o => o.Id));
        Assert.Equal((laterPlan, true), (for2018.PlanId, for2018.WithinItsPeriod));
        Assert.Equal(later, for2018.Objectives.Select(o => o.Id));
        Assert.Equal((laterPlan, false), (for2027.PlanId, for2027.WithinItsPeriod));

        // Seed 002's table is for 2013/14: the later plan's objectives are refused and nothing is imported.
        var decided = new DateOnly(2026, 11, 18);
        var wrongPlan = await s.Importer.ImportAsync(s.FundId, "csf.csv", Csv(Seed002Table), s.Finance, new AllocationTerms { DecidedOn = decided, ObjectiveIds = [.. later] });
        var mixed = await s.Importer.ImportAsync(s.FundId, "csf.csv", Csv(Seed002Table), s.Finance, new AllocationTerms { DecidedOn = decided, ObjectiveIds = [earlier[0], later[0]] });
        Assert.Equal(["ObjectiveIds"], wrongPlan.Errors.Keys);
        Assert.Contains("2013/14", wrongPlan.Errors["ObjectiveIds"], StringComparison.Ordinal);
        Assert.IsType<ObjectivesNotInPlan>(mixed.Failure);
        using (var db = host.Db())
        {
            Assert.False(await db.Awards.AnyAsync(a => a.FundId == s.FundId));
        }

        // The same table for 2018/19 takes the later plan's objectives, and refuses the earlier plan's.
        var table2018 = Seed002Table.Replace("2013/14", "2018/19", StringComparison.Ordinal);
        var earlierFor2018 = await s.Importer.ImportAsync(s.FundId, "csf-2018.csv", Csv(table2018), s.Finance, new AllocationTerms { DecidedOn = decided, ObjectiveIds = [.. earlier] });
        Assert.IsType<ObjectivesNotInPlan>(earlierFor2018.Failure);
        var ok = await s.Importer.ImportAsync(s.FundId, "csf-2018.csv", Csv(table2018), s.Finance, new AllocationTerms { DecidedOn = decided, ObjectiveIds = [.. later] });
        Assert.True(ok.Succeeded, string.Join(" ", ok.Errors.Values));
        using var check = host.Db();
        var links = await check.Awards.Where(a => a.FundId == s.FundId).SelectMany(a => a.Objectives.Select(o => o.ObjectiveId)).Distinct().OrderBy(o => o).ToListAsync();
        Assert.Equal(later.Order(), links);
    }

    [Fact]
    public async Task Import_Seed002Table_AllocatesEachPartnerAnAward_AndKeepsTheReserve()
    {
        var s = await SetupAsync();
        await using var host = s.Host;

        var result = await s.Importer.ImportAsync(s.FundId, "csf-2013-14.csv", Csv(Seed002Table), s.Finance);

        Assert.True(result.Succeeded, string.Join(" ", result.Errors.Values));
        var outcome = result.Value!;
        Assert.Equal((new FinancialYear(2013), 8), (outcome.Year, outcome.Awards));
        Assert.Equal("£6,969,000.00", outcome.Allocated.ToString());
        Assert.Equal("£350,000.00", outcome.Reserve.ToString());
        Assert.Equal("£7,319,000.00", outcome.Total.ToString());
        var detail = (await s.Funds.DetailAsync(s.FundId))!;
        var table = Assert.Single(detail.Tables);
        Assert.Equal((Money.FromPounds(350_000m), Money.Zero, Money.FromPounds(350_000m)), (table.Reserve, table.ReserveReleased, table.ReserveRemaining));
        Assert.Equal(Money.FromPounds(7_319_000m), Assert.Single(detail.Budgets).Budget);
        using var db = host.Db();
        var awards = await db.Awards.Include(a => a.Organisation).Include(a => a.Payments).Include(a => a.Returns).Include(a => a.Conditions).Include(a => a.YearSplits)
            .Where(a => a.FundId == s.FundId).OrderBy(a => a.AwardReference).ToListAsync();
        Assert.Equal(6_969_000_00, awards.Sum(a => a.AmountPence));
        var birmingham = awards[0];
        Assert.Equal(("AWD-CSF-1314-01", "Birmingham Community Safety Partnership", 2_497_583_00L), (birmingham.AwardReference, birmingham.Organisation!.Name, birmingham.AmountPence));
        Assert.Equal("West Midlands Police", awards[7].Organisation!.Name);
        Assert.Equal((AwardStates.Active, PaymentBasis.Arrears, new DateOnly(2013, 4, 1), new DateOnly(2014, 3, 31)),
            (birmingham.State, birmingham.PaymentBasis, birmingham.StartDate, birmingham.EndDate));
        Assert.Equal([new DateOnly(2013, 6, 30), new DateOnly(2013, 9, 30), new DateOnly(2013, 12, 31), new DateOnly(2014, 3, 31)],
            birmingham.Payments.OrderBy(p => p.InstalmentNumber).Select(p => p.DueDate));
        Assert.Equal(birmingham.AmountPence, birmingham.Payments.Sum(p => p.AmountPence));
        Assert.All(birmingham.Payments, p => Assert.Equal(PaymentStates.Scheduled, p.State));
        Assert.Equal(4, birmingham.Returns.Count);
        Assert.Equal(2, birmingham.Conditions.Count);
        Assert.Equal((2013, 2_497_583_00L), (Assert.Single(birmingham.YearSplits).FinancialYearStart, birmingham.YearSplits[0].AmountPence));
        Assert.True(await db.AuditLog.AnyAsync(a => a.Action == AllocationImporter.ImportedAction));
    }

    [Fact]
    public async Task Import_Twice_IsRefused_AndChangesNothing()
    {
        var s = await SetupAsync();
        await using var host = s.Host;
        Assert.True((await s.Importer.ImportAsync(s.FundId, "csf.csv", Csv(Seed002Table), s.Finance)).Succeeded);

        var same = await s.Importer.ImportAsync(s.FundId, "csf-again.csv", Csv(Seed002Table), s.Finance);
        var sameYear = await s.Importer.ImportAsync(s.FundId, "csf-revised.csv", Csv(Seed002Table.Replace("Dudley", "dudley", StringComparison.Ordinal)), s.Finance);

        Assert.IsType<ImportAlreadyTaken>(same.Failure);
        Assert.IsType<AllocationAlreadyTaken>(sameYear.Failure);
        Assert.Contains("already has its 2013/14 allocation table (csf.csv", sameYear.Errors["file"], StringComparison.Ordinal);
        using var db = host.Db();
        Assert.Equal(8, await db.Awards.CountAsync(a => a.FundId == s.FundId));
        Assert.Equal(1, await db.Set<AllocationTable>().CountAsync());
    }

    /// <summary>Bad input (issue 12): a table sent to a fund that does not exist is refused and creates nothing.</summary>
    [Fact]
    public async Task Import_ToAnUnknownFund_IsRefused_AndChangesNothing()
    {
        var s = await SetupAsync();
        await using var host = s.Host;

        var result = await s.Importer.ImportAsync(999_999, "csf.csv", Csv(Seed002Table), s.Finance);

        Assert.IsType<NotFound>(result.Failure);
        using var db = host.Db();
        Assert.Equal(0, await db.Set<AllocationTable>().CountAsync());
        Assert.Equal(0, await db.Awards.CountAsync());
    }

    [Fact]
    public async Task Import_WithBadRows_NamesEachRowAndColumn_AndImportsNothing()
    {
        var s = await SetupAsync();
        await using var host = s.Host;
        var bad = Seed002Table.Replace("546,304", "546,3O4", StringComparison.Ordinal).Replace("Walsall", "", StringComparison.Ordinal)
            .Replace("\"6,969,000\"", "\"6,969,001\"", StringComparison.Ordinal);

        var result = await s.Importer.ImportAsync(s.FundId, "bad.csv", Csv(bad), s.Finance);
        var unknown = await s.Importer.ImportAsync(s.FundId, "unknown.csv", Csv(Seed002Table.Replace("Solihull", "Solihul", StringComparison.Ordinal)), s.Finance);

        var rows = Assert.IsType<ImportRowsRefused>(result.Failure).Rows;
        Assert.Equal("Row 3, column '2013/14 Allocation £': '546,3O4' is not an amount in pounds such as 2497583.", rows[0]);
        Assert.Equal("Row 6, column 'District': enter the partner the allocation goes to.", rows[1]);
        Assert.StartsWith("Row 10, column '2013/14 Allocation £': the total £6,969,001.00 is not", rows[2], StringComparison.Ordinal);
        Assert.StartsWith("Row 8, column 'District': no organisation is called Solihul", Assert.IsType<ImportRowsRefused>(unknown.Failure).Rows[0], StringComparison.Ordinal);
        using var db = host.Db();
        Assert.False(await db.Awards.AnyAsync());
        Assert.False(await db.FundBudgets.AnyAsync());
        Assert.False(await db.Set<AllocationTable>().AnyAsync());
    }

    [Fact]
    public async Task Import_Xlsx_ReadsNumbersAsTheWorkbookHoldsThem()
    {
        var s = await SetupAsync();
        await using var host = s.Host;
        var rows = Seed002Table.Split('\n').Skip(1).Select(l => l.Trim().Split(',', 2)).Select(c => (Label: c[0], Amount: Money.FromPounds(decimal.Parse(c[1].Trim('"').Replace(",", "", StringComparison.Ordinal), System.Globalization.CultureInfo.InvariantCulture))));
        var xlsx = FinanceTableWriter.Xlsx(FinanceTable.Of("CSF 2013-14", ["District", "2013/14 Allocation £"], rows, r => [r.Label, r.Amount]));

        var result = await s.Importer.ImportAsync(s.FundId, "csf-2013-14.xlsx", xlsx, s.Finance);

        Assert.True(result.Succeeded, string.Join(" ", result.Errors.Values));
        Assert.Equal("£7,319,000.00", result.Value!.Total.ToString());
    }

    [Fact]
    public async Task Import_ToAFundOfOpenApplications_OrByNonFinance_IsRefused()
    {
        var s = await SetupAsync(byTable: false);
        await using var host = s.Host;
        var officer = await new WorkflowTestData(host).UserAsync("Priya", Roles.GrantsOfficer);

        Assert.IsType<FundNotByTable>((await s.Importer.ImportAsync(s.FundId, "csf.csv", Csv(Seed002Table), s.Finance)).Failure);
        Assert.IsType<RoleNeeded>((await s.Importer.ImportAsync(s.FundId, "csf.csv", Csv(Seed002Table), officer)).Failure);
    }
}
