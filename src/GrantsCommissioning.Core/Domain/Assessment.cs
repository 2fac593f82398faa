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
}
