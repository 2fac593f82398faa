namespace GrantsCommissioning.Core.Domain;

/// <summary>A Police and Crime Plan for a period. Variations create a new version; older versions stay reportable.</summary>
public class PoliceAndCrimePlan
{
    public int Id { get; set; }
    public required string Code { get; set; }
    public int Version { get; set; } = 1;
    public required string Title { get; set; }
    public required string PoliceArea { get; set; }
    public DateOnly PeriodStart { get; set; }
    public DateOnly PeriodEnd { get; set; }
    public string? VariationNote { get; set; }
    public List<PlanAim> Aims { get; set; } = [];
    public List<PlanObjective> Objectives { get; set; } = [];
}
