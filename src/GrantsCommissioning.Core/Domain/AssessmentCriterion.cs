namespace GrantsCommissioning.Core.Domain;

public class AssessmentCriterion
{
    public int Id { get; set; }
    public int RoundId { get; set; }
    public int Order { get; set; }
    public required string Title { get; set; }
    public required string Guidance { get; set; }
    public int WeightPercent { get; set; }
    public int MaxScore { get; set; } = 5;
}
