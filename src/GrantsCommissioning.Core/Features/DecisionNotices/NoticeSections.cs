namespace GrantsCommissioning.Core.Features.DecisionNotices;

/// <summary>The headings of a notice's sections, the same on the staff page, the public page and the Word document.</summary>
public static class NoticeSections
{
    public const string Part1 = "Part 1: public";
    public const string Part2 = "Part 2: confidential annex (not for publication)";
    public const string Declaration = "Declaration of interests";
    public const string Signature = "Decision and signature";
    public const string Advice = "Advice noted";

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
}
