namespace GrantsCommissioning.Core.Features.Seeding;

#pragma warning disable CA1812 // instantiated by System.Text.Json
internal sealed record PlanSeed(string Code, int Version, string Title, string PoliceArea, DateOnly PeriodStart, DateOnly PeriodEnd, List<AimSeed> Aims, List<ObjectiveSeed> Objectives);
internal sealed record AimSeed(int Number, string Title);
internal sealed record ObjectiveSeed(int Number, int Aim, string Title, List<MeasureSeed> Measures);
internal sealed record MeasureSeed(string Title, bool Headline, string Target, string? Baseline = null, string? Footnote = null, List<ReadingSeed>? Readings = null);
internal sealed record ReadingSeed(string Period, string Rag, string? PeriodTarget = null, string? Actual = null, string? Comment = null);

internal sealed record PrioritiesSeed(string PlanCode, List<PrioritySeed> Priorities);
internal sealed record PrioritySeed(string Code, string Title, List<int> Objectives, List<MetricSeed> Metrics);
internal sealed record MetricSeed(string Name, string Source);

internal sealed record FundsSeed(string PlanCode, List<FundSeed> Funds);
internal sealed record FundSeed(string Code, string Name, string Purpose, string SeniorResponsibleOfficer, string SeniorResponsibleOfficerRole, bool IsSmallFund, List<BudgetSeed> Budgets, List<RoundSeed> Rounds, decimal? MaxAward = null);
internal sealed record BudgetSeed(string FinancialYear, decimal Amount, string? Fund = null);
internal sealed record RoundSeed(string Reference, string Title, string Purpose, string WhoCanApply, string OpensAt, string ClosesAt, decimal MinAward, decimal MaxAward, List<int> Objectives, bool ShortForm = false, List<EligibilitySeed>? Eligibility = null, List<CriterionSeed>? Criteria = null, string? Fund = null, string? CopyEligibilityAndCriteriaFrom = null);
internal sealed record EligibilitySeed(string Question, bool RequiredAnswer, string FailureMessage);
internal sealed record CriterionSeed(string Title, string Guidance, int Weight);

internal sealed record OrganisationsSeed(List<OrganisationSeed> Organisations);
internal sealed record OrganisationSeed(string Name, string Type, string AddressLine1, string Town, string Postcode, string AreaServed, string? AddressLine2 = null, string? CharityNumber = null, string? CompanyNumber = null, BankSeed? Bank = null, List<MemberSeed>? Members = null);
internal sealed record BankSeed(string AccountName, string SortCode, string AccountNumber);
internal sealed record MemberSeed(string Email, string Role);

internal sealed record CasesSeed(List<CaseSeed> Cases, List<BudgetSeed>? Budgets = null, List<RoundSeed>? Rounds = null);
internal sealed record CaseSeed(string Reference, string Round, string Organisation, string Title, decimal Requested, string State, Dictionary<string, int> Objectives, List<BudgetLineSeed> Budget, string? Summary = null, string? SubmittedAt = null, string? AreaServed = null, List<IndicatorSeed>? Indicators = null, List<AssessmentSeed>? Assessments = null, DecisionSeed? Decision = null, AwardSeed? Award = null, string? Start = null, string? End = null, int? WorkflowVersion = null, PublicInterestSeed? PublicInterest = null);

/// <summary>A demo application flagged of significant public interest: why, and who flagged it (a demo staff email).</summary>
internal sealed record PublicInterestSeed(string Reason, string By);
internal sealed record BudgetLineSeed(string Description, string Category, decimal Amount);
internal sealed record IndicatorSeed(string Name, string Unit, double Target, int? Objective = null);
internal sealed record AssessmentSeed(string Assessor, bool Conflict, string? ConflictDetails = null, List<int>? Scores = null, string? Recommendation = null);
internal sealed record DecisionSeed(string Outcome, decimal Amount, string Authority, string DecidedAt, string Rationale, string? Notice = null, string? Conditions = null);
internal sealed record AwardSeed(string Reference, string State, string AwardedOn, string Start, string End, string Basis, List<PaymentSeed> Payments, List<ReturnSeed> Returns, string? AdvanceJustification = null, List<string>? Conditions = null);
internal sealed record PaymentSeed(string Due, decimal Amount, string State, string? PaidOn = null, string? FinanceReference = null, string? HoldReason = null, string? Kind = null);
internal sealed record ReturnSeed(string PeriodStart, string PeriodEnd, string Due, string State, List<decimal>? Spend = null, List<double>? IndicatorValues = null, string? Narrative = null, string? Query = null);

internal sealed record UsersSeed(string Password, List<UserSeed> Users);
internal sealed record UserSeed(string Email, string Name, List<string> Roles, string? JobTitle = null);
#pragma warning restore CA1812
