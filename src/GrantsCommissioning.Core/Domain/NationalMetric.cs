namespace GrantsCommissioning.Core.Domain;

public class NationalMetric
{
    public int Id { get; set; }
    public int PriorityId { get; set; }
    public NationalPriority? Priority { get; set; }
    public required string Name { get; set; }
    public required string Source { get; set; }
}
