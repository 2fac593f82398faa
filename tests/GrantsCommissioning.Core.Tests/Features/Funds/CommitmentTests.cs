using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Core.Features;
using GrantsCommissioning.Core.Features.Awards;
using GrantsCommissioning.Core.Features.Dashboards;
using GrantsCommissioning.Core.Features.Decisions;
using GrantsCommissioning.Core.Features.Funds;
using GrantsCommissioning.Core.Workflow;
using GrantsCommissioning.TestCommon.Workflow;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace GrantsCommissioning.Core.Tests.Features.Funds;

/// <summary>Commitments by financial year and quarter, the over-allocation cap on decisions, and every figure's drill-down adding up to it.</summary>
public sealed class CommitmentTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 2, 10, 0, 0, TimeSpan.Zero);

    private static Task<WorkflowTestHost> HostAsync() => WorkflowTestHost.CreateAsync(clock: new FakeTimeProvider(Now));

    /// <summary>An application in Recommendation for a project from 1 April 2027 (so its offer pays half then and half at the midpoint, both in 2027/28).</summary>
    private static async Task<GrantApplication> ApplicationAsync(WorkflowTestHost host, int? fundId, long requested, Actor? applicant = null)
    {
        var app = await new WorkflowTestData(host).ApplicationAsync(ApplicationStates.Recommendation, requestedPence: requested, applicant: applicant);
        using var db = host.Db();
        var row = await db.Applications.Include(a => a.Round).SingleAsync(a => a.Id == app.Id);
        (row.ProjectStart, row.ProjectEnd) = (new DateOnly(2027, 4, 1), new DateOnly(2028, 3, 31));
        if (fundId is { } id)
        {
            row.Round!.FundId = id;
        }
        await db.SaveChangesAsync();
        return row;
    }

    private static async Task<int> FundWithBudgetAsync(WorkflowTestHost host, int fundId, long budgetPence, int capPercent, long committedPence)
    {
        using var db = host.Db();
        var fund = await db.Funds.SingleAsync(f => f.Id == fundId);
        fund.CapPercent = capPercent;
        db.FundBudgets.Add(new FundBudget { FundId = fundId, FinancialYearStart = 2027, AmountPence = budgetPence });
        var org = await db.Organisations.FirstAsync();
        var award = new Award
        {
            AwardReference = $"AW-{WorkflowTestData.Next()}", OrganisationId = org.Id, FundId = fundId, Title = "Earlier award", Purpose = "Reduce harm",
            AmountPence = committedPence, AwardedOn = new DateOnly(2026, 11, 1), StartDate = new DateOnly(2027, 4, 1), EndDate = new DateOnly(2028, 3, 31),
        };
        award.YearSplits.Add(new AwardYearSplit { FinancialYearStart = 2027, AmountPence = committedPence });
        host.Workflow.Start(award, Actor.System);
        db.Awards.Add(award);
        await db.SaveChangesAsync();
        return fundId;
    }

    private static Task<FeatureResult<Decision>> DecideAsync(WorkflowTestHost host, GrantApplication app, long pence, Actor chief) =>
        host.Services.GetRequiredService<DecisionService>().DecideAsync(
            new DecisionInput(app.Id, DecisionOutcome.Approve, new Money(pence), "Meets the criteria of the round.", null, null, null), chief, "decide-" + app.Id);

    [Fact]
    public async Task Decision_UnderAtAndOverTheCap_OnlyOverIsRefused_WithTheFigures()
    {
        await using var host = await HostAsync();
        var chief = await new WorkflowTestData(host).UserAsync("Helen", Roles.DecisionMaker);
        var over = await ApplicationAsync(host, null, 2_000_001);
        int fundId;
        using (var db = host.Db())
        {
            fundId = await db.Rounds.Where(r => r.Id == over.RoundId).Select(r => r.FundId).SingleAsync();
        }
        // Budget £100,000 at 105%: a cap of £105,000, with £85,000 already committed in 2027/28.
        await FundWithBudgetAsync(host, fundId, 10_000_000, 105, 8_500_000);
        var at = await ApplicationAsync(host, fundId, 1_500_000);
        var under = await ApplicationAsync(host, fundId, 500_000);

        var refused = await DecideAsync(host, over, 2_000_001, chief);
        var underCap = await DecideAsync(host, under, 500_000, chief);
        var atCap = await DecideAsync(host, at, 1_500_000, chief);

        Assert.False(refused.Succeeded);
        Assert.Equal("This decision of £20,000.01 in 2027/28 would take Commissioner's grant scheme's commitments to £105,000.01, past its cap of £105,000.00 "
            + "(105% of the £100,000.00 budget). £85,000.00 is committed and £0.00 offered and not yet accepted, so at most £20,000.00 more can be decided in 2027/28.",
            refused.Errors["Amount"]);
        Assert.True(underCap.Succeeded, string.Join(" ", underCap.Errors.Values));
        // £85,000 committed + the £5,000 offered above + £15,000 = £105,000: exactly at the cap.
        Assert.True(atCap.Succeeded, string.Join(" ", atCap.Errors.Values));
        using var check = host.Db();
        Assert.Equal(ApplicationStates.Recommendation, (await check.Applications.SingleAsync(a => a.Id == over.Id)).State);
        Assert.False(await check.Decisions.AnyAsync(d => d.ApplicationId == over.Id));
    }

    [Fact]
    public async Task Decision_InAYearWithNoBudget_OnABudgetedFund_IsRefused_WhileAFundNeverBudgetedIsNotCapped()
    {
        await using var host = await HostAsync();
        var chief = await new WorkflowTestData(host).UserAsync("Helen", Roles.DecisionMaker);
        var budgeted = await ApplicationAsync(host, null, 500_000);
        var unbudgeted = await ApplicationAsync(host, null, 500_000);
        using (var db = host.Db())
        {
            var fundId = await db.Rounds.Where(r => r.Id == budgeted.RoundId).Select(r => r.FundId).SingleAsync();
            // A 2026/27 budget only: the offer pays in 2027/28, which has none.
            db.FundBudgets.Add(new FundBudget { FundId = fundId, FinancialYearStart = 2026, AmountPence = 10_000_000 });
            await db.SaveChangesAsync();
        }

        var refused = await DecideAsync(host, budgeted, 500_000, chief);
        var uncontrolled = await DecideAsync(host, unbudgeted, 500_000, chief);

        Assert.Equal("Commissioner's grant scheme has no budget for 2027/28, so the £5,000.00 this would commit in 2027/28 has nothing to be committed against. "
            + "Finance sets the 2027/28 budget first (Funds › Commissioner's grant scheme).", refused.Errors["Amount"]);
        Assert.True(uncontrolled.Succeeded, string.Join(" ", uncontrolled.Errors.Values));
    }

    [Fact]
    public async Task Decision_OnceOffersFillTheCap_IsRefused()
    {
        await using var host = await HostAsync();
        var chief = await new WorkflowTestData(host).UserAsync("Helen", Roles.DecisionMaker);
        var first = await ApplicationAsync(host, null, 1_500_000);
        int fundId;
        using (var db = host.Db())
        {
            fundId = await db.Rounds.Where(r => r.Id == first.RoundId).Select(r => r.FundId).SingleAsync();
        }
        await FundWithBudgetAsync(host, fundId, 10_000_000, 100, 8_500_000);
        var second = await ApplicationAsync(host, fundId, 100);

        Assert.True((await DecideAsync(host, first, 1_500_000, chief)).Succeeded);
        var refused = await DecideAsync(host, second, 100, chief);

        Assert.Contains("£85,000.00 is committed and £15,000.00 offered and not yet accepted, so at most £0.00 more", refused.Errors["Amount"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task ThreeYearAward_CommitsExactPencePerYearAndQuarter_AndEveryFigureListsWhatItSums()
    {
        await using var host = await HostAsync();
        var data = new WorkflowTestData(host);
        var applicant = await data.UserAsync("Olive", Roles.Applicant);
        var finance = await data.UserAsync("Rita", Roles.Finance);
        var app = await data.ApplicationAsync(ApplicationStates.OfferMade, requestedPence: 10_000_000, applicant: applicant);
        using (var db = host.Db())
        {
            var row = await db.Applications.SingleAsync(a => a.Id == app.Id);
            (row.ProjectStart, row.ProjectEnd) = (new DateOnly(2027, 4, 1), new DateOnly(2030, 3, 31));
            db.Decisions.Add(new Decision
            {
                ApplicationId = app.Id, Outcome = DecisionOutcome.Approve, AmountPence = 10_000_000, Rationale = "Good.", DecidedByUserId = "d", DecidedByName = "D",
                AuthorityLevel = AuthorityLevel.DecisionMaker, DecidedAt = Now.AddDays(-1),
            });
            await db.SaveChangesAsync();
        }
        // £100,000 over twelve quarters in arrears: 4 × £8,333.34 then 8 × £8,333.33.
        var quarters = Enumerable.Range(0, 12).Select(i => new FinancialYear(2027 + (i / 4)).Quarter((i % 4) + 1)).ToList();
        var schedule = quarters.Select((q, i) => new Instalment(q.End, new Money(i < 4 ? 833_334 : 833_333))).ToList();

        var accepted = await host.Services.GetRequiredService<AwardService>().AcceptOfferAsync(app.Id, applicant, "accept-3y", schedule);

        Assert.True(accepted.Succeeded, string.Join(" ", accepted.Errors.Values));
        var figures = host.Services.GetRequiredService<FundFigures>();
        int fundId;
        using (var db = host.Db())
        {
            fundId = await db.Awards.Where(a => a.ApplicationId == app.Id).Select(a => a.FundId).SingleAsync();
            var first = await db.Payments.Where(p => p.Award!.ApplicationId == app.Id).OrderBy(p => p.DueDate).FirstAsync();
            // The first instalment paid, to show paid and forecast apart.
            host.Workflow.Import(db, first, PaymentStates.Paid, Now);
            first.PaidOn = new DateOnly(2027, 7, 2);
            await db.SaveChangesAsync();
        }
        long[] expectedYears = [3_333_336, 3_333_332, 3_333_332];
        for (var y = 0; y < 3; y++)
        {
            var year = new FinancialYear(2027 + y);
            var fund = (await figures.YearAsync(year)).Single(f => f.FundId == fundId);
            Assert.Equal(expectedYears[y], fund.Year.Committed.Pence);
            Assert.Equal(Enumerable.Repeat(y == 0 ? 833_334L : 833_333L, 4), fund.Quarters.Select(q => q.Committed.Pence));
            Assert.Equal(fund.Year.Committed, Money.Sum(fund.Quarters.Select(q => q.Committed)));
            foreach (var period in fund.Quarters.Append(fund.Year))
            {
                foreach (var (figure, value) in new[] { (Figure.Committed, period.Committed), (Figure.Paid, period.Paid), (Figure.Forecast, period.Forecast) })
                {
                    var lines = (await figures.LinesAsync(fundId, year, period.Quarter, figure))!.Value.Lines;
                    Assert.Equal(value, Money.Sum(lines.Select(l => l.Amount)));
                }
            }
        }
        var firstYear = (await figures.YearAsync(new FinancialYear(2027))).Single(f => f.FundId == fundId);
        Assert.Equal((833_334L, 0L), (firstYear.Quarters[1].Paid.Pence, firstYear.Quarters[0].Forecast.Pence));
        Assert.Equal(3_333_336L - 833_334L, firstYear.Year.Forecast.Pence);
        var dashboard = (await host.Services.GetRequiredService<DashboardQueries>().FinanceAsync(new FinancialYear(2027))).Funds.Single(f => f.FundId == fundId);
        Assert.Equal((dashboard.Committed, dashboard.Paid), (firstYear.Year.Committed, firstYear.Year.Paid));
        Assert.Null(await figures.LinesAsync(999_999, new FinancialYear(2027), null, Figure.Paid));
        _ = finance;
    }
}
