using GrantsCommissioning.Core.Domain;

namespace GrantsCommissioning.Core.Features.Dashboards;

public sealed record StateCount(string State, int Count);

public sealed record CaseSummary(int Id, string Reference, string Title, string Organisation, string State, Money Amount, DateTimeOffset? Since);

public sealed record ReturnSummary(int Id, string Reference, string AwardTitle, string Organisation, string State, DateOnly DueDate);

public sealed record OfficerDashboard(
    IReadOnlyList<StateCount> ApplicationsByState, IReadOnlyList<CaseSummary> NeedingAction, IReadOnlyList<ReturnSummary> ReturnsToReview,
    IReadOnlyList<ReturnSummary> OverdueReturns);

public sealed record FundPosition(int FundId, string Code, string Name, string SeniorResponsibleOfficer, Money Budget, Money Committed, Money Paid)
{
    public Money Uncommitted => Budget - Committed;
    public Money OutstandingCommitments => Committed - Paid;
    public int CommittedPercent => Budget.Pence == 0 ? 0 : (int)(Committed.Pence * 100 / Budget.Pence);
}

public sealed record PaymentSummary(int Id, string Reference, string Organisation, string AwardReference, string State, Money Amount, DateOnly DueDate, string? HoldReason);

public sealed record FinanceDashboard(FinancialYear Year, IReadOnlyList<FundPosition> Funds, IReadOnlyList<PaymentSummary> PaymentsNeedingAction);

public sealed record AssessmentTask(int ApplicationId, string Reference, string Title, string Organisation, bool? HasConflict, bool Completed);

public sealed record MeasureRagCount(Rag Rag, int Count, int Headline);

public sealed record ObjectiveRagCount(int ObjectiveNumber, Rag Rag, int Count);

public sealed record ReturnsDueMonth(string Month, int Count);

public sealed record QuarterRag(FinancialQuarter Quarter, int Green, int Amber, int Red, int NotRated)
{
    public string Label => Quarter.ToString();
}
