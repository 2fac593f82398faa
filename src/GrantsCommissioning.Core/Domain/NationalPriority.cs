namespace GrantsCommissioning.Core.Domain;

public class NationalPriority
{
    public int Id { get; set; }
    public required string Code { get; set; }
    public required string Title { get; set; }
    public List<NationalMetric> Metrics { get; set; } = [];
    public List<PlanObjective> Objectives { get; set; } = [];
}
