namespace GrantsCommissioning.Core.Domain;

/// <summary>A line of the eligible-cost schedule; monitoring returns report spend against these.</summary>
public class AwardCostLine
{
    public int Id { get; set; }
    public int AwardId { get; set; }
    public int Order { get; set; }
    public required string Description { get; set; }
    public long AmountPence { get; set; }
}
