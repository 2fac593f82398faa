namespace GrantsCommissioning.Core.Workflow;

/// <summary>State and trigger names shared by code and the definition files in workflows/.</summary>
public static class ApplicationStates
{
    public const string DefinitionId = "grant-application";
    public const string Draft = nameof(Draft);
    public const string Submitted = nameof(Submitted);
    public const string EligibilityCheck = nameof(EligibilityCheck);
    /// <summary>From grant-application v5: the officer asked the applicant for more information and waits for the answer.</summary>
    public const string InformationRequested = nameof(InformationRequested);
    public const string Assessment = nameof(Assessment);
    public const string Recommendation = nameof(Recommendation);
    public const string Deferred = nameof(Deferred);
    public const string Rejected = nameof(Rejected);
    public const string Withdrawn = nameof(Withdrawn);
    public const string OfferMade = nameof(OfferMade);
    public const string OfferAccepted = nameof(OfferAccepted);
    public const string OfferDeclined = nameof(OfferDeclined);
    /// <summary>From v6, two-stage rounds: the expression of interest a case starts as, sent at once.</summary>
    public const string InterestDraft = nameof(InterestDraft);
    /// <summary>From v6: an expression of interest waiting for a grants officer to invite or decline it.</summary>
    public const string InterestSubmitted = nameof(InterestSubmitted);
    /// <summary>From v6: an expression of interest not invited to the full application (terminal).</summary>
    public const string InterestDeclined = nameof(InterestDeclined);

    public static readonly IReadOnlyList<string> All =
        [Draft, Submitted, EligibilityCheck, InformationRequested, Assessment, Recommendation, Deferred, Rejected, Withdrawn, OfferMade, OfferAccepted, OfferDeclined];
}

public static class ApplicationTriggers
{
    public const string Submit = nameof(Submit);
    /// <summary>From v6, internal: the applicant sends an expression of interest on a two-stage round.</summary>
    public const string SubmitInterest = nameof(SubmitInterest);
    /// <summary>From v6, internal: a grants officer invites the full application (the case becomes a draft).</summary>
    public const string Invite = nameof(Invite);
    /// <summary>From v6, internal: a grants officer declines the expression of interest, with the reason.</summary>
    public const string DeclineInterest = nameof(DeclineInterest);
    public const string StartChecks = nameof(StartChecks);
    public const string PassChecks = nameof(PassChecks);
    public const string FailChecks = nameof(FailChecks);
    /// <summary>The officer asks the applicant for more information: in v4 the case stays where it is; from v5 it waits in InformationRequested.</summary>
    public const string RequestInformation = nameof(RequestInformation);
    /// <summary>From v5, internal: the applicant answers the officer's question (through its own form), which puts the case back in the checks.</summary>
    public const string ProvideInformation = nameof(ProvideInformation);
    /// <summary>From v5: the officer carries on the checks without the applicant's answer (given another way, say).</summary>
    public const string ResumeChecks = nameof(ResumeChecks);
    public const string Recommend = nameof(Recommend);
    public const string Approve = nameof(Approve);
    public const string PartFund = nameof(PartFund);
    public const string Defer = nameof(Defer);
    public const string Reject = nameof(Reject);
    public const string Reconsider = nameof(Reconsider);
    public const string Withdraw = nameof(Withdraw);
    public const string AcceptOffer = nameof(AcceptOffer);
    public const string DeclineOffer = nameof(DeclineOffer);
    /// <summary>Internal (no button): an assessor saving scores; refused if they declared a conflict.</summary>
    public const string Score = nameof(Score);
}

public static class AwardStates
{
    public const string DefinitionId = "award";
    public const string Active = nameof(Active);
    public const string VariationRequested = nameof(VariationRequested);
    public const string Suspended = nameof(Suspended);
    public const string FinalReport = nameof(FinalReport);
    public const string Closed = nameof(Closed);
    public const string Terminated = nameof(Terminated);

    public static readonly IReadOnlyList<string> All = [Active, VariationRequested, Suspended, FinalReport, Closed, Terminated];

    /// <summary>The states an award ends in: nothing more is paid, reported or rated.</summary>
    public static readonly IReadOnlyList<string> Finished = [Closed, Terminated];

    /// <summary>
    /// Every other state, named: a query for open awards by these states lets an index on state find them, where
    /// "not finished" reads every award ever made and checks each.
    /// </summary>
    public static readonly IReadOnlyList<string> Open = [.. All.Except(Finished)];
}

public static class AwardTriggers
{
    public const string RequestVariation = nameof(RequestVariation);
    public const string ApproveVariation = nameof(ApproveVariation);
    public const string ApproveWithinShare = nameof(ApproveWithinShare);
    public const string EndGrantPeriod = nameof(EndGrantPeriod);
    public const string RejectVariation = nameof(RejectVariation);
    public const string Suspend = nameof(Suspend);
    public const string Reinstate = nameof(Reinstate);
    public const string Close = nameof(Close);
    public const string Terminate = nameof(Terminate);
}

public static class ReturnStates
{
    public const string DefinitionId = "monitoring-return";
    public const string Scheduled = nameof(Scheduled);
    public const string Due = nameof(Due);
    public const string Submitted = nameof(Submitted);
    public const string Queried = nameof(Queried);
    public const string Accepted = nameof(Accepted);
    public const string Overdue = nameof(Overdue);
    /// <summary>From monitoring-return v4: no longer needed because the award was terminated (terminal).</summary>
    public const string Cancelled = nameof(Cancelled);

    public static readonly IReadOnlyList<string> All = [Scheduled, Due, Submitted, Queried, Accepted, Overdue, Cancelled];

    /// <summary>The states of a return still waiting for something (to open, be sent, be reviewed): cancelled on termination.</summary>
    public static readonly IReadOnlyList<string> Open = [Scheduled, Due, Overdue, Submitted, Queried];
}

public static class ReturnTriggers
{
    public const string Open = nameof(Open);
    public const string Submit = nameof(Submit);
    public const string Query = nameof(Query);
    public const string Resubmit = nameof(Resubmit);
    public const string Accept = nameof(Accept);
    public const string MarkOverdue = nameof(MarkOverdue);
    public const string Remind = nameof(Remind);
    public const string Escalate = nameof(Escalate);
    public const string Reply = nameof(Reply);
    public const string Reschedule = nameof(Reschedule);
    /// <summary>From v4, internal: the award was terminated, so the return is no longer needed; its timers stop.</summary>
    public const string Cancel = nameof(Cancel);
}

public static class PaymentStates
{
    public const string DefinitionId = "payment";
    public const string Scheduled = nameof(Scheduled);
    public const string Held = nameof(Held);
    public const string Ready = nameof(Ready);
    public const string Authorised = nameof(Authorised);
    public const string Paid = nameof(Paid);
    public const string Recovered = nameof(Recovered);
    public const string Cancelled = nameof(Cancelled);

    public static readonly IReadOnlyList<string> All = [Scheduled, Held, Ready, Authorised, Paid, Recovered, Cancelled];
}

public static class PaymentTriggers
{
    public const string Hold = nameof(Hold);
    public const string Release = nameof(Release);
    public const string MakeReady = nameof(MakeReady);
    public const string Authorise = nameof(Authorise);
    public const string Pay = nameof(Pay);
    public const string Recover = nameof(Recover);
    public const string Cancel = nameof(Cancel);
    public const string Remove = nameof(Remove);
}
