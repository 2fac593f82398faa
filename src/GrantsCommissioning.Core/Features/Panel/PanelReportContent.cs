using System.Text.Json.Serialization;
using GrantsCommissioning.Core.Domain;

namespace GrantsCommissioning.Core.Features.Panel;

/// <summary>
/// Everything a quarterly Panel report says, as it was when it was built: the Word document and the HTML view are
/// both drawn from this, and a published report stores it as JSON so its figures never change afterwards.
/// </summary>
public sealed record PanelReportContent(
    int FinancialYearStart,
    int Quarter,
    string PlanTitle,
    string PoliceArea,
    DateOnly PlanStart,
    DateOnly PlanEnd,
    DateOnly PeriodStart,
    DateOnly PeriodEnd,
    IReadOnlyList<ReportAim> Aims,
    IReadOnlyList<ReportObjective> Objectives,
    ReportGrantTotals Grants,
    IReadOnlyList<ReportMeasure> Measures,
    IReadOnlyList<ReportDecision> Decisions,
    string? PccActivity,
    IReadOnlyList<ReportPriority>? Priorities = null)
{
    [JsonIgnore]
    public FinancialQuarter Period => new(new FinancialYear(FinancialYearStart), Quarter);
}

public sealed record ReportAim(int Number, string Title);

/// <summary>One objective: the officers' narrative and the grants apportioned to it, year to date.</summary>
public sealed record ReportObjective(int Number, int AimNumber, string Title, string? Narrative, int AwardsMade, long AwardedPence, long PaidPence)
{
    [JsonIgnore]
    public string Heading => $"Objective {Number} – {Title}";
}

/// <summary>
/// A national priority for policing and the grants apportioned to it year to date through the plan objectives that
/// serve it (reports published before priorities were reported have none).
/// </summary>
public sealed record ReportPriority(string Code, string Title, IReadOnlyList<int> ObjectiveNumbers, int AwardsMade, long AwardedPence, long PaidPence);

/// <summary>Grants year to date, each award counted once.</summary>
public sealed record ReportGrantTotals(int AwardsMade, long AwardedPence, long PaidPence);

/// <summary>A success measure and its reading for the quarter (null fields where none was recorded).</summary>
public sealed record ReportMeasure(
    int ObjectiveNumber, string Title, bool IsHeadline, string TargetText, string? PeriodTarget, string? Actual, Rag? Rag,
    string? Comment, string? Footnote);

/// <summary>A decision requiring a published notice, made (signed) in the quarter; the amount when the decision commits one.</summary>
public sealed record ReportDecision(string NoticeReference, string Title, DateOnly DecidedOn, long? AmountPence);
