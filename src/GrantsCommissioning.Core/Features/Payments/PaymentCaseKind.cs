using GrantsCommissioning.Core.Data;
using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Core.Workflow.Kinds;

namespace GrantsCommissioning.Core.Features.Payments;

public sealed class PaymentCaseKind : CaseKindBase<Payment>
{
    public override CaseKind Kind => CaseKind.Payment;

    public override string Name => "Payment";

    public override string PagePath(int id) => $"/cases/payments/{id}";

    protected override async Task<CaseFacts> FactsAsync(GrantsDbContext db, Payment c, CancellationToken ct)
    {
        var (organisationId, smallFund, officer) = await AwardFactsAsync(db, c.AwardId, ct);
        return new CaseFacts(organisationId, smallFund, c.Amount, c.DueDate, officer);
    }

    protected override object AuditImage(Payment c, Money? amount, string? comment) => new
    {
        state = c.State, version = c.Version, reference = c.Reference, amountPence = c.AmountPence, financeReference = c.FinanceReference,
        paidOn = c.PaidOn, authorisedByUserId = c.AuthorisedByUserId, comment,
    };
}
