using GrantsCommissioning.Core.Data;
using GrantsCommissioning.Core.Domain;
using Microsoft.EntityFrameworkCore;

namespace GrantsCommissioning.Core.Features.Funds;

/// <summary>
/// The agreed over-allocation cap: in each financial year a fund's commitments may reach its cap percentage of that
/// year's budget and no further. A year without a budget has no cap to check. The one place the cap is read.
/// </summary>
public static class CommitmentCap
{
    /// <summary>
    /// What refuses adding <paramref name="profile"/> (amounts by financial year) to the fund's commitments and the
    /// offers it has made and not yet had answered (<paramref name="offered"/>), or null when it fits.
    /// </summary>
    public static async Task<OverCap?> CheckAsync(GrantsDbContext db, int fundId, IReadOnlyList<(FinancialYear Year, Money Amount)> profile,
        IReadOnlyList<(FinancialYear Year, Money Amount)> offered, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(offered);
        var fund = await db.Funds.Where(f => f.Id == fundId).Select(f => new { f.Name, f.CapPercent }).FirstAsync(ct);
        foreach (var year in profile.GroupBy(p => p.Year).OrderBy(g => g.Key))
        {
            var budget = await FundCommitments.BudgetAsync(db, fundId, year.Key, ct);
            if (budget.Pence == 0)
            {
                continue;
            }
            var limit = new Money(budget.Pence * fund.CapPercent / 100);
            var committed = await FundCommitments.CommittedAsync(db, fundId, year.Key, ct);
            var offers = Money.Sum(offered.Where(o => o.Year == year.Key).Select(o => o.Amount));
            var adding = Money.Sum(year.Select(p => p.Amount));
            if (committed + offers + adding > limit)
            {
                return new OverCap(fund.Name, year.Key.ToString(), adding, committed, offers, limit, fund.CapPercent, budget);
            }
        }
        return null;
    }
}
