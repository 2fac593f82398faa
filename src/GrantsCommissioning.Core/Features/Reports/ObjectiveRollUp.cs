using GrantsCommissioning.Core.Data;
using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Core.Workflow;
using Microsoft.EntityFrameworkCore;

namespace GrantsCommissioning.Core.Features.Reports;

/// <summary>One objective's share of the grants in a period. Amounts are apportioned by each award's objective shares.</summary>
public sealed record ObjectiveRollUpRow(
    int ObjectiveId, int Number, string Title, int AwardsMade, Money Awarded, Money Paid, Money SpendReported, int ReturnsAccepted);

public sealed record RollUpTotals(int AwardsMade, Money Awarded, Money Paid, Money SpendReported);

public sealed record ObjectiveRollUpReport(string PlanTitle, DateOnly From, DateOnly To, IReadOnlyList<ObjectiveRollUpRow> Rows, RollUpTotals Totals);

/// <summary>
/// Rolls grants up to Police and Crime Plan objectives for a period, aggregating in the database:
/// awards made (by award date), payments (by date paid, net of recoveries) and spend in accepted returns (by period end).
/// Apportioned amounts are rounded to the nearest penny per objective; the totals are exact.
/// </summary>
public sealed class ObjectiveRollUp(IDbContextFactory<GrantsDbContext> factory)
{
    public Task<ObjectiveRollUpReport> ForQuarterAsync(FinancialQuarter quarter, CancellationToken ct = default) =>
        ForPeriodAsync(quarter.Start, quarter.End, ct);

    /// <summary>Year to date as the Panel reports it: from the start of the quarter's financial year to the quarter's end.</summary>
    public Task<ObjectiveRollUpReport> YearToDateAsync(FinancialQuarter quarter, CancellationToken ct = default) =>
        ForPeriodAsync(quarter.Year.Start, quarter.End, ct);

    public async Task<ObjectiveRollUpReport> ForPeriodAsync(DateOnly periodStart, DateOnly periodEnd, CancellationToken ct = default)
    {
        var db = await factory.CreateDbContextAsync(ct);
        await using (db)
        {
            var plan = await db.Plans.AsNoTracking().Where(p => p.PeriodStart <= periodEnd && p.PeriodEnd >= periodStart)
                .OrderByDescending(p => p.Version).FirstOrDefaultAsync(ct)
                ?? await db.Plans.AsNoTracking().OrderByDescending(p => p.PeriodEnd).FirstAsync(ct);
            var objectives = await db.Objectives.AsNoTracking().Where(o => o.PlanId == plan.Id).OrderBy(o => o.Number)
                .Select(o => new { o.Id, o.Number, o.Title }).ToListAsync(ct);

            var awards = db.Awards.Where(a => a.AwardedOn >= periodStart && a.AwardedOn <= periodEnd);
            var awarded = await (from ao in db.AwardObjectives
                                 join a in awards on ao.AwardId equals a.Id
                                 group new { a.AmountPence, ao.SharePercent } by ao.ObjectiveId into g
                                 select new { ObjectiveId = g.Key, Count = g.Count(), Hundredths = g.Sum(x => x.AmountPence * x.SharePercent) })
                .ToDictionaryAsync(x => x.ObjectiveId, ct);

            var paid = await (from ao in db.AwardObjectives
                              join p in db.Payments on ao.AwardId equals p.AwardId
                              where p.PaidOn >= periodStart && p.PaidOn <= periodEnd
                                    && (p.State == PaymentStates.Paid || p.State == PaymentStates.Recovered)
                              group new { p.AmountPence, ao.SharePercent } by ao.ObjectiveId into g
                              select new { ObjectiveId = g.Key, Hundredths = g.Sum(x => x.AmountPence * x.SharePercent) })
                .ToDictionaryAsync(x => x.ObjectiveId, x => x.Hundredths, ct);
            // Recoveries are negative movements: they reduce what was paid against each objective from the day they are raised.
            var recovered = await (from ao in db.AwardObjectives
                                   join r in db.Set<Payments.Recovery>() on ao.AwardId equals r.AwardId
                                   where r.RaisedOn >= periodStart && r.RaisedOn <= periodEnd
                                   group new { r.AmountPence, ao.SharePercent } by ao.ObjectiveId into g
                                   select new { ObjectiveId = g.Key, Hundredths = g.Sum(x => x.AmountPence * x.SharePercent) })
                .ToDictionaryAsync(x => x.ObjectiveId, x => x.Hundredths, ct);

            var accepted = db.Returns.Where(r => r.State == ReturnStates.Accepted && r.PeriodEnd >= periodStart && r.PeriodEnd <= periodEnd);
            var spend = await (from ao in db.AwardObjectives
                               join r in accepted on ao.AwardId equals r.AwardId
                               join s in db.ReturnSpendLines on r.Id equals s.ReturnId
                               group new { s.AmountPence, ao.SharePercent } by ao.ObjectiveId into g
                               select new { ObjectiveId = g.Key, Hundredths = g.Sum(x => x.AmountPence * x.SharePercent) })
                .ToDictionaryAsync(x => x.ObjectiveId, x => x.Hundredths, ct);
            var returns = await (from ao in db.AwardObjectives
                                 join r in accepted on ao.AwardId equals r.AwardId
                                 group r by ao.ObjectiveId into g
                                 select new { ObjectiveId = g.Key, Count = g.Count() })
                .ToDictionaryAsync(x => x.ObjectiveId, x => x.Count, ct);

            var rows = objectives.Select(o => new ObjectiveRollUpRow(
                o.Id, o.Number, o.Title,
                awarded.TryGetValue(o.Id, out var a) ? a.Count : 0,
                Pence(a?.Hundredths), Pence(paid.GetValueOrDefault(o.Id) + recovered.GetValueOrDefault(o.Id)), Pence(spend.GetValueOrDefault(o.Id)), returns.GetValueOrDefault(o.Id))).ToList();

            var totals = new RollUpTotals(
                await awards.CountAsync(ct),
                new Money(await awards.SumAsync(a => a.AmountPence, ct)),
                new Money(await db.Payments.Where(p => p.PaidOn >= periodStart && p.PaidOn <= periodEnd && (p.State == PaymentStates.Paid || p.State == PaymentStates.Recovered))
                    .SumAsync(p => p.AmountPence, ct)
                    + await db.Set<Payments.Recovery>().Where(r => r.RaisedOn >= periodStart && r.RaisedOn <= periodEnd).SumAsync(r => r.AmountPence, ct)),
                new Money(await (from r in accepted join s in db.ReturnSpendLines on r.Id equals s.ReturnId select s.AmountPence)
                    .SumAsync(ct)));
            return new ObjectiveRollUpReport(plan.Title, periodStart, periodEnd, rows, totals);
        }
    }

    /// <summary>Hundredths of a penny (amount × whole-percent share) to pence, rounding half away from zero.</summary>
    private static Money Pence(long? hundredths) =>
        new(hundredths is { } h ? (long)Math.Round(h / 100m, MidpointRounding.AwayFromZero) : 0);
}
