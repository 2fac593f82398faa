using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Core.Features.Awards;
using GrantsCommissioning.Core.Workflow;

namespace GrantsCommissioning.Core.Features.Applicants;

public sealed record OfferToAccept(int ApplicationId, string Reference, string Title, Money Amount);

/// <summary>
/// An application the grants team asked more information about; <paramref name="Question"/> is what they asked.
/// <paramref name="AnswersInApp"/> is false on an application still on workflow v4, where the applicant may only upload
/// documents for the question and a grants officer contacts them.
/// </summary>
public sealed record InformationToSend(int ApplicationId, string Reference, string Title, string? Question, bool AnswersInApp = true);

/// <summary>A return to send; <paramref name="Query"/> is the officer's comment when they queried it.</summary>
public sealed record ReturnToSend(int Id, string Reference, string AwardTitle, string State, DateOnly PeriodEnd, DateOnly DueDate, string? Query);

public sealed record ApplicationLine(int Id, string Reference, string Title, string State, Money Requested, DateTimeOffset? SubmittedAt, int? AwardId)
{
    public string DisplayTitle => string.IsNullOrWhiteSpace(Title) ? "Untitled application" : Title;
}

public sealed record GrantLine(int Id, string Reference, string Title, string State, Money Amount, DateOnly Start, DateOnly End);

public sealed record PaymentMade(string Reference, string AwardReference, DateOnly PaidOn, Money Amount, string? FinanceReference);

/// <summary>One organisation on the applicant's dashboard.</summary>
public sealed record TrackOrganisation(int Id, string Name, string OrgId, OrganisationRole Role,
    IReadOnlyList<OfferToAccept> Offers, IReadOnlyList<ReturnToSend> ReturnsDue, IReadOnlyList<ReturnToSend> ReturnsQueried,
    IReadOnlyList<ApplicationLine> Applications, IReadOnlyList<GrantLine> Grants, IReadOnlyList<PaymentMade> Payments)
{
    /// <summary>Applications waiting for the organisation's answer to the grants team's question.</summary>
    public IReadOnlyList<InformationToSend> InformationRequested { get; init; } = [];

    public int ThingsToDo => Offers.Count + ReturnsDue.Count + ReturnsQueried.Count + InformationRequested.Count;
}

public sealed record ObjectiveShare(int Number, string Title, int SharePercent)
{
    public string Heading => $"Objective {Number} – {Title}";
}

public sealed record IndicatorTarget(string Name, string Unit, double Target);

/// <summary>An offer as the grant agreement the applicant is asked to accept: what accepting it will create.</summary>
public sealed record OfferView(int ApplicationId, string Reference, string Title, int OrganisationId, string OrganisationName, string State,
    Money Requested, Money Offered, string? Conditions, AwardPlan Plan, IReadOnlyList<ObjectiveShare> Objectives,
    IReadOnlyList<IndicatorTarget> Indicators, int? AwardId, string? AwardReference, string? DeclineReason)
{
    public bool IsOpen => State == ApplicationStates.OfferMade;

    public bool PartFunded => Offered != Requested;
}

public sealed record GrantPayment(string Reference, int Number, DateOnly Due, Money Amount, string State, DateOnly? PaidOn, bool IsRecovery);

/// <param name="CancelReason">When the return was cancelled (its award ended): the reason given, as the journal has it.</param>
public sealed record GrantReturn(int Id, string Reference, DateOnly PeriodStart, DateOnly PeriodEnd, DateOnly Due, string State, string? CancelReason = null);

public sealed record GrantView(int Id, string Reference, string Title, int OrganisationId, string OrganisationName, string State, Money Amount,
    DateOnly AwardedOn, DateOnly Start, DateOnly End, IReadOnlyList<string> Conditions, IReadOnlyList<PlannedCostLine> CostLines,
    IReadOnlyList<GrantPayment> Payments, IReadOnlyList<GrantReturn> Returns, IReadOnlyList<IndicatorTarget> Indicators,
    IReadOnlyList<ObjectiveShare> Objectives)
{
    public Money Paid => Money.Sum(Payments.Where(p => p.State is PaymentStates.Paid or PaymentStates.Recovered).Select(p => p.Amount));

    public string Purpose { get; init; } = "";
    public string? LeadContact { get; init; }

    /// <summary>The changes asked for on the grant, newest first, with their decisions.</summary>
    public IReadOnlyList<GrantsCommissioning.Core.Features.Monitoring.ChangeLine> Changes { get; init; } = [];
}

/// <param name="SpentBefore">Spend to date before this period, from the returns already sent.</param>
/// <param name="LastPeriod">What the previous period's return reported on the line, if there was one.</param>
public sealed record ReturnCostLine(int Id, string Description, Money Budget, Money SpentBefore, Money? ThisPeriod, Money? LastPeriod = null);

/// <param name="Previous">The value the previous period's return gave, if there was one.</param>
public sealed record ReturnIndicator(int Id, string Name, string Unit, double Target, double? Value, double? Previous = null);

/// <summary>The return sent for the period before, shown beside the form so the grantee can carry on from it.</summary>
public sealed record PreviousReturn(string Reference, DateOnly PeriodStart, DateOnly PeriodEnd, string? Narrative, string? CaseStudy, string? Risks,
    IReadOnlyList<string> EvidenceFiles);

/// <summary>Who saved the last draft and who signed the return off (an owner of the organisation) when it was sent.</summary>
public sealed record ReturnSignOff(bool ActorIsOwner, IReadOnlyList<string> Owners, string? DraftSavedBy, DateTimeOffset? DraftSavedAt,
    string? SignedOffBy, DateTimeOffset? SignedOffAt);

/// <summary>A monitoring return as its organisation sees it: the form while due, overdue or queried; read-only after.</summary>
public sealed record ReturnView(int Id, string Reference, int AwardId, string AwardReference, string AwardTitle, string OrganisationName, string State,
    DateOnly PeriodStart, DateOnly PeriodEnd, DateOnly Due, IReadOnlyList<ReturnCostLine> CostLines, IReadOnlyList<ReturnIndicator> Indicators,
    string? Narrative, string? CaseStudy, string? Risks, string? Query, DateTimeOffset? SubmittedAt, PreviousReturn? Previous, ReturnSignOff SignOff)
{
    public bool CanSubmit => State is ReturnStates.Due or ReturnStates.Overdue or ReturnStates.Queried;

    public bool IsResubmission => State == ReturnStates.Queried;

    /// <summary>When the return was cancelled (its award ended): the reason given, as the journal has it.</summary>
    public string? CancelReason { get; init; }
}

// Input models bound from the return form: raw text the service parses and checks. Nothing here is a state, an amount
// awarded or a decision, and cost lines and indicators are checked to belong to the return's own award.

public sealed class SpendInput
{
    public int CostLineId { get; set; }
    public string? Amount { get; set; }
}

public sealed class IndicatorValueInput
{
    public int IndicatorId { get; set; }
    public string? Value { get; set; }
}

public sealed class ReturnInput
{
    public List<SpendInput> Spend { get; set; } = [];
    public List<IndicatorValueInput> Indicators { get; set; } = [];
    public string? Narrative { get; set; }
    public string? CaseStudy { get; set; }
    public string? Risks { get; set; }

    /// <summary>The owner's declaration that the return is correct; sending needs it, saving a draft does not.</summary>
    public bool SignOff { get; set; }
}
