using FluentValidation;
using GrantsCommissioning.Core.Domain;

namespace GrantsCommissioning.Core.Features.DecisionNotices;

/// <summary>What the drafting officer writes: Part 1 (public) and the optional Part 2 annex (never published).</summary>
public sealed record NoticeDraft
{
    public string Title { get; init; } = "";
    public string ExecutiveSummary { get; init; } = "";
    public string Background { get; init; } = "";
    public string OptionsConsidered { get; init; } = "";
    public string FinancialImplications { get; init; } = "";
    public string LegalImplications { get; init; } = "";
    public string EqualityImplications { get; init; } = "";
    public string Risks { get; init; } = "";
    public string PublicAccess { get; init; } = "";
    public string? ConfidentialAnnex { get; init; }
    public Money? Amount { get; init; }
    public bool SignificantPublicInterest { get; init; }

    /// <summary>The reference of the grant application the decision is about ("CGS-2013-0007"), if any.</summary>
    public string? ApplicationReference { get; init; }

    public static NoticeDraft Of(DecisionNotice n, string? applicationReference)
    {
        ArgumentNullException.ThrowIfNull(n);
        return new()
        {
            Title = n.Title, ExecutiveSummary = n.ExecutiveSummary, Background = n.Background, OptionsConsidered = n.OptionsConsidered,
            FinancialImplications = n.FinancialImplications, LegalImplications = n.LegalImplications, EqualityImplications = n.EqualityImplications,
            Risks = n.Risks, PublicAccess = n.PublicAccess, ConfidentialAnnex = n.ConfidentialAnnex, Amount = n.Amount,
            SignificantPublicInterest = n.SignificantPublicInterest, ApplicationReference = applicationReference,
        };
    }

    internal void ApplyTo(DecisionNotice n)
    {
        n.Title = Title.Trim();
        n.ExecutiveSummary = ExecutiveSummary.Trim();
        n.Background = Background.Trim();
        n.OptionsConsidered = OptionsConsidered.Trim();
        n.FinancialImplications = FinancialImplications.Trim();
        n.LegalImplications = LegalImplications.Trim();
        n.EqualityImplications = EqualityImplications.Trim();
        n.Risks = Risks.Trim();
        n.PublicAccess = PublicAccess.Trim();
        n.ConfidentialAnnex = string.IsNullOrWhiteSpace(ConfidentialAnnex) ? null : ConfidentialAnnex.Trim();
        n.AmountPence = Amount?.Pence;
        n.SignificantPublicInterest = SignificantPublicInterest;
    }
}

/// <summary>A draft may be saved with sections still empty, but not with a missing title or a wrong figure.</summary>
public sealed class NoticeDraftValidator : AbstractValidator<NoticeDraft>
{
    public const int SectionMax = 8000;

    public NoticeDraftValidator()
    {
        RuleFor(d => d.Title).Must(t => !string.IsNullOrWhiteSpace(t) && t.Trim().Length <= 200)
            .WithMessage("Enter the title of the decision (up to 200 characters).");
        RuleFor(d => d.Amount).Must(a => a is null || a.Value.Pence > 0)
            .WithMessage("Enter an amount more than £0, or leave it empty if the decision commits no money.");
        RuleFor(d => d.ApplicationReference).Must(r => r is null || r.Trim().Length <= 40)
            .WithMessage("Enter a grant application reference like CGS-2013-0007 (up to 40 characters), or leave it empty.");
        foreach (var (name, section) in Sections)
        {
            RuleFor(d => section(d)).Must(s => s is null || s.Length <= SectionMax).OverridePropertyName(name)
                .WithMessage($"Keep this section to {SectionMax:N0} characters.");
        }
    }

    /// <summary>Part 1's sections, each of which must be written before the notice goes for advice.</summary>
    public static readonly IReadOnlyList<(string Field, Func<NoticeDraft, string?> Section)> Sections =
    [
        (nameof(NoticeDraft.ExecutiveSummary), d => d.ExecutiveSummary),
        (nameof(NoticeDraft.Background), d => d.Background),
        (nameof(NoticeDraft.OptionsConsidered), d => d.OptionsConsidered),
        (nameof(NoticeDraft.FinancialImplications), d => d.FinancialImplications),
        (nameof(NoticeDraft.LegalImplications), d => d.LegalImplications),
        (nameof(NoticeDraft.EqualityImplications), d => d.EqualityImplications),
        (nameof(NoticeDraft.Risks), d => d.Risks),
        (nameof(NoticeDraft.PublicAccess), d => d.PublicAccess),
    ];

    /// <summary>The sections still empty, as field → message; a notice goes for advice only when there are none.</summary>
    public static IReadOnlyList<Workflow.Kinds.FieldError> Incomplete(NoticeDraft d) =>
        Sections.Where(s => string.IsNullOrWhiteSpace(s.Section(d)))
            .Select(s => new Workflow.Kinds.FieldError(s.Field, $"Write the {NoticeSections.Heading(s.Field).ToLowerInvariant()} section before sending the notice for advice."))
            .ToList();
}
