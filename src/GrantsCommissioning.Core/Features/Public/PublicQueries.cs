using GrantsCommissioning.Core.Data;
using GrantsCommissioning.Core.Domain;
using Microsoft.EntityFrameworkCore;

namespace GrantsCommissioning.Core.Features.Public;

public sealed record OpenRound(int Id, string Reference, string Title, string FundName, string Purpose, Money MaxAward, DateTimeOffset OpensAt,
    DateTimeOffset ClosesAt, bool ShortForm, IReadOnlyList<int> ObjectiveNumbers);

public sealed record GrantsHeadline(FinancialYear Year, int AwardsMade, Money Awarded);

/// <summary>What anyone may see without signing in.</summary>
public sealed class PublicQueries(IDbContextFactory<GrantsDbContext> factory, TimeProvider clock)
{
    public async Task<IReadOnlyList<OpenRound>> OpenRoundsAsync(CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var db = await factory.CreateDbContextAsync(ct);
        await using (db)
        {
            var rounds = await db.Rounds.AsNoTracking().Where(r => !r.IsDraft && r.OpensAt <= now && r.ClosesAt > now).OrderBy(r => r.ClosesAt)
                .Select(r => new
                {
                    r.Id, r.Reference, r.Title, Fund = r.Fund!.Name, r.Purpose, r.MaxAwardPence, r.OpensAt, r.ClosesAt, r.UsesShortForm,
                    Objectives = r.Objectives.OrderBy(o => o.Number).Select(o => o.Number).ToList(),
                })
                .ToListAsync(ct);
            return rounds.Select(r => new OpenRound(r.Id, r.Reference, r.Title, r.Fund, r.Purpose, new Money(r.MaxAwardPence), r.OpensAt, r.ClosesAt,
                r.UsesShortForm, r.Objectives)).ToList();
        }
    }

    public async Task<GrantsHeadline> ThisYearAsync(CancellationToken ct = default)
    {
        var year = FinancialYear.Containing(clock.GetUtcNow());
        var db = await factory.CreateDbContextAsync(ct);
        await using (db)
        {
            var awards = db.Awards.Where(a => a.AwardedOn >= year.Start && a.AwardedOn <= year.End);
            return new GrantsHeadline(year, await awards.CountAsync(ct),
                new Money(await awards.SumAsync(a => a.AmountPence, ct)));
        }
    }
}
