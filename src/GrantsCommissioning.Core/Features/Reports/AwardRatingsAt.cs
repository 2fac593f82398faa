using GrantsCommissioning.Core.Data;
using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Core.Workflow;

namespace GrantsCommissioning.Core.Features.Reports;

/// <summary>A live award and the officer's rating of it as it stood on a day (<see cref="Rag.NotRated"/> before its first rating).</summary>
public sealed class AwardRatingAt
{
    public int AwardId { get; init; }
    public Rag Rag { get; init; }
}

/// <summary>How many live awards stood at each RAG rating on a day (on track, some concerns, off track, not rated yet).</summary>
public sealed record AwardRagCounts(int OnTrack, int SomeConcerns, int OffTrack, int NotRated)
{
    public static readonly AwardRagCounts None = new(0, 0, 0, 0);

    public int Live => OnTrack + SomeConcerns + OffTrack + NotRated;

    public int Count(Rag rag) => rag switch
    {
        Rag.Green => OnTrack,
        Rag.Amber => SomeConcerns,
        Rag.Red => OffTrack,
        Rag.NotRated => NotRated,
    };

    public static AwardRagCounts From(IReadOnlyDictionary<Rag, int> counts)
    {
        ArgumentNullException.ThrowIfNull(counts);
        return new(counts.GetValueOrDefault(Rag.Green), counts.GetValueOrDefault(Rag.Amber), counts.GetValueOrDefault(Rag.Red), counts.GetValueOrDefault(Rag.NotRated));
    }
}

/// <summary>
/// The awards live on a day with the officer's latest rating of each as it stood at the end of that day (UK time), as
/// queries: the roll-up counts them by objective and the drill-down lists them, with the same rule.
/// </summary>
public static class AwardRatingsAt
{
    /// <summary>
    /// Awards live on <paramref name="day"/>: awarded by then, their grant period not yet over, and not closed or
    /// terminated by the end of the day (read from the workflow journal, so a later closure does not change an earlier quarter).
    /// </summary>
    public static IQueryable<Award> LiveAwards(GrantsDbContext db, DateOnly day)
    {
        ArgumentNullException.ThrowIfNull(db);
        var endOfDay = EndOf(day);
        return db.Awards.Where(a => a.AwardedOn <= day && a.EndDate >= day
            && !db.WorkflowJournal.Any(j => j.CaseKind == CaseKind.Award && j.CaseId == a.Id && j.OccurredAt < endOfDay
                                            && (j.ToState == AwardStates.Closed || j.ToState == AwardStates.Terminated)));
    }

    /// <summary>Each rating that was an award's latest at the end of <paramref name="day"/>: none is given later that day or before it.</summary>
    public static IQueryable<AwardRating> Latest(GrantsDbContext db, DateOnly day)
    {
        ArgumentNullException.ThrowIfNull(db);
        var endOfDay = EndOf(day);
        return db.AwardRatings.Where(r => r.RatedAt < endOfDay
            && !db.AwardRatings.Any(l => l.AwardId == r.AwardId && l.RatedAt < endOfDay && (l.RatedAt > r.RatedAt || (l.RatedAt == r.RatedAt && l.Id > r.Id))));
    }

    /// <summary>The awards live on <paramref name="day"/>, each with its rating as it stood at the end of the day.</summary>
    public static IQueryable<AwardRatingAt> On(GrantsDbContext db, DateOnly day) =>
        from a in LiveAwards(db, day)
        join r in Latest(db, day) on a.Id equals r.AwardId into rated
        from r in rated.DefaultIfEmpty()
        select new AwardRatingAt { AwardId = a.Id, Rag = r == null ? Rag.NotRated : r.Rag };

    /// <summary>The first instant after <paramref name="day"/> in the UK.</summary>
    private static DateTimeOffset EndOf(DateOnly day) => UkTime.FromUkLocal(day.AddDays(1), TimeOnly.MinValue);
}
