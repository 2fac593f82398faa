namespace GrantsCommissioning.Core.Domain;

public class ApplicationIndicator
{
    public int Id { get; set; }
    public int ApplicationId { get; set; }
    public int? ObjectiveId { get; set; }
    public required string Name { get; set; }
    public required string Unit { get; set; }
    public double Target { get; set; }
}
