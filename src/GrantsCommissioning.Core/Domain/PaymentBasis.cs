namespace GrantsCommissioning.Core.Domain;

public enum PaymentBasis
{
    Arrears = 1,
    Advance = 2,
}
