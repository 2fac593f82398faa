namespace GrantsCommissioning.Core.Domain;

public class PlanObjective
{
    public int Id { get; set; }
    public int PlanId { get; set; }
    public PoliceAndCrimePlan? Plan { get; set; }
    public int AimId { get; set; }
    public PlanAim? Aim { get; set; }
    public int Number { get; set; }
    public required string Title { get; set; }
    public List<SuccessMeasure> Measures { get; set; } = [];
    public List<NationalPriority> NationalPriorities { get; set; } = [];

    /// <summary>"Objective 2 – To reduce the volume of violent crime…", as the Panel reports head each section.</summary>
    public string Heading => $"Objective {Number} – {Title}";
}
