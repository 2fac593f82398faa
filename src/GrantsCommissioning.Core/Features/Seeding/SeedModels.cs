namespace GrantsCommissioning.Core.Features.Seeding;

#pragma warning disable CA1812 // instantiated by System.Text.Json
internal sealed record PlanSeed(string Code, int Version, string Title, string PoliceArea, DateOnly PeriodStart, DateOnly PeriodEnd,
    List<AimSeed> Aims, List<ObjectiveSeed> Objectives);
internal sealed record AimSeed(int Number, string Title);
internal sealed record ObjectiveSeed(int Number, int Aim, string Title, List<MeasureSeed> Measures);
internal sealed record MeasureSeed(string Title, bool Headline, string Target, string? Baseline, string? Footnote, List<ReadingSeed>? Readings);
internal sealed record ReadingSeed(string Period, string? PeriodTarget, string? Actual, string Rag, string? Comment);

internal sealed record PrioritiesSeed(string PlanCode, List<PrioritySeed> Priorities);
internal sealed record PrioritySeed(string Code, string Title, List<int> Objectives, List<MetricSeed> Metrics);
internal sealed record MetricSeed(string Name, string Source);

internal sealed record FundsSeed(string PlanCode, List<FundSeed> Funds);
internal sealed record FundSeed(string Code, string Name, string Purpose, string SeniorResponsibleOfficer, string SeniorResponsibleOfficerRole,
    bool IsSmallFund, decimal? MaxAward, List<BudgetSeed> Budgets, List<RoundSeed> Rounds);
internal sealed record BudgetSeed(string? Fund, string FinancialYear, decimal Amount);
internal sealed record RoundSeed(string Reference, string Title, string Purpose, string WhoCanApply, string OpensAt, string ClosesAt,
    decimal MinAward, decimal MaxAward, bool ShortForm, List<int> Objectives, List<EligibilitySeed>? Eligibility, List<CriterionSeed>? Criteria,
    string? Fund, string? CopyEligibilityAndCriteriaFrom);
internal sealed record EligibilitySeed(string Question, bool RequiredAnswer, string FailureMessage);
internal sealed record CriterionSeed(string Title, string Guidance, int Weight);

internal sealed record OrganisationsSeed(List<OrganisationSeed> Organisations);
internal sealed record OrganisationSeed(string Name, string Type, string AddressLine1, string? AddressLine2, string Town, string Postcode,
    string AreaServed, string? CharityNumber, string? CompanyNumber, BankSeed? Bank, List<MemberSeed>? Members);
internal sealed record BankSeed(string AccountName, string SortCode, string AccountNumber);
internal sealed record MemberSeed(string Email, string Role);

internal sealed record CasesSeed(List<BudgetSeed>? Budgets, List<RoundSeed>? Rounds, List<CaseSeed> Cases);
internal sealed record CaseSeed(string Reference, string Round, string Organisation, string Title, string? Summary, decimal Requested,
    string State, string? SubmittedAt, string? AreaServed, Dictionary<string, int> Objectives, List<BudgetLineSeed> Budget,
    List<IndicatorSeed>? Indicators, List<AssessmentSeed>? Assessments, DecisionSeed? Decision, AwardSeed? Award);
internal sealed record BudgetLineSeed(string Description, string Category, decimal Amount);
internal sealed record IndicatorSeed(string Name, string Unit, double Target, int? Objective);
internal sealed record AssessmentSeed(string Assessor, bool Conflict, string? ConflictDetails, List<int>? Scores, string? Recommendation);
internal sealed record DecisionSeed(string Outcome, decimal Amount, string Authority, string DecidedAt, string? Notice, string Rationale, string? Conditions);
internal sealed record AwardSeed(string Reference, string State, string AwardedOn, string Start, string End, string Basis, string? AdvanceJustification,
    List<string>? Conditions, List<PaymentSeed> Payments, List<ReturnSeed> Returns);
internal sealed record PaymentSeed(string Due, decimal Amount, string State, string? PaidOn, string? FinanceReference, string? HoldReason, string? Kind);
internal sealed record ReturnSeed(string PeriodStart, string PeriodEnd, string Due, string State, List<decimal>? Spend, List<double>? IndicatorValues, string? Narrative);

internal sealed record UsersSeed(string Password, List<UserSeed> Users);
internal sealed record UserSeed(string Email, string Name, string? JobTitle, List<string> Roles);
#pragma warning restore CA1812
