using GrantsCommissioning.Core.Data;
using GrantsCommissioning.Core.Domain;
using Microsoft.EntityFrameworkCore;

namespace GrantsCommissioning.Core.Features.Funds;

/// <summary>
/// The agreed over-allocation cap: in each financial year a fund's commitments may reach its cap percentage of that
/// year's budget and no further. Once finance has set any budget for a fund, a year without one has nothing to commit
/// against, so a commitment in it is refused; a fund never budgeted is not under budget control. The one place the cap is read.
/// </summary>
public static class CommitmentCap
{
    /// <summary>
    /// What refuses adding <paramref name="profile"/> (amounts by financial year) to the fund's commitments and the
    /// offers it has made and not yet had answered (<paramref name="offered"/>), or null when it fits.
    /// </summary>
    public static async Task<Failure?> CheckAsync(GrantsDbContext db, int fundId, IReadOnlyList<(FinancialYear Year, Money Amount)> profile,
        IReadOnlyList<(FinancialYear Year, Money Amount)> offered, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(offered);
        var fund = await db.Funds.Where(f => f.Id == fundId).Select(f => new { f.Name, f.CapPercent, Budgeted = f.Budgets.Any() }).FirstAsync(ct);
        foreach (var year in profile.GroupBy(p => p.Year).OrderBy(g => g.Key))
        {
            var budget = await FundCommitments.BudgetAsync(db, fundId, year.Key, ct);
            var adding = Money.Sum(year.Select(p => p.Amount));
            if (budget.Pence == 0)
            {
                if (fund.Budgeted && adding.Pence > 0)
                {
                    return new NoBudget(fund.Name, year.Key.ToString(), adding);
                }
                continue;
            }
            var limit = new Money(budget.Pence * fund.CapPercent / 100);
            var committed = await FundCommitments.CommittedAsync(db, fundId, year.Key, ct);
            var offers = Money.Sum(offered.Where(o => o.Year == year.Key).Select(o => o.Amount));
            if (committed + offers + adding > limit)
            {
                return new OverCap(fund.Name, year.Key.ToString(), adding, committed, offers, limit, fund.CapPercent, budget);
            }
        }
        return null;
    }
}
