namespace GrantsCommissioning.Core.Features.Payments;

public enum RecoveryStatus
{
    /// <summary>The invoice is raised and the money is due back.</summary>
    Invoiced = 1,
    /// <summary>The money has come back.</summary>
    Received = 2,
}
