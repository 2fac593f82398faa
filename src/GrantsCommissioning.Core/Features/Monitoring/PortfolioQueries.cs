using GrantsCommissioning.Core.Data;
using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Core.Workflow;
using Microsoft.EntityFrameworkCore;

namespace GrantsCommissioning.Core.Features.Monitoring;

/// <summary>An officer's portfolio: their open awards with returns due, overdue, queried and to review, changes waiting and the latest RAG; paged and sorted in the database.</summary>
public sealed class PortfolioQueries(IDbContextFactory<GrantsDbContext> factory, WorkflowLabels labels)
{
    public async Task<PortfolioPage> PageAsync(PortfolioQuery query, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var db = await factory.CreateDbContextAsync(ct);
        await using (db)
        {
            var rows = Rows(db, query);
            // One group (a constant key) or none, hence Single.
            var totals = await rows.GroupBy(_ => 1).Select(g => new
            {
                Awards = g.Count(), Amount = g.Sum(r => r.AmountPence), Due = g.Sum(r => r.Due), Overdue = g.Sum(r => r.Overdue), Queried = g.Sum(r => r.Queried),
                Review = g.Sum(r => r.Review), Changes = g.Sum(r => r.Changes),
                AtRisk = g.Count(r => r.Rag == Rag.Red || r.Rag == Rag.Amber || r.Overdue > 0),
            }).SingleOrDefaultAsync(ct);
            var page = await Sorted(rows, query.Sort, query.Descending).Skip(Math.Max(0, query.Skip)).Take(Math.Clamp(query.Take, 1, 500)).ToListAsync(ct);
            return new PortfolioPage(
                page.Select(r => new PortfolioRow(r.Id, r.Reference, r.Title, r.Organisation, labels.State(CaseKind.Award, r.WorkflowVersion, r.State), r.EndDate,
                    new Money(r.AmountPence), r.Due, r.Overdue, r.Queried, r.Review, r.Changes, r.Rag ?? Rag.NotRated, r.RagReason)).ToList(),
                totals is null
                    ? new PortfolioTotals(0, Money.Zero, 0, 0, 0, 0, 0, 0)
                    : new PortfolioTotals(totals.Awards, new Money(totals.Amount), totals.Due, totals.Overdue, totals.Queried, totals.Review, totals.Changes, totals.AtRisk));
        }
    }

    /// <summary>The grants officers an award can be given to.</summary>
    public async Task<IReadOnlyList<OfficerChoice>> OfficersAsync(CancellationToken ct = default)
    {
        var db = await factory.CreateDbContextAsync(ct);
        await using (db)
        {
            return await OfficerUsers(db).OrderBy(u => u.DisplayName).Select(u => new OfficerChoice(u.Id, u.DisplayName, u.Email ?? "")).ToListAsync(ct);
        }
    }

    internal static IQueryable<ApplicationUser> OfficerUsers(GrantsDbContext db) =>
        from ur in db.UserRoles
        join r in db.Roles on ur.RoleId equals r.Id
        join u in db.Users on ur.UserId equals u.Id
        where r.Name == Roles.GrantsOfficer
        select u;

    private static IQueryable<Row> Rows(GrantsDbContext db, PortfolioQuery query)
    {
        // By the open states, so the index on (officer, state) reads the officer's open awards, not every award they ever had.
        var awards = db.Awards.Where(a => AwardStates.Open.Contains(a.State));
        awards = query.Unassigned ? awards.Where(a => a.OfficerUserId == null) : awards.Where(a => a.OfficerUserId == query.OfficerUserId);
        return awards.Select(a => new Row
        {
            Id = a.Id, Reference = a.AwardReference, Title = a.Title, Organisation = a.Organisation!.Name, State = a.State, WorkflowVersion = a.WorkflowVersion,
            EndDate = a.EndDate, AmountPence = a.AmountPence,
            Due = a.Returns.Count(r => r.State == ReturnStates.Due),
            Overdue = a.Returns.Count(r => r.State == ReturnStates.Overdue),
            Queried = a.Returns.Count(r => r.State == ReturnStates.Queried),
            Review = a.Returns.Count(r => r.State == ReturnStates.Submitted),
            Changes = db.AwardChangeRequests.Count(c => c.AwardId == a.Id && c.Status == ChangeRequestStatus.Pending),
            Rag = db.AwardRatings.Where(x => x.AwardId == a.Id).OrderByDescending(x => x.Id).Select(x => (Rag?)x.Rag).FirstOrDefault(),
            RagReason = db.AwardRatings.Where(x => x.AwardId == a.Id).OrderByDescending(x => x.Id).Select(x => x.Reason).FirstOrDefault(),
        });
    }

    // An award not rated yet sorts as NotRated, the lowest: PostgreSQL puts a NULL last when ascending, SQLite first.
    private static IQueryable<Row> Sorted(IQueryable<Row> rows, PortfolioSort sort, bool descending) => (sort, descending) switch
    {
        (PortfolioSort.Reference, false) => rows.OrderBy(r => r.Reference),
        (PortfolioSort.Reference, true) => rows.OrderByDescending(r => r.Reference),
        (PortfolioSort.Organisation, false) => rows.OrderBy(r => r.Organisation).ThenBy(r => r.Reference),
        (PortfolioSort.Organisation, true) => rows.OrderByDescending(r => r.Organisation).ThenBy(r => r.Reference),
        (PortfolioSort.EndDate, false) => rows.OrderBy(r => r.EndDate).ThenBy(r => r.Reference),
        (PortfolioSort.EndDate, true) => rows.OrderByDescending(r => r.EndDate).ThenBy(r => r.Reference),
        (PortfolioSort.Rag, false) => rows.OrderBy(r => r.Rag ?? Rag.NotRated).ThenBy(r => r.Reference),
        (PortfolioSort.Rag, true) => rows.OrderByDescending(r => r.Rag ?? Rag.NotRated).ThenBy(r => r.Reference),
        (_, false) => rows.OrderBy(r => r.Overdue).ThenBy(r => r.Queried).ThenBy(r => r.Reference),
        _ => rows.OrderByDescending(r => r.Overdue).ThenByDescending(r => r.Queried).ThenByDescending(r => r.Review).ThenBy(r => r.Reference),
    };

    private sealed class Row
    {
        public int Id { get; init; }
        public required string Reference { get; init; }
        public required string Title { get; init; }
        public required string Organisation { get; init; }
        public required string State { get; init; }
        public int WorkflowVersion { get; init; }
        public DateOnly EndDate { get; init; }
        public long AmountPence { get; init; }
        public int Due { get; init; }
        public int Overdue { get; init; }
        public int Queried { get; init; }
        public int Review { get; init; }
        public int Changes { get; init; }
        public Rag? Rag { get; init; }
        public string? RagReason { get; init; }
    }
}
