namespace GrantsCommissioning.Core.Features.PaymentRuns;

/// <summary>The states and triggers of workflows/payment-run.</summary>
public static class PaymentRunWorkflow
{
    public const string DefinitionId = "payment-run";

    public const string Prepared = nameof(Prepared);
    public const string Authorised = nameof(Authorised);
    public const string Exported = nameof(Exported);
    public const string Withdrawn = nameof(Withdrawn);

    public const string Authorise = nameof(Authorise);
    public const string Export = nameof(Export);
    public const string Withdraw = nameof(Withdraw);
}
