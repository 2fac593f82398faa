using GrantsCommissioning.Core.Data;
using GrantsCommissioning.Core.Workflow;
using Microsoft.EntityFrameworkCore;

namespace GrantsCommissioning.Core.Features.Payments;

/// <summary>Spend on an award: what was paid (paid or later recovered payments) less the recoveries raised.</summary>
public static class AwardSpend
{
    public static async Task<Domain.Money> NetPaidAsync(GrantsDbContext db, int awardId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var paid = await db.Payments.Where(p => p.AwardId == awardId && (p.State == PaymentStates.Paid || p.State == PaymentStates.Recovered))
            .SumAsync(p => (long?)p.AmountPence, ct) ?? 0;
        var recovered = await db.Set<Recovery>().Where(r => r.AwardId == awardId).SumAsync(r => (long?)r.AmountPence, ct) ?? 0;
        return new Domain.Money(paid + recovered);
    }
}
