namespace GrantsCommissioning.Core.Domain;

/// <summary>The officers' working copy of one quarter's Panel report: the narrative per objective (Part 1) and PCC activity (Part 3).</summary>
public class PanelReportDraft
{
    public int Id { get; set; }
    public int FinancialYearStart { get; set; }
    public int Quarter { get; set; }
    public string? PccActivity { get; set; }
    public PanelReportStatus Status { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public string? UpdatedByName { get; set; }
    public DateTimeOffset? ApprovedAt { get; set; }
    public string? ApprovedByName { get; set; }
    public List<ObjectiveNarrative> Narratives { get; set; } = [];

    public FinancialQuarter Period => new(new FinancialYear(FinancialYearStart), Quarter);
}
