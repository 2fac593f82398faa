using GrantsCommissioning.Core.Domain;

namespace GrantsCommissioning.Core.Features.Monitoring;

public sealed record RatingLine(Rag Rag, string Reason, string RatedBy, DateTimeOffset RatedAt);

public sealed record ChangeLine(
    int Id, ChangeRequestKind Kind, string Summary, string Reason, ChangeRequestStatus Status, string RequestedBy, DateTimeOffset RequestedAt, string? DecidedBy,
    DateTimeOffset? DecidedAt)
{
    /// <summary>The decider's comment: why it was refused, or a note on an approval; null when none was written.</summary>
    public string? DecisionComment { get; init; }
}

/// <summary>What the award page shows of its monitoring: the named officer, the RAG history (newest first) and the change requests.</summary>
public sealed record AwardOversight(string? OfficerUserId, string? OfficerName, IReadOnlyList<RatingLine> Ratings, IReadOnlyList<ChangeLine> Changes)
{
    public RatingLine? Current => Ratings.Count == 0 ? null : Ratings[0];

    /// <summary>The grantee's lead contact, "name (email)", or null when none is named.</summary>
    public string? LeadContact { get; init; }
}

/// <summary>An officer's RAG rating of an award and why.</summary>
public sealed record RatingInput(Rag Rag, string? Reason);

/// <summary>The review of a return: spend by line beside the budget and earlier returns, indicators beside the previous period, and the flags.</summary>
public sealed record ReturnReview(ReturnFigures Figures, IReadOnlyList<ReturnFlag> Flags, bool Sent);

/// <summary>What the change-request form offers: the award's end date, cost lines with budget and spend to date, purpose, outcomes and lead contact.</summary>
public sealed record ChangeForm(int AwardId, string Reference, string Title, string StateLabel, bool Open, DateOnly EndDate, IReadOnlyList<SpendRow> Lines,
    bool HasPending)
{
    public int OrganisationId { get; init; }
    public string Purpose { get; init; } = "";
    public string? LeadContactName { get; init; }
    public string? LeadContactEmail { get; init; }
    public IReadOnlyList<ChangeIndicator> Indicators { get; init; } = [];
}

/// <summary>One of the award's outcomes and its target now, as a change of outcomes offers it.</summary>
public sealed record ChangeIndicator(int Id, string Name, string Unit, double Target);

/// <summary>
/// The decision page: the award, the change waiting for a decision (null when none waits), what approving it would change
/// (each value before and after), and the officer's limit it goes beyond (null when a grants officer may approve it).
/// </summary>
public sealed record ChangeDecision(int AwardId, string Reference, string Title, string OrganisationName, ChangeLine? Pending, IReadOnlyList<ChangeEffect> Effects,
    string? BeyondOfficer);

/// <summary>One value the change sets: what it is, its value now and its value once the change is approved.</summary>
public sealed record ChangeEffect(string What, string Before, string After);

/// <summary>The decision posted from the decision page: "Approve" or "Refuse", and the comment (needed to refuse).</summary>
public sealed class ChangeDecisionInput
{
    public string? Outcome { get; set; }
    public string? Comment { get; set; }
}
