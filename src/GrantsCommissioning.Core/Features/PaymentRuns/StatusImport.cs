namespace GrantsCommissioning.Core.Features.PaymentRuns;

/// <summary>A payment-status file from the finance system, taken once (its SHA-256 is unique).</summary>
public class StatusImport
{
    public int Id { get; set; }
    public required string FileName { get; set; }
    public required string Sha256 { get; set; }
    public DateTimeOffset ImportedAt { get; set; }
    public required string ImportedByName { get; set; }
    public int Rows { get; set; }
    public int Paid { get; set; }
    public List<ReconciliationItem> Mismatches { get; set; } = [];
}
