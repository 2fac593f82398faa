using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Core.Features;
using GrantsCommissioning.Core.Features.Funds;
using GrantsCommissioning.Core.Workflow;
using GrantsCommissioning.TestCommon.Workflow;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace GrantsCommissioning.Core.Tests.Features.Funds;

/// <summary>Funds and budgets: the fund form, a year's budget, year-end carry-forward (seed 001's £452,000) and virement approved by the Chief Finance Officer.</summary>
public sealed class BudgetTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 2, 10, 0, 0, TimeSpan.Zero);

    private sealed record Setup(WorkflowTestHost Host, Actor Finance, Actor Cfo, int Grants, int Small)
    {
        public FundService Funds => Host.Services.GetRequiredService<FundService>();
        public BudgetMovements Movements => Host.Services.GetRequiredService<BudgetMovements>();
    }

    private static FundInput Form(string code, string name, bool ringFenced = false) => new()
    {
        Code = code, Name = name, Purpose = "Grants that reduce crime and disorder.", SeniorResponsibleOfficer = "Helen Marsh",
        SeniorResponsibleOfficerRole = "Chief Executive", FundingSource = "PCC precept", IsRingFenced = ringFenced, CapPercent = "105",
    };

    private static async Task<Setup> SetupAsync()
    {
        var host = await WorkflowTestHost.CreateAsync(clock: new FakeTimeProvider(Now));
        var data = new WorkflowTestData(host);
        var finance = await data.UserAsync("Sam", Roles.Finance);
        var cfo = await data.UserAsync("David", Roles.DecisionMaker);
        var funds = host.Services.GetRequiredService<FundService>();
        var grants = (await funds.SaveAsync(null, Form("CGS", "Commissioner's Grant Scheme"), finance)).Value;
        var small = (await funds.SaveAsync(null, Form("SMALL", "Commissioner's Small Fund", ringFenced: true), finance)).Value;
        foreach (var (fund, year, amount) in new[] { (grants, "2014/15", "2000000"), (grants, "2015/16", "2000000"), (grants, "2026/27", "500000"), (small, "2026/27", "20000") })
        {
            Assert.True((await funds.SetBudgetAsync(fund, new BudgetInput { Year = year, Amount = amount }, finance)).Succeeded);
        }
        return new Setup(host, finance, cfo, grants, small);
    }

    [Fact]
    public async Task Fund_FormRefusesBadInputAndDuplicateCodes_AndOnlyFinanceOrAdministratorsChangeFunds()
    {
        var s = await SetupAsync();
        await using var host = s.Host;
        var officer = await new WorkflowTestData(host).UserAsync("Priya", Roles.GrantsOfficer);
        var admin = await new WorkflowTestData(host).UserAsync("Chris", Roles.Administrator);

        var blank = await s.Funds.SaveAsync(null, new FundInput { CapPercent = "300", MaxAward = "lots" }, s.Finance);
        var duplicate = await s.Funds.SaveAsync(null, Form("cgs", "Another"), s.Finance);
        var byOfficer = await s.Funds.SaveAsync(null, Form("NEW", "New fund"), officer);
        var byAdmin = await s.Funds.SaveAsync(s.Grants, Form("CGS", "Commissioner's Grant Scheme (renamed)"), admin);
        var badBudget = await s.Funds.SetBudgetAsync(s.Grants, new BudgetInput { Year = "2026-28", Amount = "-5" }, s.Finance);

        Assert.Equal(["Code", "Name", "Purpose", "SeniorResponsibleOfficer", "SeniorResponsibleOfficerRole", "FundingSource", "CapPercent", "MaxAward"], blank.Errors.Keys);
        Assert.Equal("Enter the cap as a whole percentage of the budget from 100 to 150, such as 105.", blank.Errors["CapPercent"]);
        Assert.IsType<DuplicateFundCode>(duplicate.Failure);
        Assert.IsType<RoleNeeded>(byOfficer.Failure);
        Assert.True(byAdmin.Succeeded);
        Assert.Equal(["Year", "Amount"], badBudget.Errors.Keys);
        var detail = (await s.Funds.DetailAsync(s.Grants))!;
        Assert.Equal(("Commissioner's Grant Scheme (renamed)", "105", "PCC precept"), (detail.Form.Name, detail.Form.CapPercent, detail.Form.FundingSource));
        using var db = host.Db();
        Assert.Equal(2, await db.AuditLog.CountAsync(a => a.Action == FundService.SavedAction && a.EntityId == s.Grants.ToString(System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public async Task YearEnd_CarriesUnderspendToReserves_OrToNextYearsBudget_ByAnAuditedDecision()
    {
        var s = await SetupAsync();
        await using var host = s.Host;

        var toReserves = await s.Movements.CarryForwardAsync(s.Grants, new CarryForwardInput
        {
            Year = "2014/15", Amount = "452000", Destination = CarryForwardTo.Reserves,
            Reason = "£452,000 of the 2014/15 rural, business and cyber crime allocation was not spent in the year and is carried into reserves.",
        }, s.Cfo);
        var toNextYear = await s.Movements.CarryForwardAsync(s.Grants, new CarryForwardInput { Year = "2014/15", Amount = "100000", Destination = CarryForwardTo.NextYearBudget, Reason = "Agreed by the Treasurer." }, s.Finance);
        var tooMuch = await s.Movements.CarryForwardAsync(s.Grants, new CarryForwardInput { Year = "2014/15", Amount = "1448000.01", Destination = CarryForwardTo.Reserves, Reason = "More than is left." }, s.Finance);
        var early = await s.Movements.CarryForwardAsync(s.Grants, new CarryForwardInput { Year = "2026/27", Amount = "1", Destination = CarryForwardTo.Reserves, Reason = "Too soon." }, s.Finance);
        var noReason = await s.Movements.CarryForwardAsync(s.Grants, new CarryForwardInput { Year = "2014/15", Amount = "1", Destination = CarryForwardTo.Reserves }, s.Finance);

        Assert.True(toReserves.Succeeded, string.Join(" ", toReserves.Errors.Values));
        Assert.True(toNextYear.Succeeded, string.Join(" ", toNextYear.Errors.Values));
        Assert.Equal("Commissioner's Grant Scheme has £1,448,000.00 uncommitted in 2014/15, less than the £1,448,000.01 asked for.", tooMuch.Errors["Amount"]);
        Assert.IsType<YearNotEnded>(early.Failure);
        Assert.Equal("Record the decision: who agreed it and why.", noReason.Errors["Reason"]);
        var detail = (await s.Funds.DetailAsync(s.Grants))!;
        Assert.Equal(Money.FromPounds(2_100_000m), detail.Budgets.Single(b => b.Year == new FinancialYear(2015)).Budget);
        Assert.Equal(Money.FromPounds(2_000_000m), detail.Budgets.Single(b => b.Year == new FinancialYear(2014)).Budget);
        var decisions = await s.Movements.CarryForwardsAsync(s.Grants);
        Assert.Equal([(45_200_000L, CarryForwardTo.Reserves, "David"), (10_000_000L, CarryForwardTo.NextYearBudget, "Sam")],
            decisions.Select(d => (d.Amount.Pence, d.Destination, d.DecidedBy)));
        using var db = host.Db();
        Assert.Equal(2, await db.AuditLog.CountAsync(a => a.Action == BudgetMovements.CarriedForwardAction));
    }

    [Fact]
    public async Task Virement_RequestedByFinance_IsApprovedByTheCfo_NeverTheRequester_AndRingFencedMoneyStays()
    {
        var s = await SetupAsync();
        await using var host = s.Host;
        var both = await new WorkflowTestData(host).UserAsync("Pat", Roles.Finance, Roles.DecisionMaker);

        var ringFenced = await s.Movements.RequestVirementAsync(s.Small, new VirementInput { ToFundId = s.Grants, Year = "2026/27", Amount = "1000", Reason = "Move it." }, s.Finance);
        var byCfo = await s.Movements.RequestVirementAsync(s.Grants, new VirementInput { ToFundId = s.Small, Year = "2026/27", Amount = "1000", Reason = "Move it." }, s.Cfo);
        var tooMuch = await s.Movements.RequestVirementAsync(s.Grants, new VirementInput { ToFundId = s.Small, Year = "2026/27", Amount = "500000.01", Reason = "All of it." }, s.Finance);
        var requested = await s.Movements.RequestVirementAsync(s.Grants, new VirementInput { ToFundId = s.Small, Year = "2026/27", Amount = "5000", Reason = "Demand for small grants." }, both);
        var ownApproval = await s.Movements.DecideVirementAsync(requested.Value, true, null, both);
        var byFinance = await s.Movements.DecideVirementAsync(requested.Value, true, null, s.Finance);
        var approved = await s.Movements.DecideVirementAsync(requested.Value, true, "Agreed.", s.Cfo);
        var again = await s.Movements.DecideVirementAsync(requested.Value, false, "No.", s.Cfo);

        Assert.IsType<RingFenced>(ringFenced.Failure);
        Assert.IsType<RoleNeeded>(byCfo.Failure);
        Assert.IsType<MoreThanUncommitted>(tooMuch.Failure);
        Assert.True(requested.Succeeded, string.Join(" ", requested.Errors.Values));
        Assert.Equal("You cannot decide a virement you asked for yourself (segregation of duties).", ownApproval.Errors[""]);
        Assert.IsType<RoleNeeded>(byFinance.Failure);
        Assert.True(approved.Succeeded, string.Join(" ", approved.Errors.Values));
        Assert.IsType<NoLongerPossible>(again.Failure);
        Assert.Equal(Money.FromPounds(495_000m), (await s.Funds.DetailAsync(s.Grants))!.Budgets.Single(b => b.Year == new FinancialYear(2026)).Budget);
        Assert.Equal(Money.FromPounds(25_000m), (await s.Funds.DetailAsync(s.Small))!.Budgets.Single(b => b.Year == new FinancialYear(2026)).Budget);
        var row = Assert.Single(await s.Movements.VirementsAsync(s.Small));
        Assert.Equal((VirementStatus.Approved, "David", "Pat"), (row.Status, row.DecidedBy, row.RequestedBy));
    }
}
