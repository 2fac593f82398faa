namespace GrantsCommissioning.Core.Domain;

public class ApplicationBudgetLine
{
    public int Id { get; set; }
    public int ApplicationId { get; set; }
    public int Order { get; set; }
    public required string Description { get; set; }
    public required string Category { get; set; }
    public long AmountPence { get; set; }
}
