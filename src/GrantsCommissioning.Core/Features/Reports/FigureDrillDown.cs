using GrantsCommissioning.Core.Data;
using GrantsCommissioning.Core.Domain;
using Microsoft.EntityFrameworkCore;

namespace GrantsCommissioning.Core.Features.Reports;

/// <summary>
/// Which records make up a roll-up figure: awards (grants, awarded), payments (paid), accepted returns (spend, returns) or
/// the awards live at the period's end with one RAG rating then (ratings).
/// </summary>
public enum FigureList
{
    Awards,
    Payments,
    Returns,
    Ratings,
}

/// <summary>
/// A roll-up figure to drill into: a list, a period, and optionally one objective (by number, in the plan in force) or one
/// national priority (by code); a list of ratings names the rating (<see cref="Rag"/>), and no other list does.
/// </summary>
public sealed record FigureQuery(FigureList List, DateOnly From, DateOnly To, int? Objective = null, string? Priority = null, Rag? Rag = null)
{
    /// <summary>
    /// The figure an address names (as the drill-down page and its download read it), or null when it names no list, no
    /// real dates, a period of more than five years, or a rating where it needs none or none where it needs one.
    /// </summary>
    public static FigureQuery? Parse(string? list, string? from, string? to, int? objective, string? priority, string? rag = null)
    {
        Rag? rating = Enum.TryParse<Rag>(rag, ignoreCase: true, out var r) && Enum.IsDefined(r) && !int.TryParse(rag, out _) ? r : null;
        if (!Enum.TryParse<FigureList>(list, ignoreCase: true, out var kind) || !Enum.IsDefined(kind) || int.TryParse(list, out _)
            || !DateOnly.TryParseExact(from, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var start)
            || !DateOnly.TryParseExact(to, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var end)
            || end < start || end.DayNumber - start.DayNumber > 5 * 366 || (objective is not null && priority is not null)
            || (kind == FigureList.Ratings ? rating is null : rag is not null))
        {
            return null;
        }
        return new FigureQuery(kind, start, end, objective, string.IsNullOrWhiteSpace(priority) ? null : priority.Trim(), rating);
    }
}

/// <summary>One award (its end date when it is listed for its rating), payment, recovery or return: its full amount, the share counted for the figure and the amount apportioned.</summary>
public sealed record FigureLine(string Reference, string AwardReference, string Organisation, string Title, DateOnly Date, Money Amount, int SharePercent, Money Apportioned);

/// <summary>A page of a figure's records, with the count and total of all of them (which equal the figure).</summary>
public sealed record FigurePage(
    FigureQuery Query, string Scope, IReadOnlyList<FigureLine> Lines, int Count, int Awards, Money Total, int Page, int Pages, int PageSize);

/// <summary>
/// The records behind every figure of the objective roll-up (<see cref="ObjectiveRollUp"/>), paged in the database with the
/// same filters and shares, so a list's count and total equal the figure it was opened from.
/// </summary>
public sealed class FigureDrillDown(IDbContextFactory<GrantsDbContext> factory)
{
    public const int PageSize = 25;

    /// <summary>A page of the figure's records; null when the objective or priority does not exist.</summary>
    public async Task<FigurePage?> PageAsync(FigureQuery query, int page, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var db = await factory.CreateDbContextAsync(ct);
        await using (db)
        {
            var scoped = await SharesAsync(db, query, ct);
            if (scoped is null)
            {
                return null;
            }
            var (scope, keyed) = scoped.Value;
            // An award's share of the key: its one objective's share, or the sum over its objectives serving the priority.
            var shares = keyed.GroupBy(s => s.AwardId).Select(g => new AwardShare { AwardId = g.Key, SharePercent = g.Sum(s => s.SharePercent) });
            var lines = Lines(db, query, shares);
            var count = await lines.CountAsync(ct);
            var awards = await lines.Select(l => l.AwardReference).Distinct().CountAsync(ct);
            var hundredths = await lines.SumAsync(l => (long?)(l.AmountPence * l.SharePercent), ct);
            var pages = Math.Max(1, (count + PageSize - 1) / PageSize);
            var current = Math.Clamp(page, 1, pages);
            var rows = await lines.OrderBy(l => l.Date).ThenBy(l => l.Reference).Skip((current - 1) * PageSize).Take(PageSize).ToListAsync(ct);
            return new FigurePage(query, scope,
                rows.Select(r => new FigureLine(r.Reference, r.AwardReference, r.Organisation, r.Title, r.Date, new Money(r.AmountPence), r.SharePercent,
                    ObjectiveRollUp.Pence(r.AmountPence * r.SharePercent))).ToList(),
                count, awards, ObjectiveRollUp.Pence(hundredths ?? 0), current, pages, PageSize);
        }
    }

    private static async Task<(string Scope, IQueryable<AwardShare> Shares)?> SharesAsync(GrantsDbContext db, FigureQuery query, CancellationToken ct)
    {
        if (query.Objective is { } number)
        {
            var planId = (await ObjectiveRollUp.PlanInForceAsync(db, query.To, ct))?.Id;
            var objective = await db.Objectives.Where(o => o.PlanId == planId && o.Number == number).Select(o => new { o.Id, o.Title }).FirstOrDefaultAsync(ct);
            return objective is null ? null : ($"Objective {number} – {objective.Title}", AwardShares.ByObjective(db).Where(s => s.Key == objective.Id));
        }
        if (query.Priority is { } code)
        {
            var plan = await ObjectiveRollUp.PlanInForceAsync(db, query.To, ct);
            var priority = await db.NationalPriorities.Where(p => p.Code == code).Select(p => new { p.Id, p.Title }).FirstOrDefaultAsync(ct);
            return priority is null || plan is null ? null : ($"National priority: {priority.Title}", AwardShares.ByPriority(db, plan.Id).Where(s => s.Key == priority.Id));
        }
        return ("All grants", db.Awards.Select(a => new AwardShare { AwardId = a.Id, SharePercent = 100 }));
    }

    private sealed class LineRow
    {
        public string Reference { get; init; } = "";
        public string AwardReference { get; init; } = "";
        public string Organisation { get; init; } = "";
        public string Title { get; init; } = "";
        public DateOnly Date { get; init; }
        public long AmountPence { get; init; }
        public int SharePercent { get; init; }
    }

    private static IQueryable<LineRow> Lines(GrantsDbContext db, FigureQuery q, IQueryable<AwardShare> shares) => q.List switch
    {
        FigureList.Awards =>
            from s in shares
            join a in db.Awards on s.AwardId equals a.Id
            where a.AwardedOn >= q.From && a.AwardedOn <= q.To
            select new LineRow
            {
                Reference = a.AwardReference, AwardReference = a.AwardReference, Organisation = a.Organisation!.Name, Title = a.Title,
                Date = a.AwardedOn, AmountPence = a.AmountPence, SharePercent = s.SharePercent,
            },
        FigureList.Payments =>
            (from s in shares
             join p in ObjectiveRollUp.PaidPayments(db, q.From, q.To) on s.AwardId equals p.AwardId
             select new LineRow
             {
                 Reference = p.PaymentReference, AwardReference = p.Award!.AwardReference, Organisation = p.Award.Organisation!.Name, Title = p.Award.Title,
                 Date = p.PaidOn!.Value, AmountPence = p.AmountPence, SharePercent = s.SharePercent,
             })
            .Concat(
                from s in shares
                join r in ObjectiveRollUp.Recoveries(db, q.From, q.To) on s.AwardId equals r.AwardId
                select new LineRow
                {
                    Reference = r.InvoiceReference, AwardReference = r.Award!.AwardReference, Organisation = r.Award.Organisation!.Name, Title = "Recovery: " + r.Reason,
                    Date = r.RaisedOn, AmountPence = r.AmountPence, SharePercent = s.SharePercent,
                }),
        FigureList.Ratings =>
            from s in shares
            join x in AwardRatingsAt.On(db, q.To) on s.AwardId equals x.AwardId
            where x.Rag == q.Rag
            join a in db.Awards on s.AwardId equals a.Id
            select new LineRow
            {
                Reference = a.AwardReference, AwardReference = a.AwardReference, Organisation = a.Organisation!.Name, Title = a.Title,
                Date = a.EndDate, AmountPence = a.AmountPence, SharePercent = s.SharePercent,
            },
        _ =>
            from s in shares
            join r in ObjectiveRollUp.AcceptedReturns(db, q.From, q.To) on s.AwardId equals r.AwardId
            select new LineRow
            {
                Reference = r.ReturnReference, AwardReference = r.Award!.AwardReference, Organisation = r.Award.Organisation!.Name, Title = r.Award.Title,
                Date = r.PeriodEnd, AmountPence = r.SpendLines.Sum(l => l.AmountPence), SharePercent = s.SharePercent,
            },
    };
}
