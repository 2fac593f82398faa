using GrantsCommissioning.Core.Domain;

namespace GrantsCommissioning.Core.Features.Cases;

public sealed record CaseHeader(CaseKind Kind, int Id, string Reference, string State, int Version, string DefinitionId, int WorkflowVersion)
{
    /// <summary>The state as the case's definition labels it: "Ready for authorisation".</summary>
    public string StateLabel { get; init; } = State;
}

/// <summary>One step of a case's history, labelled as its definition version names the states and the action.</summary>
public sealed record HistoryLine(DateTimeOffset At, string From, string To, string Action, string Actor, string? Role, Money? Amount, string? Comment);

public sealed record ObjectiveShare(int Number, string Title, int SharePercent);

public sealed record LineAmount(int Id, string Description, string? Category, Money Amount);

public sealed record IndicatorLine(int Id, string Name, string Unit, double Target, double? Value);

public sealed record AssessmentLine(string Assessor, bool? Conflict, string? ConflictDetails, int? WeightedScorePercent, Recommendation Recommendation, string? Comments);

public sealed record DecisionLine(DecisionOutcome Outcome, Money Amount, string DecidedBy, AuthorityLevel Authority, DateTimeOffset At, string? Notice, string Rationale, string? Conditions,
    string? Feedback = null, string? DeputyFor = null);

public sealed record ApplicationCase(
    CaseHeader Header, string Title, string? Summary, int OrganisationId, string Organisation, string OrgId, string RoundReference, string RoundTitle,
    string Fund, bool SmallFund, Money MaxAward, DateTimeOffset ClosesAt, Money Requested, DateTimeOffset? SubmittedAt, DateOnly? Start, DateOnly? End,
    string? Beneficiaries, string? Area, IReadOnlyList<LineAmount> Budget, IReadOnlyList<ObjectiveShare> Objectives, IReadOnlyList<string> Priorities,
    IReadOnlyList<IndicatorLine> Indicators, IReadOnlyList<AssessmentLine> Assessments, IReadOnlyList<DecisionLine> Decisions, int? AwardId,
    IReadOnlyList<HistoryLine> History, DateTimeOffset RoundClosesAt, bool DeadlineExtended, Decisions.PublicInterestFlag? PublicInterest = null);

public sealed record LinkedCase(int Id, string Reference, string State, DateOnly Date, Money? Amount);

public sealed record AwardCase(
    CaseHeader Header, string Title, string Purpose, int OrganisationId, string Organisation, string Fund, Money Amount, DateOnly AwardedOn, DateOnly Start,
    DateOnly End, PaymentBasis Basis, string? AdvanceJustification, int? ApplicationId, IReadOnlyList<ObjectiveShare> Objectives,
    IReadOnlyList<LineAmount> CostLines, IReadOnlyList<string> Conditions, IReadOnlyList<IndicatorLine> Indicators,
    IReadOnlyList<LinkedCase> Payments, IReadOnlyList<LinkedCase> Returns, Money Paid, Money SpendReported, IReadOnlyList<HistoryLine> History);

public sealed record PaymentCase(
    CaseHeader Header, int AwardId, string AwardReference, string Organisation, PaymentKind PaymentKind, int Instalment, DateOnly Due, Money Amount,
    string? HoldReason, string? RecordedBy, string? AuthorisedBy, DateOnly? PaidOn, string? FinanceReference, IReadOnlyList<HistoryLine> History);

public sealed record ReturnCase(
    CaseHeader Header, int AwardId, string AwardReference, string AwardTitle, string Organisation, DateOnly PeriodStart, DateOnly PeriodEnd, DateOnly Due,
    DateTimeOffset? SubmittedAt, string? Narrative, string? CaseStudy, string? Risks, IReadOnlyList<LineAmount> Spend, IReadOnlyList<IndicatorLine> Indicators,
    IReadOnlyList<HistoryLine> History);
