using GrantsCommissioning.Core.Data;
using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Core.Workflow;
using Microsoft.EntityFrameworkCore;

namespace GrantsCommissioning.Core.Features.Funds;

public enum Figure
{
    Committed = 1,
    Paid = 2,
    Forecast = 3,
}

/// <summary>A period's figures; the budget (and so uncommitted) is set for the year only, so a quarter has none.</summary>
public sealed record PeriodFigures(string Label, int? Quarter, Money? Budget, Money Committed, Money Paid, Money Forecast)
{
    public Money? Uncommitted => Budget is { } b ? b - Committed : null;
}

public sealed record FundQuarterFigures(int FundId, string Code, string Name, PeriodFigures Year, IReadOnlyList<PeriodFigures> Quarters);

/// <summary>One award, payment or recovery a figure sums.</summary>
public sealed record FigureLine(int AwardId, string AwardReference, string Organisation, int? PaymentId, string? PaymentReference, DateOnly? Date, string What, Money Amount);

/// <summary>
/// Each fund's money by financial year and quarter, summed in the database, and the lines behind every figure:
/// committed is each live award's profile (its share of the year; in a quarter, its instalments due then) and, for a
/// terminated award, what was paid net of recoveries; paid is payments made net of recoveries raised; forecast is what
/// live awards have still to pay. A figure and its list are the same filters, once summed and once listed.
/// </summary>
public sealed class FundFigures(IDbContextFactory<GrantsDbContext> factory)
{
    private static readonly string[] PaidStates = [PaymentStates.Paid, PaymentStates.Recovered];
    private static readonly string[] NotForecast = [PaymentStates.Paid, PaymentStates.Recovered, PaymentStates.Cancelled];

    public async Task<IReadOnlyList<FundQuarterFigures>> YearAsync(FinancialYear year, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var funds = await db.Funds.AsNoTracking().OrderBy(f => f.Name).Select(f => new { f.Id, f.Code, f.Name }).ToListAsync(ct);
        var result = new List<FundQuarterFigures>();
        foreach (var f in funds)
        {
            var budget = await FundCommitments.BudgetAsync(db, f.Id, year, ct);
            var quarters = new List<PeriodFigures>();
            foreach (var q in year.Quarters)
            {
                quarters.Add(new PeriodFigures($"Q{q.Number}", q.Number, null, await SumAsync(db, f.Id, year, q.Number, Figure.Committed, ct),
                    await SumAsync(db, f.Id, year, q.Number, Figure.Paid, ct), await SumAsync(db, f.Id, year, q.Number, Figure.Forecast, ct)));
            }
            var whole = new PeriodFigures(year.ToString(), null, budget, await SumAsync(db, f.Id, year, null, Figure.Committed, ct),
                await SumAsync(db, f.Id, year, null, Figure.Paid, ct), await SumAsync(db, f.Id, year, null, Figure.Forecast, ct));
            result.Add(new FundQuarterFigures(f.Id, f.Code, f.Name, whole, quarters));
        }
        return result;
    }

    /// <summary>The awards, payments and recoveries one figure sums (null when there is no such fund); their total is the figure.</summary>
    public async Task<(string Fund, IReadOnlyList<FigureLine> Lines)?> LinesAsync(int fundId, FinancialYear year, int? quarter, Figure figure, CancellationToken ct = default)
    {
        if (quarter is < 1 or > 4)
        {
            return null;
        }
        await using var db = await factory.CreateDbContextAsync(ct);
        var fund = await db.Funds.Where(f => f.Id == fundId).Select(f => f.Name).FirstOrDefaultAsync(ct);
        if (fund is null)
        {
            return null;
        }
        var (from, to) = Period(year, quarter);
        var lines = new List<FigureLine>();
        if (figure == Figure.Committed && quarter is null)
        {
            lines.AddRange(await Splits(db, fundId, year).OrderBy(x => x.Award.AwardReference)
                .Select(x => new FigureLine(x.Award.Id, x.Award.AwardReference, x.Award.Organisation!.Name, null, null, null, "Share of the award in " + year.ToString(), new Money(x.Split.AmountPence)))
                .ToListAsync(ct));
        }
        if (figure == Figure.Committed && quarter is not null)
        {
            lines.AddRange(await Lines(LiveInstalments(db, fundId, from, to), "Instalment due", ct));
        }
        if (figure == Figure.Committed)
        {
            lines.AddRange(await Lines(PaidPayments(db, fundId, from, to).Where(p => p.Award!.State == AwardStates.Terminated), "Paid before the award was terminated", ct));
            lines.AddRange(await RecoveryLines(Recoveries(db, fundId, from, to).Where(r => r.Award!.State == AwardStates.Terminated), ct));
        }
        if (figure == Figure.Paid)
        {
            lines.AddRange(await Lines(PaidPayments(db, fundId, from, to), "Paid", ct));
            lines.AddRange(await RecoveryLines(Recoveries(db, fundId, from, to), ct));
        }
        if (figure == Figure.Forecast)
        {
            lines.AddRange(await Lines(LiveInstalments(db, fundId, from, to).Where(p => !NotForecast.Contains(p.State)), "To pay", ct));
        }
        return (fund, lines);
    }

    private static async Task<Money> SumAsync(GrantsDbContext db, int fundId, FinancialYear year, int? quarter, Figure figure, CancellationToken ct)
    {
        var (from, to) = Period(year, quarter);
        long pence = figure switch
        {
            Figure.Committed => (quarter is null
                    ? await Splits(db, fundId, year).SumAsync(x => (long?)x.Split.AmountPence, ct) ?? 0
                    : await LiveInstalments(db, fundId, from, to).SumAsync(p => (long?)p.AmountPence, ct) ?? 0)
                + (await PaidPayments(db, fundId, from, to).Where(p => p.Award!.State == AwardStates.Terminated).SumAsync(p => (long?)p.AmountPence, ct) ?? 0)
                + (await Recoveries(db, fundId, from, to).Where(r => r.Award!.State == AwardStates.Terminated).SumAsync(r => (long?)r.AmountPence, ct) ?? 0),
            Figure.Paid => (await PaidPayments(db, fundId, from, to).SumAsync(p => (long?)p.AmountPence, ct) ?? 0)
                + (await Recoveries(db, fundId, from, to).SumAsync(r => (long?)r.AmountPence, ct) ?? 0),
            Figure.Forecast => await LiveInstalments(db, fundId, from, to).Where(p => !NotForecast.Contains(p.State)).SumAsync(p => (long?)p.AmountPence, ct) ?? 0,
        };
        return new Money(pence);
    }

    private static (DateOnly From, DateOnly To) Period(FinancialYear year, int? quarter) =>
        quarter is { } q ? (year.Quarter(q).Start, year.Quarter(q).End) : (year.Start, year.End);

    private static IQueryable<SplitRow> Splits(GrantsDbContext db, int fundId, FinancialYear year) =>
        from s in db.AwardYearSplits
        join a in db.Awards on s.AwardId equals a.Id
        where a.FundId == fundId && s.FinancialYearStart == year.StartYear && a.State != AwardStates.Terminated
        select new SplitRow { Split = s, Award = a };

    private sealed class SplitRow
    {
        public required AwardYearSplit Split { get; init; }
        public required Award Award { get; init; }
    }

    private static IQueryable<Payment> LiveInstalments(GrantsDbContext db, int fundId, DateOnly from, DateOnly to) =>
        db.Payments.Where(p => p.Award!.FundId == fundId && p.Award.State != AwardStates.Terminated && p.PaymentKind == PaymentKind.Instalment
            && p.State != PaymentStates.Cancelled && p.DueDate >= from && p.DueDate <= to);

    private static IQueryable<Payment> PaidPayments(GrantsDbContext db, int fundId, DateOnly from, DateOnly to) =>
        db.Payments.Where(p => p.Award!.FundId == fundId && PaidStates.Contains(p.State) && p.PaidOn >= from && p.PaidOn <= to);

    private static IQueryable<Payments.Recovery> Recoveries(GrantsDbContext db, int fundId, DateOnly from, DateOnly to) =>
        db.Set<Payments.Recovery>().Where(r => r.Award!.FundId == fundId && r.RaisedOn >= from && r.RaisedOn <= to);

    private static Task<List<FigureLine>> Lines(IQueryable<Payment> payments, string what, CancellationToken ct) =>
        payments.OrderBy(p => p.DueDate).ThenBy(p => p.PaymentReference)
            .Select(p => new FigureLine(p.AwardId, p.Award!.AwardReference, p.Award.Organisation!.Name, p.Id, p.PaymentReference, p.PaidOn ?? p.DueDate, what, new Money(p.AmountPence)))
            .ToListAsync(ct);

    private static Task<List<FigureLine>> RecoveryLines(IQueryable<Payments.Recovery> recoveries, CancellationToken ct) =>
        recoveries.OrderBy(r => r.RaisedOn)
            .Select(r => new FigureLine(r.AwardId, r.Award!.AwardReference, r.Award.Organisation!.Name, r.PaymentId, r.InvoiceReference, r.RaisedOn, r.Status == Payments.RecoveryStatus.Received ? "Recovery received" : "Recovery raised", new Money(r.AmountPence)))
            .ToListAsync(ct);
}
