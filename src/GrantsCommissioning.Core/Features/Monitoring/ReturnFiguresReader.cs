using GrantsCommissioning.Core.Data;
using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Core.Workflow;
using Microsoft.EntityFrameworkCore;

namespace GrantsCommissioning.Core.Features.Monitoring;

/// <summary>Reads a return's figures beside its award's budget lines, earlier returns and payments, for the checks and the officer's page.</summary>
internal static class ReturnFiguresReader
{
    /// <summary>Spend to date before this return on each of the award's cost lines (earlier periods' sent returns), in cost-line order.</summary>
    public static async Task<IReadOnlyList<(AwardCostLine Line, Money Before)>> LinesAsync(GrantsDbContext db, MonitoringReturn r, CancellationToken ct)
    {
        var lines = await db.AwardCostLines.AsNoTracking().Where(l => l.AwardId == r.AwardId).OrderBy(l => l.Order).ToListAsync(ct);
        var before = await (from e in db.Returns
                            join s in db.ReturnSpendLines on e.Id equals s.ReturnId
                            where e.AwardId == r.AwardId && e.Id != r.Id && e.SubmittedAt != null && e.PeriodEnd < r.PeriodEnd
                            group s by s.CostLineId into g
                            select new { g.Key, Pence = g.Sum(x => x.AmountPence) }).ToDictionaryAsync(x => x.Key, x => x.Pence, ct);
        return lines.Select(l => (l, new Money(before.GetValueOrDefault(l.Id)))).ToList();
    }

    public static async Task<ReturnFigures> ReadAsync(GrantsDbContext db, MonitoringReturn r, CancellationToken ct)
    {
        var lines = await LinesAsync(db, r, ct);
        var spend = await db.ReturnSpendLines.AsNoTracking().Where(s => s.ReturnId == r.Id).ToDictionaryAsync(s => s.CostLineId, s => s.AmountPence, ct);
        var indicators = await db.AwardIndicators.AsNoTracking().Where(i => i.AwardId == r.AwardId).OrderBy(i => i.Id).ToListAsync(ct);
        var values = await db.ReturnIndicatorValues.AsNoTracking().Where(v => v.ReturnId == r.Id).ToDictionaryAsync(v => v.IndicatorId, v => v.Value, ct);
        var previousId = await db.Returns.Where(e => e.AwardId == r.AwardId && e.Id != r.Id && e.SubmittedAt != null && e.PeriodEnd < r.PeriodEnd)
            .OrderByDescending(e => e.PeriodEnd).Select(e => (int?)e.Id).FirstOrDefaultAsync(ct);
        var previous = previousId is null ? [] : await db.ReturnIndicatorValues.AsNoTracking().Where(v => v.ReturnId == previousId)
            .ToDictionaryAsync(v => v.IndicatorId, v => v.Value, ct);
        var evidence = await db.Attachments.CountAsync(a => a.MonitoringReturnId == r.Id, ct);
        var paid = await db.Payments.Where(p => p.AwardId == r.AwardId && p.State == PaymentStates.Paid).SumAsync(p => p.AmountPence, ct);
        return new ReturnFigures(
            lines.Select(x => new SpendRow(x.Line.Id, x.Line.Description, new Money(x.Line.AmountPence), x.Before, new Money(spend.GetValueOrDefault(x.Line.Id)))).ToList(),
            indicators.Select(i => new IndicatorRow(i.Id, i.Name, i.Unit, i.Target, previous.TryGetValue(i.Id, out var p) ? p : null,
                values.TryGetValue(i.Id, out var v) ? v : null)).ToList(),
            evidence, new Money(paid));
    }
}
