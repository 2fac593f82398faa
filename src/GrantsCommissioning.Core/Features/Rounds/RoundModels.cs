using GrantsCommissioning.Core.Domain;

namespace GrantsCommissioning.Core.Features.Rounds;

public enum RoundPhase
{
    Draft,
    Scheduled,
    Open,
    Closed,
}

public enum RoundSort
{
    ClosesLatest,
    ClosesSoonest,
    Reference,
    Title,
}

public sealed record RoundListQuery(RoundPhase? Phase = null, RoundSort Sort = RoundSort.ClosesLatest, int Skip = 0, int Take = 20);

public sealed record RoundListItem(int Id, string Reference, string Title, string Fund, RoundPhase Phase, DateTimeOffset OpensAt, DateTimeOffset ClosesAt,
    Money MaxAward, Money? Budget, int Applications);

public sealed record RoundListPage(IReadOnlyList<RoundListItem> Items, int Count, IReadOnlyDictionary<RoundPhase, int> Totals);

public sealed record RoundCriterionView(string Title, string Guidance, int WeightPercent);

public sealed record RoundHistoryEntry(DateTimeOffset At, string Who, string What, string? Reason);

/// <summary>One round as its officers see it: its terms, where it is in its life, and the audited changes to it.</summary>
public sealed record RoundStaffView(
    int Id, string Reference, string Title, string Fund, RoundPhase Phase, string Purpose, string WhoCanApply, DateTimeOffset OpensAt,
    DateTimeOffset ClosesAt, DateTimeOffset? PublishedAt, Money MinAward, Money MaxAward, Money? Budget, bool ShortForm,
    IReadOnlyList<string> OrganisationTypes, IReadOnlyList<string> Areas, IReadOnlyList<string> EligibilityQuestions, int ScoreScale,
    int AssessorsPerApplication, int DivergenceThreshold, IReadOnlyList<RoundCriterionView> Criteria, int Applications,
    IReadOnlyList<RoundHistoryEntry> History)
{
    /// <summary>Two-stage rounds: when expressions of interest close; null on a single-stage round.</summary>
    public DateTimeOffset? InterestClosesAt { get; init; }

    public bool CanEdit => Phase == RoundPhase.Draft;
    public bool CanPublish => Phase == RoundPhase.Draft;
    public bool CanCloseEarly => Phase is RoundPhase.Open or RoundPhase.Scheduled;
    public bool CanExtend => Phase is RoundPhase.Open or RoundPhase.Closed or RoundPhase.Scheduled;
}

public static class RoundPhases
{
    public static RoundPhase Of(bool isDraft, DateTimeOffset opensAt, DateTimeOffset closesAt, DateTimeOffset now) =>
        isDraft ? RoundPhase.Draft : now < opensAt ? RoundPhase.Scheduled : now < closesAt ? RoundPhase.Open : RoundPhase.Closed;

    public static string Describe(RoundPhase phase) => phase switch
    {
        RoundPhase.Draft => "Draft (not published)",
        RoundPhase.Scheduled => "Published, not yet open",
        RoundPhase.Open => "Open",
        RoundPhase.Closed => "Closed",
        _ => phase.ToString(),
    };
}
