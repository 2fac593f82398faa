using System.Globalization;
using GrantsCommissioning.Core.Data;
using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Core.Features.Audit;
using GrantsCommissioning.Core.Features.Returns;
using GrantsCommissioning.Core.Workflow;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace GrantsCommissioning.Core.Features.Monitoring;

/// <summary>
/// Close-out. An active award whose end date has passed moves to its final report through the award workflow's
/// guarded EndGrantPeriod (the sweep does what the end-date timer does, for awards imported or left over from before
/// the timer). An award in its final report has a retention held until its final return is accepted: the last
/// <see cref="MonitoringOptions.RetentionPercent"/>% of the award, split off its last unpaid instalment as a Retention
/// payment. Accepting the final return releases it (see <see cref="ReturnReviewService.AcceptAsync"/>).
/// </summary>
public sealed class CloseOut(
    IDbContextFactory<GrantsDbContext> factory, ICaseWorkflow workflow, ReturnReviewService review, AuditTrail audit, IOptions<MonitoringOptions> options, TimeProvider clock)
{
    private static readonly string[] Unpaid = [PaymentStates.Scheduled, PaymentStates.Ready];

    /// <summary>Moves every active award whose end date has passed to its final report, then holds each final-report award's retention. Safe to run again.</summary>
    public async Task<int> SweepAsync(CancellationToken ct = default)
    {
        var today = UkTime.ToUkDate(clock.GetUtcNow());
        List<int> ended;
        await using (var db = await factory.CreateDbContextAsync(ct))
        {
            ended = await db.Awards.Where(a => a.State == AwardStates.Active && a.EndDate < today).OrderBy(a => a.Id).Select(a => a.Id).ToListAsync(ct);
        }
        var moved = 0;
        foreach (var id in ended)
        {
            var result = await workflow.FireAsync(new TransitionRequest(new CaseRef(CaseKind.Award, id), AwardTriggers.EndGrantPeriod, Actor.System, $"end-grant-period:{id}")
            {
                Comment = "The grant period ended.",
            }, ct);
            moved += result.Succeeded ? 1 : 0;
        }
        List<int> finalReport;
        await using (var db = await factory.CreateDbContextAsync(ct))
        {
            finalReport = await db.Awards.Where(a => a.State == AwardStates.FinalReport).OrderBy(a => a.Id).Select(a => a.Id).ToListAsync(ct);
        }
        foreach (var id in finalReport)
        {
            await HoldRetentionAsync(id, ct);
        }
        return moved;
    }

    /// <summary>
    /// Holds the award's retention until its final return is accepted. Nothing happens when the final return is already
    /// accepted, a payment is already held for it, or nothing is left unpaid.
    /// </summary>
    public async Task<FeatureResult<int?>> HoldRetentionAsync(int awardId, CancellationToken ct = default)
    {
        MonitoringReturn? final;
        Payment? last;
        long retention;
        await using (var db = await factory.CreateDbContextAsync(ct))
        {
            var amount = await db.Awards.Where(a => a.Id == awardId).Select(a => a.AmountPence).SingleAsync(ct);
            final = await db.Returns.AsNoTracking().Where(r => r.AwardId == awardId).OrderByDescending(r => r.PeriodEnd).FirstOrDefaultAsync(ct);
            if (final is null || final.State == ReturnStates.Accepted || await db.Payments.AnyAsync(p => p.HeldForReturnId == final.Id, ct))
            {
                return FeatureResult<int?>.Ok(null);
            }
            retention = (long)Math.Round(amount * options.Value.RetentionPercent / 100m, MidpointRounding.AwayFromZero);
            last = await db.Payments.AsNoTracking().Where(p => p.AwardId == awardId && p.PaymentKind == PaymentKind.Instalment && Unpaid.Contains(p.State))
                .OrderByDescending(p => p.DueDate).ThenByDescending(p => p.InstalmentNumber).FirstOrDefaultAsync(ct);
        }
        if (retention <= 0 || last is null)
        {
            return FeatureResult<int?>.Ok(null);
        }
        var held = last.Id;
        if (last.AmountPence > retention)
        {
            var split = await factory.InTransactionAsync(async db =>
            {
                var instalment = await db.Payments.SingleAsync(p => p.Id == last.Id, ct);
                var before = instalment.AmountPence;
                instalment.AmountPence -= retention;
                var payment = new Payment
                {
                    PaymentReference = instalment.PaymentReference + "-RET", AwardId = awardId, PaymentKind = PaymentKind.Retention,
                    InstalmentNumber = instalment.InstalmentNumber, DueDate = final.DueDate > instalment.DueDate ? final.DueDate : instalment.DueDate,
                    AmountPence = retention, RecordedByUserId = instalment.RecordedByUserId,
                };
                workflow.Start(payment, Actor.System);
                db.Payments.Add(payment);
                await db.SaveChangesAsync(ct);
                await audit.AppendAsync(db, Actor.System, "Payment.RetentionSplit", nameof(CaseKind.Payment), instalment.Id.ToString(CultureInfo.InvariantCulture),
                    new { AmountPence = before }, new { instalment.AmountPence, Retention = payment.PaymentReference, RetentionPence = retention }, ct);
                return FeatureResult<int>.Ok(payment.Id);
            }, ct);
            held = split.Value;
        }
        var hold = await review.HoldPaymentAsync(final.Id, held, Actor.System, $"retention-hold:{final.Id}", ct);
        return hold.Succeeded ? FeatureResult<int?>.Ok(held) : FeatureResult<int?>.Fail(hold.Errors);
    }
}

/// <summary>Runs the close-out sweep once the app has started (after the start-up tasks and demo data) and then once a day.</summary>
internal sealed class CloseOutSweepService(CloseOut closeOut, IHostApplicationLifetime lifetime) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource();
        using (lifetime.ApplicationStarted.Register(started.SetResult))
        using (stoppingToken.Register(() => started.TrySetCanceled(stoppingToken)))
        {
            await started.Task;
        }
        using var timer = new PeriodicTimer(TimeSpan.FromDays(1));
        do
        {
            await closeOut.SweepAsync(stoppingToken);
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
