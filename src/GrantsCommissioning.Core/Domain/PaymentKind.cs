namespace GrantsCommissioning.Core.Domain;

public enum PaymentKind
{
    Instalment = 1,
    Recovery = 2,
    /// <summary>The share of the grant held back until the final report is accepted.</summary>
    Retention = 3,
}
