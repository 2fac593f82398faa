namespace GrantsCommissioning.Core.Domain;

public class Assessment
{
    public int Id { get; set; }
    public int ApplicationId { get; set; }
    public GrantApplication? Application { get; set; }
    public required string AssessorUserId { get; set; }
    public required string AssessorName { get; set; }
    public bool? HasConflict { get; set; }
    public string? ConflictDetails { get; set; }
    public DateTimeOffset? ConflictDeclaredAt { get; set; }
    public Recommendation Recommendation { get; set; }
    public long? RecommendedAmountPence { get; set; }
    public string? Comments { get; set; }
    public DateTimeOffset? CompletedAt { get; set; }
    public List<AssessmentScore> Scores { get; set; } = [];

    /// <summary>When an officer assigned the application to the assessor, and who (null on assessments made before assignment existed).</summary>
    public DateTimeOffset? AssignedAt { get; set; }
    public string? AssignedByName { get; set; }

    /// <summary>The UK date the scores are due by.</summary>
    public DateOnly? DueDate { get; set; }

    /// <summary>Set when the assessor handed the assignment back (no capacity, …) with <see cref="ReturnReason"/>; it no longer counts.</summary>
    public DateTimeOffset? ReturnedAt { get; set; }
    public string? ReturnReason { get; set; }

    /// <summary>When the due-date reminder and the overdue notice were emailed (each once).</summary>
    public DateTimeOffset? RemindedAt { get; set; }
    public DateTimeOffset? OverdueNoticeAt { get; set; }

    /// <summary>Counts towards the round's assessors per application: not returned and no conflict declared.</summary>
    public bool IsActive => ReturnedAt is null && HasConflict != true;
}
