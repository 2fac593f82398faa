namespace GrantsCommissioning.Core.Domain;

public enum PaymentKind
{
    Instalment = 1,
    Recovery = 2,
}
