namespace GrantsCommissioning.Core.Domain;

public class ReturnSpendLine
{
    public int Id { get; set; }
    public int ReturnId { get; set; }
    public int CostLineId { get; set; }
    public AwardCostLine? CostLine { get; set; }
    public long AmountPence { get; set; }
}
