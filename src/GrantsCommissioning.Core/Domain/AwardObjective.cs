namespace GrantsCommissioning.Core.Domain;

public class AwardObjective
{
    public int AwardId { get; set; }
    public int ObjectiveId { get; set; }
    public PlanObjective? Objective { get; set; }
    public int SharePercent { get; set; }
}
