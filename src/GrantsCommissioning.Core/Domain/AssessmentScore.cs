namespace GrantsCommissioning.Core.Domain;

public class AssessmentScore
{
    public int Id { get; set; }
    public int AssessmentId { get; set; }
    public int CriterionId { get; set; }
    public AssessmentCriterion? Criterion { get; set; }
    public int Score { get; set; }
    public string? Comment { get; set; }
}
