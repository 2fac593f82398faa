namespace GrantsCommissioning.Core.Domain;

/// <summary>A link from an application to a plan objective with the share of the amount it serves (shares sum to 100).</summary>
public class ApplicationObjective
{
    public int ApplicationId { get; set; }
    public int ObjectiveId { get; set; }
    public PlanObjective? Objective { get; set; }
    public int SharePercent { get; set; }
}
