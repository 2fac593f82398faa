namespace GrantsCommissioning.Core.Domain;

public class PlanAim
{
    public int Id { get; set; }
    public int PlanId { get; set; }
    public PoliceAndCrimePlan? Plan { get; set; }
    public int Number { get; set; }
    public required string Title { get; set; }
}
