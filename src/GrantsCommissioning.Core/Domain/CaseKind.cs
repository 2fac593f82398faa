namespace GrantsCommissioning.Core.Domain;

public enum CaseKind
{
    Application = 1,
    Award = 2,
    Payment = 3,
    MonitoringReturn = 4,
    DecisionNotice = 5,
    PaymentRun = 12,
}
