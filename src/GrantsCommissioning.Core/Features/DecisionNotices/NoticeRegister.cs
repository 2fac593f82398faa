using GrantsCommissioning.Core.Data;
using GrantsCommissioning.Core.Domain;
using Microsoft.EntityFrameworkCore;

namespace GrantsCommissioning.Core.Features.DecisionNotices;

/// <summary>
/// The public decision register: published notices only, Part 1 only. What it returns has no field for the Part 2
/// annex, so no public page or document can show it.
/// </summary>
public sealed class NoticeRegister(IDbContextFactory<GrantsDbContext> factory)
{
    public const int PageSize = 20;

    public async Task<RegisterPage> SearchAsync(FinancialYear? year, string? search, int page, CancellationToken ct = default)
    {
        var db = await factory.CreateDbContextAsync(ct);
        await using (db)
        {
            var published = Published(db);
            var years = (await published.Select(n => n.FinancialYearStart).Distinct().ToListAsync(ct))
                .OfType<int>().OrderDescending().Select(y => new FinancialYear(y)).ToList();
            var query = published;
            if (year is { } y)
            {
                query = query.Where(n => n.FinancialYearStart == y.StartYear);
            }
            if (!string.IsNullOrWhiteSpace(search))
            {
                // Case-insensitive on every provider (SQLite's LIKE ignores ASCII case, PostgreSQL's does not).
                var s = search.Trim().ToUpperInvariant();
                query = query.Where(n => n.Title.ToUpper().Contains(s) || n.NoticeReference.ToUpper().Contains(s) || n.ExecutiveSummary.ToUpper().Contains(s));
            }
            var total = await query.CountAsync(ct);
            var pages = Math.Max(1, (total + PageSize - 1) / PageSize);
            var current = Math.Clamp(page, 1, pages);
            var rows = await query.OrderByDescending(n => n.SignatureDate).ThenByDescending(n => n.PublishedOn).ThenByDescending(n => n.NoticeReference)
                .Skip((current - 1) * PageSize).Take(PageSize)
                .Select(n => new { n.NoticeReference, n.Slug, n.Title, n.AmountPence, n.SignatureDate, n.PublishedOn })
                .ToListAsync(ct);
            return new RegisterPage(
                rows.Select(r => new RegisterRow(r.NoticeReference, r.Slug, r.Title, r.AmountPence is { } p ? new Money(p) : null, r.SignatureDate, r.PublishedOn!.Value))
                    .ToList(),
                total, current, PageSize, years);
        }
    }

    /// <summary>A published notice by its slug ("WMPCC-2013-003"); null when there is none or it is not published.</summary>
    public async Task<PublicNotice?> FindAsync(string slug, CancellationToken ct = default)
    {
        var n = await LoadAsync(slug, ct);
        return n is null
            ? null
            : new PublicNotice(n.NoticeReference, n.Slug, n.Title, n.Amount, n.SignatureDate, n.PublishedOn!.Value, n.SignedBy, n.DeclarationOfInterests,
                n.ConfidentialAnnex is not null, NoticeSections.Part1Of(n), NoticeSections.AdviceOf(n), NoticeSections.SignatureOf(n));
    }

    /// <summary>The published notice's Word document (Part 1 only); null as for <see cref="FindAsync"/>.</summary>
    public async Task<(string FileName, byte[] Content)?> DocumentAsync(string slug, CancellationToken ct = default) =>
        await LoadAsync(slug, ct) is { } n ? (NoticeDocument.FileName(n), NoticeDocument.Build(n)) : null;

    private async Task<DecisionNotice?> LoadAsync(string slug, CancellationToken ct)
    {
        var db = await factory.CreateDbContextAsync(ct);
        await using (db)
        {
            return await Published(db).AsNoTracking().FirstOrDefaultAsync(n => n.Slug == slug, ct);
        }
    }

    private static IQueryable<DecisionNotice> Published(GrantsDbContext db) =>
        db.Set<DecisionNotice>().Where(n => n.State == DecisionNoticeWorkflow.Published && n.PublishedOn != null);
}
