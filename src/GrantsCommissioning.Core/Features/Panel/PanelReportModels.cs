using GrantsCommissioning.Core.Domain;

namespace GrantsCommissioning.Core.Features.Panel;

/// <summary>A quarter's report as officers work on it.</summary>
public sealed record PanelQuarterView(
    FinancialQuarter Quarter,
    string? PlanTitle,
    PanelReportStatus Status,
    bool Exists,
    string? UpdatedByName,
    DateTimeOffset? UpdatedAt,
    string? ApprovedByName,
    DateTimeOffset? ApprovedAt,
    string? PccActivity,
    IReadOnlyList<NarrativeView> Objectives,
    IReadOnlyList<string> MeasuresWithoutReading,
    IReadOnlyList<PublishedReportSummary> Published);

public sealed record NarrativeView(int ObjectiveId, int Number, string Title, string? Text);

/// <summary>What an officer saves: the narrative per objective id (blank to clear) and the PCC activity.</summary>
public sealed record PanelDraftInput(IReadOnlyDictionary<int, string?> Narratives, string? PccActivity);

public sealed record PublishedReportSummary(int Id, FinancialQuarter Quarter, int Version, DateTimeOffset PublishedAt, string PublishedByName, string ContentHash, string? CorrectionNote)
{
    public string FileName => $"panel-report-{Quarter.Year.StartYear}-{(Quarter.Year.StartYear + 1) % 100:00}-q{Quarter.Number}-v{Version}.docx";
}

public sealed record PublishedReport(PublishedReportSummary Summary, PanelReportContent Content);
