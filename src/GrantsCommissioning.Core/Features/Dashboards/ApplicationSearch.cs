using GrantsCommissioning.Core.Data;
using GrantsCommissioning.Core.Domain;
using Microsoft.EntityFrameworkCore;

namespace GrantsCommissioning.Core.Features.Dashboards;

public enum ApplicationSort
{
    SubmittedNewest = 0,
    SubmittedOldest,
    AmountHighest,
    AmountLowest,
    Reference,
}

public sealed record ApplicationQuery(string? State = null, string? Text = null, ApplicationSort Sort = ApplicationSort.SubmittedNewest, int Skip = 0, int Take = 20);

public sealed record Page<T>(IReadOnlyList<T> Items, int Count);

/// <summary>Server-side filtered, sorted and paged list of applications for staff grids.</summary>
public sealed class ApplicationSearch(IDbContextFactory<GrantsDbContext> factory)
{
    public async Task<Page<CaseSummary>> SearchAsync(ApplicationQuery query, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var db = await factory.CreateDbContextAsync(ct);
        await using (db)
        {
            var q = db.Applications.AsNoTracking();
            if (!string.IsNullOrWhiteSpace(query.State))
            {
                q = q.Where(a => a.State == query.State);
            }
            if (!string.IsNullOrWhiteSpace(query.Text))
            {
                // Case-insensitive on every provider (SQLite's LIKE ignores ASCII case, PostgreSQL's does not).
                var text = query.Text.Trim().ToUpperInvariant();
                q = q.Where(a => a.ProjectTitle.ToUpper().Contains(text) || a.ApplicationReference.ToUpper().Contains(text)
                    || a.Organisation!.Name.ToUpper().Contains(text));
            }
            var count = await q.CountAsync(ct);
            q = query.Sort switch
            {
                ApplicationSort.SubmittedNewest => q.OrderByDescending(a => a.SubmittedAt).ThenByDescending(a => a.Id),
                ApplicationSort.SubmittedOldest => q.OrderBy(a => a.SubmittedAt).ThenBy(a => a.Id),
                ApplicationSort.AmountHighest => q.OrderByDescending(a => a.AmountRequestedPence).ThenBy(a => a.Id),
                ApplicationSort.AmountLowest => q.OrderBy(a => a.AmountRequestedPence).ThenBy(a => a.Id),
                ApplicationSort.Reference => q.OrderBy(a => a.ApplicationReference),
            };
            var items = await q.Skip(Math.Max(0, query.Skip)).Take(Math.Clamp(query.Take, 1, 200))
                .Select(a => new CaseSummary(a.Id, a.ApplicationReference, a.ProjectTitle, a.Organisation!.Name, a.State, new Money(a.AmountRequestedPence), a.SubmittedAt))
                .ToListAsync(ct);
            return new Page<CaseSummary>(items, count);
        }
    }
}
