using GrantsCommissioning.Core.Data;
using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Core.Workflow.Kinds;
using Microsoft.EntityFrameworkCore;

namespace GrantsCommissioning.Core.Features.PaymentRuns;

public sealed class PaymentRunCaseKind : CaseKindBase<PaymentRun>
{
    public override CaseKind Kind => CaseKind.PaymentRun;

    public override string Name => "Payment run";

    public override string PagePath(int id) => $"/finance/runs/{id}";

    protected override async Task<CaseFacts> FactsAsync(GrantsDbContext db, PaymentRun c, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var total = await db.Set<PaymentRunItem>().Where(i => i.RunId == c.Id).SumAsync(i => (long?)i.AmountPence, ct) ?? 0;
        return new CaseFacts(null, false, new Money(total), null);
    }

    protected override object AuditImage(PaymentRun c, Money? amount, string? comment) => new
    {
        state = c.State, version = c.Version, reference = c.RunReference, preparedBy = c.PreparedByName, authorisedBy = c.AuthorisedByName,
        batchReference = c.BatchReference, comment,
    };
}
