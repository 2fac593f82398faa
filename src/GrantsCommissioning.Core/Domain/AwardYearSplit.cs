namespace GrantsCommissioning.Core.Domain;

public class AwardYearSplit
{
    public int Id { get; set; }
    public int AwardId { get; set; }
    public int FinancialYearStart { get; set; }
    public long AmountPence { get; set; }
}
