using GrantsCommissioning.Core.Domain;

namespace GrantsCommissioning.Core.Features.Funds;

public sealed record FundRow(int Id, string Code, string Name, string SeniorResponsibleOfficer, string? FundingSource, bool IsRingFenced, bool AllocatesByTable, int CapPercent);

public sealed record FundBudgetRow(FinancialYear Year, Money Budget);

public sealed record AllocationTableRow(int Id, FinancialYear Year, string FileName, DateTimeOffset ImportedAt, string ImportedBy, Money Allocated, Money Reserve,
    Money ReserveReleased, IReadOnlyList<AllocationAward> Awards)
{
    public Money Total => Allocated + Reserve;

    public Money ReserveRemaining => Reserve - ReserveReleased;
}

public sealed record AllocationAward(int Row, string Partner, int AwardId, string AwardReference, Money Amount);

public sealed record FundDetail(int Id, FundInput Form, bool IsSmallFund, IReadOnlyList<FundBudgetRow> Budgets, IReadOnlyList<AllocationTableRow> Tables);

public sealed record AllocationOutcome(int TableId, FinancialYear Year, int Awards, Money Allocated, Money Reserve)
{
    public Money Total => Allocated + Reserve;
}
