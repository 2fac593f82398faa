namespace GrantsCommissioning.Core.Domain;

public class FundBudget
{
    public int Id { get; set; }
    public int FundId { get; set; }
    public Fund? Fund { get; set; }
    public int FinancialYearStart { get; set; }
    public long AmountPence { get; set; }

    public FinancialYear Year => new(FinancialYearStart);
    public Money Amount => new(AmountPence);
}
