using GrantsCommissioning.Core.Data;
using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Core.Workflow;
using Microsoft.EntityFrameworkCore;

namespace GrantsCommissioning.Core.Features.Funds;

/// <summary>
/// What a fund has committed in a financial year: each live award's share of the year (its profile), and for a
/// terminated award only what was paid in the year net of its recoveries. One definition for the cap, the year end and virement.
/// </summary>
internal static class FundCommitments
{
    public static async Task<Money> CommittedAsync(GrantsDbContext db, int fundId, FinancialYear year, CancellationToken ct)
    {
        var live = await (from s in db.AwardYearSplits
                          join a in db.Awards on s.AwardId equals a.Id
                          where a.FundId == fundId && s.FinancialYearStart == year.StartYear && a.State != AwardStates.Terminated
                          select (long?)s.AmountPence).SumAsync(ct) ?? 0;
        var terminatedPaid = await db.Payments.Where(p => p.Award!.FundId == fundId && p.Award.State == AwardStates.Terminated
                && p.PaidOn >= year.Start && p.PaidOn <= year.End && (p.State == PaymentStates.Paid || p.State == PaymentStates.Recovered))
            .SumAsync(p => (long?)p.AmountPence, ct) ?? 0;
        var terminatedRecovered = await (from r in db.Set<Payments.Recovery>()
                                         join a in db.Awards on r.AwardId equals a.Id
                                         where a.FundId == fundId && a.State == AwardStates.Terminated && r.RaisedOn >= year.Start && r.RaisedOn <= year.End
                                         select (long?)r.AmountPence).SumAsync(ct) ?? 0;
        return new Money(live + terminatedPaid + terminatedRecovered);
    }

    public static async Task<Money> BudgetAsync(GrantsDbContext db, int fundId, FinancialYear year, CancellationToken ct) =>
        new(await db.FundBudgets.Where(b => b.FundId == fundId && b.FinancialYearStart == year.StartYear).SumAsync(b => (long?)b.AmountPence, ct) ?? 0);

    /// <summary>The year's budget not committed and not already carried forward: what a year-end decision or a virement may move.</summary>
    public static async Task<Money> UncommittedAsync(GrantsDbContext db, int fundId, FinancialYear year, CancellationToken ct)
    {
        var carried = await db.Set<CarryForward>().Where(c => c.FundId == fundId && c.FromYearStart == year.StartYear).SumAsync(c => (long?)c.AmountPence, ct) ?? 0;
        return await BudgetAsync(db, fundId, year, ct) - await CommittedAsync(db, fundId, year, ct) - new Money(carried);
    }
}
