namespace GrantsCommissioning.Core.Domain;

public class AwardIndicator
{
    public int Id { get; set; }
    public int AwardId { get; set; }
    public int? ObjectiveId { get; set; }
    public required string Name { get; set; }
    public required string Unit { get; set; }
    public double Target { get; set; }
}
