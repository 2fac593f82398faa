namespace GrantsCommissioning.Core.Features.Funds;

/// <summary>
/// A published allocation table taken for one fund and financial year: one award per partner line, and a reserve that is
/// released only through business-case applications to the fund's rounds. Taken once per fund and year, and once per file.
/// </summary>
public class AllocationTable
{
    public int Id { get; set; }
    public int FundId { get; set; }
    public int FinancialYearStart { get; set; }
    public required string FileName { get; set; }
    public required string Sha256 { get; set; }
    public DateTimeOffset ImportedAt { get; set; }
    public required string ImportedByName { get; set; }
    public long AllocatedPence { get; set; }
    public long ReservePence { get; set; }
    public List<AllocationLine> Lines { get; set; } = [];
}

/// <summary>One partner's line of an allocation table and the award it created.</summary>
public class AllocationLine
{
    public int Id { get; set; }
    public int TableId { get; set; }
    public int Row { get; set; }
    public required string Partner { get; set; }
    public int OrganisationId { get; set; }
    public int AwardId { get; set; }
    public long AmountPence { get; set; }
}
