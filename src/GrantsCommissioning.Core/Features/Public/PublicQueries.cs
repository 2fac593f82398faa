using GrantsCommissioning.Core.Data;
using GrantsCommissioning.Core.Domain;
using Microsoft.EntityFrameworkCore;

namespace GrantsCommissioning.Core.Features.Public;

public sealed record OpenRound(int Id, string Reference, string Title, string FundName, string Purpose, Money MaxAward, DateTimeOffset OpensAt,
    DateTimeOffset ClosesAt, bool ShortForm, IReadOnlyList<int> ObjectiveNumbers);

public sealed record GrantsHeadline(FinancialYear Year, int AwardsMade, Money Awarded);

/// <summary>What anyone may see without signing in; the rows come from <see cref="PublicDataCache"/>, filtered by the time now.</summary>
public sealed class PublicQueries(IDbContextFactory<GrantsDbContext> factory, PublicDataCache cache, TimeProvider clock)
{
    public async Task<IReadOnlyList<OpenRound>> OpenRoundsAsync(CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var rounds = await cache.GetAsync("rounds", load => CurrentRoundsAsync(factory, now, load), ct);
        return rounds.Where(r => r.Round.OpensAt <= now && r.Round.ClosesAt > now).Select(r => r.Round).ToList();
    }

    public async Task<GrantsHeadline> ThisYearAsync(CancellationToken ct = default)
    {
        var year = FinancialYear.Containing(clock.GetUtcNow());
        return await cache.GetAsync("headline:" + year, async load =>
        {
            var db = await factory.CreateDbContextAsync(load);
            await using (db)
            {
                // One group (a constant key) or none: Single says so, where First made EF Core warn of an unordered read.
                var totals = await db.Awards.Where(a => a.AwardedOn >= year.Start && a.AwardedOn <= year.End)
                    .GroupBy(a => 1).Select(g => new { Count = g.Count(), Pence = g.Sum(a => a.AmountPence) }).SingleOrDefaultAsync(load);
                return new GrantsHeadline(year, totals?.Count ?? 0, new Money(totals?.Pence ?? 0));
            }
        }, ct);
    }

    /// <summary>
    /// Every round not closed at <paramref name="now"/> (opening later included), in closing order, with what the
    /// filters need; callers keep those open at their own "now".
    /// </summary>
    internal static async Task<IReadOnlyList<CurrentRound>> CurrentRoundsAsync(IDbContextFactory<GrantsDbContext> factory, DateTimeOffset now, CancellationToken ct)
    {
        var db = await factory.CreateDbContextAsync(ct);
        await using (db)
        {
            var rounds = await db.Rounds.AsNoTracking().Where(r => !r.IsDraft && r.ClosesAt > now).OrderBy(r => r.ClosesAt)
                .Select(r => new
                {
                    r.Id, r.Reference, r.Title, Fund = r.Fund!.Name, FundCode = r.Fund.Code, r.Purpose, r.WhoCanApply, r.MaxAwardPence, r.OpensAt,
                    r.ClosesAt, r.UsesShortForm, Objectives = r.Objectives.OrderBy(o => o.Number).Select(o => o.Number).ToList(),
                })
                .ToListAsync(ct);
            return rounds.Select(r => new CurrentRound(new OpenRound(r.Id, r.Reference, r.Title, r.Fund, r.Purpose, new Money(r.MaxAwardPence),
                r.OpensAt, r.ClosesAt, r.UsesShortForm, r.Objectives), r.FundCode, r.WhoCanApply)).ToList();
        }
    }
}

/// <summary>A round not yet closed, with the fund code and "who can apply" text the public filters match on.</summary>
internal sealed record CurrentRound(OpenRound Round, string FundCode, string WhoCanApply);
