namespace GrantsCommissioning.Core.Domain;

/// <summary>
/// A published quarterly Panel report: the Word document and the figures it was built from, frozen at publication.
/// A row is never changed (the database refuses updates); a correction is published as the next version.
/// </summary>
public class PublishedPanelReport
{
    public int Id { get; set; }
    public int FinancialYearStart { get; set; }
    public int Quarter { get; set; }
    public int Version { get; set; }
    public DateTimeOffset PublishedAt { get; set; }
    public required string PublishedByName { get; set; }
    public string? CorrectionNote { get; set; }

    /// <summary>SHA-256 of <see cref="Document"/>, lower-case hex.</summary>
    public required string ContentHash { get; set; }

    public required byte[] Document { get; set; }

    /// <summary>The report's content as JSON (<c>PanelReportContent</c>), from which the HTML view is drawn.</summary>
    public required string ContentJson { get; set; }

    public FinancialQuarter Period => new(new FinancialYear(FinancialYearStart), Quarter);
}
