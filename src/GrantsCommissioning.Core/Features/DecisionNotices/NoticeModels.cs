using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Core.Features.Cases;

namespace GrantsCommissioning.Core.Features.DecisionNotices;

/// <summary>Who works on decision notices: the drafting officers, the Chief Executive and Chief Finance Officer, the Commissioner.</summary>
public static class DecisionNoticeAccess
{
    /// <summary>For <c>[Authorize(Roles = ...)]</c>.</summary>
    public const string StaffRoles = Roles.GrantsOfficer + "," + Roles.DecisionMaker + "," + Roles.Commissioner;

    public static readonly IReadOnlyList<string> Staff = [Roles.GrantsOfficer, Roles.DecisionMaker, Roles.Commissioner];

    /// <summary>Who may draft a notice (officers, and the Commissioner for decisions that are not grants).</summary>
    public static readonly IReadOnlyList<string> Drafters = [Roles.GrantsOfficer, Roles.Commissioner];
}

/// <summary>One row of the staff list of notices.</summary>
public sealed record NoticeSummary(int Id, string Reference, string Title, string State, string StateLabel, Money? Amount, DateOnly? SignatureDate, DateTimeOffset UpdatedAt);

public enum NoticeSort
{
    Updated,
    Reference,
    Title,
    State,
}

/// <summary>A page of the staff list: rows, the total number of matching notices, their total amount.</summary>
public sealed record NoticePage(IReadOnlyList<NoticeSummary> Rows, int Total, Money TotalAmount);

/// <summary>A notice as its staff page shows it, with its workflow header and history.</summary>
public sealed record NoticeDetails(CaseHeader Header, DecisionNotice Notice, string? ApplicationReference, string? DecisionSummary, IReadOnlyList<HistoryLine> History);

/// <summary>
/// A published notice as the public sees it: Part 1 only. There is no field for Part 2. Its sections, advice and
/// signature come from <see cref="NoticeSections"/>, as the Word document's do, so the page and the document match.
/// </summary>
public sealed record PublicNotice(
    string Reference, string Slug, string Title, Money? Amount, DateOnly? SignatureDate, DateOnly PublishedOn, string? SignedBy,
    string? DeclarationOfInterests, bool HasConfidentialAnnex, IReadOnlyList<(string Heading, string Text)> Sections,
    IReadOnlyList<(string Heading, string Text)> Advice, IReadOnlyList<(string? Label, string Text)> Signature)
{
    public string FinancialYear => SignatureDate is { } d ? Domain.FinancialYear.Containing(d).ToString() : Domain.FinancialYear.Containing(PublishedOn).ToString();
}

/// <summary>One row of the public register.</summary>
public sealed record RegisterRow(string Reference, string Slug, string Title, Money? Amount, DateOnly? SignatureDate, DateOnly PublishedOn);

public sealed record RegisterPage(IReadOnlyList<RegisterRow> Rows, int Total, int Page, int PageSize, IReadOnlyList<FinancialYear> Years)
{
    public int Pages => Math.Max(1, (Total + PageSize - 1) / PageSize);
}
