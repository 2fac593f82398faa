using GrantsCommissioning.Core.Domain;

namespace GrantsCommissioning.Core.Features.PaymentRuns;

/// <summary>
/// A batch of ready payments that finance sends to the finance system: prepared by one finance user, authorised by
/// another (never the preparer nor anyone who recorded a payment in it), then exported once as CSV and XLSX with a batch
/// reference. The exported files are kept, so exporting again gives the same bytes.
/// </summary>
public class PaymentRun : WorkflowCaseBase
{
    public override CaseKind Kind => CaseKind.PaymentRun;
    public override string Reference => RunReference;

    /// <summary>"RUN-2026-0003".</summary>
    public required string RunReference { get; set; }
    public required string PreparedByUserId { get; set; }
    public required string PreparedByName { get; set; }
    public DateTimeOffset PreparedAt { get; set; }
    public string? AuthorisedByUserId { get; set; }
    public string? AuthorisedByName { get; set; }
    public DateTimeOffset? AuthorisedAt { get; set; }
    /// <summary>The reference the finance system files the batch under: "OPCC-RUN-2026-0003".</summary>
    public string? BatchReference { get; set; }
    public DateTimeOffset? ExportedAt { get; set; }
    public byte[]? ExportCsv { get; set; }
    public byte[]? ExportXlsx { get; set; }
    public List<PaymentRunItem> Items { get; set; } = [];

    public Money Total => new(Items.Sum(i => i.AmountPence));
}
