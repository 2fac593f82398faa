namespace GrantsCommissioning.Core.Domain;

public class Decision
{
    public int Id { get; set; }
    public int ApplicationId { get; set; }
    public GrantApplication? Application { get; set; }
    public DecisionOutcome Outcome { get; set; }
    public long AmountPence { get; set; }
    public string? Conditions { get; set; }
    public required string Rationale { get; set; }
    /// <summary>What the applicant is told (and, for a deferral, what is needed), kept apart from the recorded reasons.</summary>
    public string? Feedback { get; set; }
    public required string DecidedByUserId { get; set; }
    public required string DecidedByName { get; set; }
    public AuthorityLevel AuthorityLevel { get; set; }
    /// <summary>The principal whose authority a deputy used, when the decision was taken by a deputy.</summary>
    public string? DeputyForName { get; set; }
    public DateTimeOffset DecidedAt { get; set; }
    /// <summary>PCC decision notice reference, e.g. "WMPCC/2013/017", for Commissioner decisions.</summary>
    public string? NoticeReference { get; set; }
    public DateOnly? PublishedOn { get; set; }

    public Money Amount => new(AmountPence);
}
