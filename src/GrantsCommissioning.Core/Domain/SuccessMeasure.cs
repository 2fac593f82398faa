namespace GrantsCommissioning.Core.Domain;

public class SuccessMeasure
{
    public int Id { get; set; }
    public int ObjectiveId { get; set; }
    public PlanObjective? Objective { get; set; }
    public int Order { get; set; }
    public required string Title { get; set; }
    public bool IsHeadline { get; set; }
    public required string TargetText { get; set; }
    public string? Baseline { get; set; }
    public string? Footnote { get; set; }
    public List<MeasureReading> Readings { get; set; } = [];
}
