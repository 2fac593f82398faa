using GrantsCommissioning.Core.Domain;

namespace GrantsCommissioning.Core.Features.Dashboards;

public sealed record StateCount(string State, int Count);

public sealed record CaseSummary(int Id, string Reference, string Title, string Organisation, string State, Money Amount, DateTimeOffset? Since);

public sealed record ReturnSummary(int Id, string Reference, string AwardTitle, string Organisation, string State, DateOnly DueDate);

public sealed record OfficerDashboard(IReadOnlyList<StateCount> ApplicationsByState);

public enum ReturnListSort
{
    DueOldest = 0,
    DueNewest,
    Reference,
}

/// <summary>One page of the returns in <paramref name="State"/>; <paramref name="Text"/> matches reference, award title or organisation.</summary>
public enum DecisionListSort
{
    Newest = 0,
    Oldest,
    AmountHighest,
    AmountLowest,
}

/// <summary>A page of decisions: the Commissioner's list (<paramref name="NoticesOnly"/>) holds those with a decision notice.</summary>
public sealed record DecisionListQuery(bool NoticesOnly, string? Text = null, DecisionListSort Sort = DecisionListSort.Newest, int Skip = 0, int Take = 20);

public sealed record DecisionSummary(
    int ApplicationId, string ApplicationReference, string Organisation, DateTimeOffset DecidedAt, DecisionOutcome Outcome, Money Amount,
    string DecidedByName, string? NoticeReference);

public sealed record ReturnListQuery(string State, string? Text = null, ReturnListSort Sort = ReturnListSort.DueOldest, int Skip = 0, int Take = 20);

public sealed record FundPosition(int FundId, string Code, string Name, string SeniorResponsibleOfficer, Money Budget, Money Committed, Money Paid)
{
    public Money Uncommitted => Budget - Committed;
    public Money OutstandingCommitments => Committed - Paid;
    public int CommittedPercent => Budget.Pence == 0 ? 0 : (int)(Committed.Pence * 100 / Budget.Pence);
}

public sealed record PaymentSummary(int Id, string Reference, string Organisation, string AwardReference, string State, Money Amount, DateOnly DueDate, string? HoldReason);

public sealed record FinanceDashboard(FinancialYear Year, IReadOnlyList<FundPosition> Funds);

public enum PaymentListSort
{
    DueOldest = 0,
    DueNewest,
    AmountHighest,
    AmountLowest,
    Reference,
}

/// <summary>
/// One page of the payments needing action (ready, authorised or held; or only <paramref name="State"/>);
/// <paramref name="Text"/> matches payment reference, award reference or organisation.
/// </summary>
public sealed record PaymentListQuery(string? State = null, string? Text = null, PaymentListSort Sort = PaymentListSort.DueOldest, int Skip = 0, int Take = 20);

/// <summary>A page of payments with the count and total amount of every payment the query matches.</summary>
public sealed record PaymentPage(IReadOnlyList<PaymentSummary> Items, int Count, Money Total);

public sealed record AssessmentTask(int ApplicationId, string Reference, string Title, string Organisation, bool? HasConflict, bool Completed);

public sealed record MeasureRagCount(Rag Rag, int Count, int Headline);

public sealed record ObjectiveRagCount(int ObjectiveNumber, Rag Rag, int Count);

public sealed record ReturnsDueMonth(string Month, int Count);

public sealed record QuarterRag(FinancialQuarter Quarter, int Green, int Amber, int Red, int NotRated)
{
    public string Label => Quarter.ToString();
}
