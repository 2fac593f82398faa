namespace GrantsCommissioning.Core.Features.DecisionNotices;

/// <summary>The headings of a notice's sections, the same on the staff page, the public page and the Word document.</summary>
public static class NoticeSections
{
    public const string Part1 = "Part 1: public";
    public const string Part2 = "Part 2: confidential annex (not for publication)";
    public const string Declaration = "Declaration of interests";
    public const string Signature = "Decision and signature";
    public const string Advice = "Advice noted";
    private static readonly System.Globalization.CultureInfo Uk = System.Globalization.CultureInfo.GetCultureInfo("en-GB");

    public const string AnnexWithheld = "A confidential annex (Part 2) was considered with this decision. It is exempt from publication.";

    public static string Heading(string field) => field switch
    {
        nameof(NoticeDraft.ExecutiveSummary) => "Executive summary",
        nameof(NoticeDraft.Background) => "Background",
        nameof(NoticeDraft.OptionsConsidered) => "Options considered",
        nameof(NoticeDraft.FinancialImplications) => "Financial implications",
        nameof(NoticeDraft.LegalImplications) => "Legal implications",
        nameof(NoticeDraft.EqualityImplications) => "Equality implications",
        nameof(NoticeDraft.Risks) => "Risks",
        nameof(NoticeDraft.PublicAccess) => "Public access to information",
        _ => field,
    };

    /// <summary>Part 1's sections in order, with their text.</summary>
    public static IReadOnlyList<(string Heading, string Text)> Part1Of(DecisionNotice n)
    {
        ArgumentNullException.ThrowIfNull(n);
        var draft = NoticeDraft.Of(n, null);
        return NoticeDraftValidator.Sections.Select(s => (Heading(s.Field), s.Section(draft) ?? "")).ToList();
    }

    /// <summary>The advice noted on the notice, each under "role: name", in the order it is given.</summary>
    public static IReadOnlyList<(string Heading, string Text)> AdviceOf(DecisionNotice n)
    {
        ArgumentNullException.ThrowIfNull(n);
        var advice = new List<(string Heading, string Text)>();
        if (n.ChiefExecutiveAdvice is { } chief)
        {
            advice.Add(($"Chief Executive: {n.ChiefExecutiveAdviceBy}", chief));
        }
        if (n.FinanceAdvice is { } finance)
        {
            advice.Add(($"Chief Finance Officer: {n.FinanceAdviceBy}", finance));
        }
        return advice;
    }

    /// <summary>
    /// The "Decision and signature" section: the Commissioner's statement, then who signed and when as labelled lines
    /// (a label rather than "Signed by … on …", so any name reads correctly, "The Police and Crime Commissioner" too).
    /// A line with no label is a plain paragraph.
    /// </summary>
    public static IReadOnlyList<(string? Label, string Text)> SignatureOf(DecisionNotice n)
    {
        ArgumentNullException.ThrowIfNull(n);
        return n.SignatureDate is { } signed
            ?
            [
                (null, "I agree the decision above."),
                ("Signed", string.IsNullOrWhiteSpace(n.SignedBy) ? "Police and Crime Commissioner" : n.SignedBy),
                ("Date signed", signed.ToString("d MMMM yyyy", Uk)),
            ]
            : [(null, "Not yet signed by the Police and Crime Commissioner.")];
    }

}
