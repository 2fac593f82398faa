using GrantsCommissioning.Core.Domain;

namespace GrantsCommissioning.Core.Features.Monitoring;

public enum PortfolioSort
{
    Reference,
    Organisation,
    EndDate,
    Overdue,
    Rag,
}

/// <summary>Which officer's awards: one officer's (by user id), or those with no officer named when <see cref="Unassigned"/>.</summary>
public sealed record PortfolioQuery(string? OfficerUserId, bool Unassigned = false, PortfolioSort Sort = PortfolioSort.Overdue, bool Descending = true, int Skip = 0, int Take = 20);

/// <summary>One open award in an officer's portfolio, with the returns and changes waiting on it and its latest RAG.</summary>
public sealed record PortfolioRow(
    int AwardId, string Reference, string Title, string Organisation, string StateLabel, DateOnly EndDate, Money Amount, int ReturnsDue, int ReturnsOverdue,
    int ReturnsQueried, int ReturnsToReview, int ChangesWaiting, Rag Rag, string? RagReason)
{
    public bool AtRisk => Rag is Rag.Red or Rag.Amber || ReturnsOverdue > 0;
}

public sealed record PortfolioTotals(int Awards, Money Amount, int ReturnsDue, int ReturnsOverdue, int ReturnsQueried, int ReturnsToReview, int ChangesWaiting, int AtRisk);

public sealed record PortfolioPage(IReadOnlyList<PortfolioRow> Rows, PortfolioTotals Totals);

public sealed record OfficerChoice(string UserId, string Name, string Email);
