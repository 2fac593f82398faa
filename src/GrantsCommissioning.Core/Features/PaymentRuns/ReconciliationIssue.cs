namespace GrantsCommissioning.Core.Features.PaymentRuns;

public enum ReconciliationIssue
{
    /// <summary>No payment has this reference.</summary>
    UnknownReference = 1,
    /// <summary>The amount paid is not the amount exported.</summary>
    AmountDiffers = 2,
    /// <summary>The payment was already paid (in an earlier file, or twice in this one).</summary>
    PaidTwice = 3,
    /// <summary>The payment was never exported in an authorised run.</summary>
    NotExported = 4,
}

/// <summary>How the reconciliation page and its download name each problem.</summary>
public static class ReconciliationIssues
{
    public static string Describe(ReconciliationIssue issue) => issue switch
    {
        ReconciliationIssue.UnknownReference => "Unknown reference",
        ReconciliationIssue.AmountDiffers => "Amount differs",
        ReconciliationIssue.PaidTwice => "Paid twice",
        _ => "Not exported",
    };
}
