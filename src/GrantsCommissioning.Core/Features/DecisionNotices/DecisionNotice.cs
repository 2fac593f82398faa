using GrantsCommissioning.Core.Domain;

namespace GrantsCommissioning.Core.Features.DecisionNotices;

/// <summary>
/// A Police and Crime Commissioner's decision notice: a case of its own (drafted, advised on by the Chief Executive and
/// the Chief Finance Officer, signed by the Commissioner, published). Part 1 is public; the Part 2 annex never is.
/// </summary>
public class DecisionNotice : WorkflowCaseBase
{
    public override CaseKind Kind => CaseKind.DecisionNotice;
    public override string Reference => NoticeReference;

    /// <summary>"WMPCC/2013/017".</summary>
    public required string NoticeReference { get; set; }

    /// <summary>The reference as it appears in a web address: "WMPCC-2013-017".</summary>
    public required string Slug { get; set; }

    public required string Title { get; set; }
    public string ExecutiveSummary { get; set; } = "";
    public string Background { get; set; } = "";
    public string OptionsConsidered { get; set; } = "";
    public string FinancialImplications { get; set; } = "";
    public string LegalImplications { get; set; } = "";
    public string EqualityImplications { get; set; } = "";
    public string Risks { get; set; } = "";

    /// <summary>The public access statement of Part 1 (what is published and why anything is withheld).</summary>
    public string PublicAccess { get; set; } = "";

    /// <summary>Part 2: the confidential annex. Never published, never in the public document.</summary>
    public string? ConfidentialAnnex { get; set; }

    /// <summary>The sum the decision commits, when it commits one (the £452,000 of reserves).</summary>
    public long? AmountPence { get; set; }

    /// <summary>Flagged of significant public interest (needs a notice whatever the amount).</summary>
    public bool SignificantPublicInterest { get; set; }

    /// <summary>The grant application the decision is about, if any.</summary>
    public int? ApplicationId { get; set; }
    public GrantApplication? Application { get; set; }

    /// <summary>The grant decision recorded under this notice, once recorded.</summary>
    public int? DecisionId { get; set; }
    public Decision? Decision { get; set; }

    public string? ChiefExecutiveAdvice { get; set; }
    public string? ChiefExecutiveAdviceBy { get; set; }
    public string? ChiefExecutiveAdviceByUserId { get; set; }
    public DateTimeOffset? ChiefExecutiveAdviceAt { get; set; }

    public string? FinanceAdvice { get; set; }
    public string? FinanceAdviceBy { get; set; }
    public string? FinanceAdviceByUserId { get; set; }
    public DateTimeOffset? FinanceAdviceAt { get; set; }

    public string? DeclarationOfInterests { get; set; }
    public string? SignedBy { get; set; }
    public DateOnly? SignatureDate { get; set; }
    public DateOnly? PublishedOn { get; set; }

    /// <summary>The financial year of the decision (its signature date), set when signed; the register filters on it.</summary>
    public int? FinancialYearStart { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    public Money? Amount => AmountPence is { } p ? new Money(p) : null;

    /// <summary>Sets aside the advice and signature, as a send-back does: they must be given again on the new draft.</summary>
    public void VoidAdviceAndSignature()
    {
        (ChiefExecutiveAdvice, ChiefExecutiveAdviceBy, ChiefExecutiveAdviceByUserId, ChiefExecutiveAdviceAt) = (null, null, null, null);
        (FinanceAdvice, FinanceAdviceBy, FinanceAdviceByUserId, FinanceAdviceAt) = (null, null, null, null);
        (DeclarationOfInterests, SignedBy, SignatureDate, FinancialYearStart) = (null, null, null, null);
    }

    public static string SlugOf(string reference) => reference.Trim().Replace('/', '-').Replace(' ', '-');
}
