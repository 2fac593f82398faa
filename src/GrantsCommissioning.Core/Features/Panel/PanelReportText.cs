using System.Globalization;
using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Core.Features.Reports;

namespace GrantsCommissioning.Core.Features.Panel;

/// <summary>A piece of the report's wording; a figure names the list of records that make it up (the HTML view links it).</summary>
public sealed record TextPart(string Text, FigureList? Figure = null);

/// <summary>The report's wording, shared by the Word document and the HTML view so both say the same.</summary>
public static class PanelReportText
{
    public const string Title = "Police & Crime Plan activity and performance monitoring report";

    public const string RecommendationText = "Members of the Panel are invited to consider the report.";

    public static readonly CultureInfo Uk = CultureInfo.GetCultureInfo("en-GB");

    public static string Date(DateOnly d) => d.ToString("d MMMM yyyy", Uk);

    public static string Pounds(long pence) => new Money(pence).ToShortString();

    public static string Covers(PanelReportContent c)
    {
        ArgumentNullException.ThrowIfNull(c);
        var quarter = c.Period;
        return $"{c.Period} ({Date(quarter.Start)} – {Date(quarter.End)})";
    }

    public static string Purpose(PanelReportContent c)
    {
        ArgumentNullException.ThrowIfNull(c);
        var quarter = c.Period;
        return $"The purpose of this report is to provide members of the Police and Crime Panel with an update on progress in delivering the "
            + $"{c.PlanTitle} ({Date(c.PlanStart)} – {Date(c.PlanEnd)}), including a performance report in relation to the success measures "
            + $"contained within the plan and a brief outline of other key Commissioner activity. This report covers the time period "
            + $"{Date(quarter.Start)} – {Date(quarter.End)} (quarter {quarter.Number} of {quarter.Year}).";
    }

    public static string Background(PanelReportContent c)
    {
        ArgumentNullException.ThrowIfNull(c);
        var headline = c.Measures.Count(m => m.IsHeadline);
        return $"The {c.PlanTitle} came into effect on {Date(c.PlanStart)} and sets out the aims and objectives of the Police and Crime "
            + $"Commissioner (PCC) for policing and community safety across {c.PoliceArea}. The plan contains {Words(c.Aims.Count)} strategic aims, "
            + $"underpinned by {Words(c.Objectives.Count)} objectives and {c.Measures.Count} success measures, {headline} of them headline measures. "
            + "The plan also sets out governance and accountability arrangements.";
    }

    public static readonly IReadOnlyList<string> FormatParts =
    [
        "Part 1 – an update on progress for each of the objectives listed in the plan, with the grants awarded and money released for each.",
        "Part 2 – a performance monitoring report for the success measures set out in the plan, by exception: the measures rated Red or Amber, headline measures first.",
        "Part 3 – a brief outline of the PCC's key activity not captured in parts 1 or 2 of this report, including the decisions requiring notices made in the quarter.",
    ];

    /// <summary>"To the end of June 2013, 61 grants have been awarded totalling £1,369,313."</summary>
    public static string GrantsSentence(PanelReportContent c) => Join(GrantsSentenceParts(c));

    public static IReadOnlyList<TextPart> GrantsSentenceParts(PanelReportContent c)
    {
        ArgumentNullException.ThrowIfNull(c);
        var n = c.Grants.AwardsMade;
        return
        [
            new($"To the end of {c.PeriodEnd.ToString("MMMM yyyy", Uk)}, "), new($"{n} {(n == 1 ? "grant" : "grants")}", FigureList.Awards),
            new($" {(n == 1 ? "has" : "have")} been awarded totalling "), new(Pounds(c.Grants.AwardedPence), FigureList.Awards), new("."),
        ];
    }

    public static string ReleasedSentence(PanelReportContent c) => Join(ReleasedSentenceParts(c));

    public static IReadOnlyList<TextPart> ReleasedSentenceParts(PanelReportContent c)
    {
        ArgumentNullException.ThrowIfNull(c);
        return [new("Of this, "), new(Pounds(c.Grants.PaidPence), FigureList.Payments), new($" has been released to grantees in payments since {Date(c.PeriodStart)}.")];
    }

    /// <summary>The grants line under an objective's narrative.</summary>
    public static string ObjectiveGrants(ReportObjective o) => Join(ObjectiveGrantsParts(o));

    public static IReadOnlyList<TextPart> ObjectiveGrantsParts(ReportObjective o)
    {
        ArgumentNullException.ThrowIfNull(o);
        return o.AwardsMade == 0
            ? [new("Grants: no grant awarded this year supports this objective.")]
            :
            [
                new("Grants: "), new($"{o.AwardsMade} {(o.AwardsMade == 1 ? "grant" : "grants")}", FigureList.Awards), new(" awarded this year support this objective, "),
                new(Pounds(o.AwardedPence), FigureList.Awards), new(" apportioned to it by share; money released (paid) for it to date: "),
                new(Pounds(o.PaidPence), FigureList.Payments), new("."),
            ];
    }

    private static string Join(IEnumerable<TextPart> parts) => string.Concat(parts.Select(p => p.Text));

    public const string PrioritiesHeading = "Grants by national priority for policing";

    public const string PrioritiesIntro = "The national priorities for policing are served through the plan's objectives. Each grant counts towards a priority "
        + "with the shares of its objectives that serve it, so a grant may count towards more than one priority and the rows do not add up to the total.";

    /// <summary>"2, 7" – the plan objectives that serve a priority.</summary>
    public static string ObjectiveList(IReadOnlyList<int> numbers) =>
        numbers.Count == 0 ? "none" : string.Join(", ", numbers.Select(n => n.ToString(Uk)));

    /// <summary>The quarter's success-measure RAG for the objectives serving a priority: "3 Green, 1 Amber, 0 Red".</summary>
    public static string PriorityMeasures(PanelReportContent c, ReportPriority p)
    {
        ArgumentNullException.ThrowIfNull(c);
        ArgumentNullException.ThrowIfNull(p);
        var measures = c.Measures.Where(m => p.ObjectiveNumbers.Contains(m.ObjectiveNumber)).ToList();
        return measures.Count == 0 ? "no measures" : RagCounts(measures);
    }

    public const string NoNarrative = "No update has been written for this objective this quarter.";

    public static string DecisionsSentence(PanelReportContent c)
    {
        ArgumentNullException.ThrowIfNull(c);
        var n = c.Decisions.Count;
        return n == 0
            ? $"Decisions – The PCC made no decisions requiring notices between {Date(c.Period.Start)} and {Date(c.Period.End)}."
            : $"Decisions – The PCC has made {n} {(n == 1 ? "decision" : "decisions")} requiring notices between {Date(c.Period.Start)} and {Date(c.Period.End)}, as follows:";
    }

    /// <summary>"WMPCC/2013/003 – Grant: …, £172,500, decided 8 April 2013" (no amount when the decision commits none).</summary>
    public static string DecisionLine(ReportDecision d)
    {
        ArgumentNullException.ThrowIfNull(d);
        return d.AmountPence is { } p
            ? $"{d.NoticeReference} – {d.Title}, {Pounds(p)}, decided {Date(d.DecidedOn)}"
            : $"{d.NoticeReference} – {d.Title}, decided {Date(d.DecidedOn)}";
    }

    /// <summary>"Headline measures – of the 9 headline measures, 9 are Green, …"</summary>
    public static string HeadlineSummary(PanelReportContent c)
    {
        ArgumentNullException.ThrowIfNull(c);
        var headline = c.Measures.Where(m => m.IsHeadline).ToList();
        return $"Headline measures – of the {headline.Count} headline measures, {RagCounts(headline)}.";
    }

    public static string OtherSummary(PanelReportContent c)
    {
        ArgumentNullException.ThrowIfNull(c);
        var other = c.Measures.Where(m => !m.IsHeadline).ToList();
        return $"Other measures – of the {other.Count} other measures, {RagCounts(other)}.";
    }

    /// <summary>Red and Amber measures, headline measures first, then in plan order.</summary>
    public static IReadOnlyList<ReportMeasure> Exceptions(PanelReportContent c)
    {
        ArgumentNullException.ThrowIfNull(c);
        return c.Measures.Where(m => m.Rag is Rag.Red or Rag.Amber).OrderByDescending(m => m.IsHeadline).ThenBy(m => m.Rag == Rag.Red ? 0 : 1).ToList();
    }

    public static string RagLetter(Rag? rag) => rag switch
    {
        Rag.Green => "G",
        Rag.Amber => "A",
        Rag.Red => "R",
        Rag.NotRated => "–",
        _ => "",
    };

    public static string RagName(Rag? rag) => rag switch
    {
        Rag.Green => "Green",
        Rag.Amber => "Amber",
        Rag.Red => "Red",
        Rag.NotRated => "Not rated",
        _ => "No reading",
    };

    public static readonly IReadOnlyList<(Rag Rag, string Meaning)> RagKey =
    [
        (Rag.Green, "Green – the target / outcome is at or above the expected position."),
        (Rag.Amber, "Amber – the target / outcome is marginally below the expected position."),
        (Rag.Red, "Red – the target / outcome is below the expected position."),
        (Rag.NotRated, "Not rated (–) – an outcome measure being baselined or in development; see the comment."),
    ];

    /// <summary>A narrative split into paragraphs at blank lines or line breaks.</summary>
    public static IReadOnlyList<string> Paragraphs(string? text) =>
        (text ?? "").Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static string RagCounts(IReadOnlyCollection<ReportMeasure> measures)
    {
        string Count(Rag rag) => $"{measures.Count(m => m.Rag == rag)} {RagName(rag)}";
        var parts = new List<string> { Count(Rag.Green), Count(Rag.Amber), Count(Rag.Red), Count(Rag.NotRated) };
        var missing = measures.Count(m => m.Rag is null);
        if (missing > 0)
        {
            parts.Add($"{missing} without a reading");
        }
        return string.Join(", ", parts);
    }

    private static string Words(int n) => n switch
    {
        1 => "one", 2 => "two", 3 => "three", 4 => "four", 5 => "five", 6 => "six", 7 => "seven", 8 => "eight", 9 => "nine",
        10 => "ten", 11 => "eleven", 12 => "twelve", _ => n.ToString(CultureInfo.InvariantCulture),
    };
}
