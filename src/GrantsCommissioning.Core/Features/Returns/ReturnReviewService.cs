using System.Globalization;
using GrantsCommissioning.Core.Data;
using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Core.Features.Audit;
using GrantsCommissioning.Core.Workflow;
using Microsoft.EntityFrameworkCore;

namespace GrantsCommissioning.Core.Features.Returns;

/// <summary>One message of a return's query thread: the officer's query, or the grantee's answer.</summary>
public sealed record ThreadMessage(string From, bool FromGrantee, string Text, DateTimeOffset At);

/// <summary>A payment of the return's award that is held waiting on the return.</summary>
public sealed record HeldPayment(int Id, string Reference, Money Amount, DateOnly Due, string State, bool WaitsOnThisReturn);

/// <summary>A return's due date and when its reminder, overdue notice and escalation go.</summary>
public sealed record ReturnTimes(string State, DateOnly Due, DateTimeOffset? RemindAt, DateTimeOffset? OverdueAt, DateTimeOffset? EscalateAt)
{
    /// <summary>
    /// The officer may move the due date until the return is sent; until then its reminder, overdue notice and
    /// escalation are still to come (once it is sent, accepted or cancelled none of them is sent).
    /// </summary>
    public bool CanReschedule => State is ReturnStates.Scheduled or ReturnStates.Due or ReturnStates.Overdue;

    public bool CanAccept => State is ReturnStates.Submitted or ReturnStates.Queried;
}

/// <summary>
/// The officer's side of a return after it is sent, and the grantee's answers: the query thread (read from the return's
/// workflow journal, so it is the record of what was said), accepting (which releases a payment held waiting on the
/// return), and holding a payment until the return is accepted.
/// </summary>
public sealed class ReturnReviewService(IDbContextFactory<GrantsDbContext> factory, ICaseWorkflow workflow, AuditTrail audit)
{
    private static readonly string[] Unsettled = [PaymentStates.Scheduled, PaymentStates.Ready, PaymentStates.Held];

    public const int MaxMessage = 2000;

    public async Task<ReturnTimes?> TimesAsync(int returnId, CancellationToken ct = default)
    {
        var db = await factory.CreateDbContextAsync(ct);
        await using (db)
        {
            return await db.Returns.AsNoTracking().Where(r => r.Id == returnId)
                .Select(r => new ReturnTimes(r.State, r.DueDate, r.RemindAt, r.OverdueAt, r.EscalateAt)).FirstOrDefaultAsync(ct);
        }
    }

    /// <summary>The officer moves the due date of a return not yet sent; its reminder, overdue notice and escalation move with it.</summary>
    public async Task<FeatureResult<bool>> RescheduleAsync(int returnId, DateOnly? dueDate, Actor actor, string idempotencyKey, CancellationToken ct = default)
    {
        if (dueDate is not { } due)
        {
            return FeatureResult<bool>.Fail(new NothingChosen("the new due date", "DueDate"));
        }
        var result = await workflow.FireAsync(
            new TransitionRequest(new CaseRef(CaseKind.MonitoringReturn, returnId), ReturnTriggers.Reschedule, actor, idempotencyKey)
            {
                Comment = $"Due date changed to {due.ToString("d MMMM yyyy", CultureInfo.GetCultureInfo("en-GB"))}.",
                Payload = new Monitoring.ReturnDueDateChange(due),
            }, ct);
        return FeatureResult<bool>.From(result, true);
    }

    public async Task<IReadOnlyList<ThreadMessage>> ThreadAsync(int returnId, CancellationToken ct = default)
    {
        var db = await factory.CreateDbContextAsync(ct);
        await using (db)
        {
            var rows = await db.WorkflowJournal.AsNoTracking()
                .Where(j => j.CaseKind == CaseKind.MonitoringReturn && j.CaseId == returnId && j.Comment != null
                    && (j.Trigger == ReturnTriggers.Query || j.Trigger == ReturnTriggers.Reply || (j.ToState == ReturnStates.Queried && j.FromState != ReturnStates.Queried)))
                .OrderBy(j => j.Sequence).Select(j => new { j.ActorName, j.Trigger, j.Comment, j.OccurredAt }).ToListAsync(ct);
            return rows.Select(r => new ThreadMessage(r.ActorName, r.Trigger == ReturnTriggers.Reply, r.Comment!, r.OccurredAt)).ToList();
        }
    }

    /// <summary>The grantee answers the officer's query (the return stays queried until it is resubmitted or accepted).</summary>
    public async Task<FeatureResult<bool>> ReplyAsync(int returnId, string? text, Actor actor, string idempotencyKey, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return FeatureResult<bool>.Fail(new ReasonNeeded("Write your answer to the query.", "Answer"));
        }
        if (text.Trim().Length > MaxMessage)
        {
            return FeatureResult<bool>.Fail(new ReasonNeeded($"The answer must be {MaxMessage:#,0} characters or fewer.", "Answer"));
        }
        var result = await workflow.FireAsync(
            new TransitionRequest(new CaseRef(CaseKind.MonitoringReturn, returnId), ReturnTriggers.Reply, actor, idempotencyKey) { Comment = text.Trim() }, ct);
        return FeatureResult<bool>.From(result, true);
    }

    /// <summary>
    /// Accepts the return, then makes ready each payment held waiting on it. Asking again once the return is accepted
    /// releases any such payment still held (the releases' keys derive from <paramref name="idempotencyKey"/>).
    /// </summary>
    public async Task<FeatureResult<bool>> AcceptAsync(int returnId, Actor actor, string idempotencyKey, int? expectedVersion = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var accepted = await workflow.FireAsync(
            new TransitionRequest(new CaseRef(CaseKind.MonitoringReturn, returnId), ReturnTriggers.Accept, actor, idempotencyKey) { ExpectedVersion = expectedVersion }, ct);
        if (!accepted.Succeeded && accepted.State != ReturnStates.Accepted)
        {
            return FeatureResult<bool>.From(accepted, true);
        }
        List<(int Id, string Reference)> held;
        string reference;
        var db = await factory.CreateDbContextAsync(ct);
        await using (db)
        {
            reference = await db.Returns.Where(r => r.Id == returnId).Select(r => r.ReturnReference).FirstAsync(ct);
            held = (await db.Payments.Where(p => p.HeldForReturnId == returnId && p.State == PaymentStates.Held).Select(p => new { p.Id, p.PaymentReference }).ToListAsync(ct))
                .Select(p => (p.Id, p.PaymentReference)).ToList();
        }
        var finalReport = await FinalReportAsync(returnId, ct);
        if (finalReport is { } award)
        {
            held = await SettleUnpaidAsync(award, returnId, idempotencyKey, ct);
        }
        foreach (var (id, _) in held)
        {
            var release = await workflow.FireAsync(
                new TransitionRequest(new CaseRef(CaseKind.Payment, id), PaymentTriggers.Release, actor, $"{idempotencyKey}:release:{id}")
                {
                    Comment = $"Monitoring return {reference} was accepted.",
                }, ct);
            if (!release.Succeeded)
            {
                return FeatureResult<bool>.From(release, true);
            }
        }
        if (finalReport is { } ending)
        {
            // The final report accepted: the award closes (the Close handler raises a recovery for any underspend).
            var close = await workflow.FireAsync(new TransitionRequest(new CaseRef(CaseKind.Award, ending), AwardTriggers.Close, actor, $"{idempotencyKey}:close")
            {
                Comment = $"Final report {reference} accepted.",
            }, ct);
            if (!close.Succeeded && close.State != AwardStates.Closed)
            {
                return FeatureResult<bool>.From(close, true);
            }
        }
        return FeatureResult<bool>.Ok(true);
    }

    /// <summary>The award's id when it is in its final report and this is its last return, every return now accepted; otherwise null.</summary>
    private async Task<int?> FinalReportAsync(int returnId, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var r = await db.Returns.AsNoTracking().Where(x => x.Id == returnId).Select(x => new { x.AwardId, x.PeriodEnd, x.Award!.State }).FirstAsync(ct);
        if (r.State != AwardStates.FinalReport
            || await db.Returns.AnyAsync(x => x.AwardId == r.AwardId && (x.PeriodEnd > r.PeriodEnd || x.State != ReturnStates.Accepted), ct))
        {
            return null;
        }
        return r.AwardId;
    }

    /// <summary>
    /// Close-out settles every payment of the award not yet paid (each instalment, the retention held for the final
    /// report), oldest due first: only what the final spend still needs is paid. A payment not needed (spend covered by
    /// the payments made or authorised) is cancelled, one partly needed is reduced. Returns the payments held for the
    /// final return that are still to be paid, to release.
    /// </summary>
    private async Task<List<(int Id, string Reference)>> SettleUnpaidAsync(int awardId, int returnId, string idempotencyKey, CancellationToken ct)
    {
        var release = new List<(int Id, string Reference)>();
        long owed;
        List<Payment> unpaid;
        await using (var db = await factory.CreateDbContextAsync(ct))
        {
            var authorised = await db.Payments.Where(p => p.AwardId == awardId && p.PaymentKind != PaymentKind.Recovery && p.State == PaymentStates.Authorised)
                .SumAsync(p => p.AmountPence, ct);
            owed = await SpendAsync(db, awardId, ct) - (await Payments.AwardSpend.NetPaidAsync(db, awardId, ct)).Pence - authorised;
            unpaid = await db.Payments.AsNoTracking()
                .Where(p => p.AwardId == awardId && p.PaymentKind != PaymentKind.Recovery && Unsettled.Contains(p.State))
                .OrderBy(p => p.DueDate).ThenBy(p => p.InstalmentNumber).ThenBy(p => p.Id).ToListAsync(ct);
        }
        foreach (var p in unpaid)
        {
            var heldHere = p.State == PaymentStates.Held && p.HeldForReturnId == returnId;
            if (owed <= 0)
            {
                var cancel = await workflow.FireAsync(new TransitionRequest(new CaseRef(CaseKind.Payment, p.Id), PaymentTriggers.Cancel, Actor.System, $"{idempotencyKey}:settle:{p.Id}")
                {
                    Comment = "Not needed: the final report's spend is covered by the payments already made.",
                }, ct);
                if (!cancel.Succeeded && cancel.State != PaymentStates.Cancelled && heldHere)
                {
                    release.Add((p.Id, p.PaymentReference));
                }
                continue;
            }
            var amount = p.AmountPence;
            if (owed < amount)
            {
                var reduced = owed;
                await factory.InTransactionAsync(async db =>
                {
                    var payment = await db.Payments.SingleAsync(x => x.Id == p.Id, ct);
                    await audit.AppendAsync(db, Actor.System, p.PaymentKind == PaymentKind.Retention ? "Payment.RetentionReduced" : "Payment.ReducedAtCloseOut",
                        nameof(CaseKind.Payment), p.Id.ToString(CultureInfo.InvariantCulture), new { payment.AmountPence }, new { AmountPence = reduced }, ct);
                    payment.AmountPence = reduced;
                    return FeatureResult<bool>.Ok(true);
                }, ct);
                amount = reduced;
            }
            owed -= amount;
            if (heldHere)
            {
                release.Add((p.Id, p.PaymentReference));
            }
        }
        return release;
    }

    /// <summary>Spend to date on the award: every sent return's spend lines.</summary>
    internal static async Task<long> SpendAsync(GrantsDbContext db, int awardId, CancellationToken ct) =>
        await (from r in db.Returns
               join s in db.ReturnSpendLines on r.Id equals s.ReturnId
               where r.AwardId == awardId && r.SubmittedAt != null
               select s.AmountPence).SumAsync(ct);

    /// <summary>The award's payments not yet paid, marked where one is held waiting on this return.</summary>
    public async Task<IReadOnlyList<HeldPayment>> PaymentsAsync(int returnId, CancellationToken ct = default)
    {
        var db = await factory.CreateDbContextAsync(ct);
        await using (db)
        {
            var awardId = await db.Returns.Where(r => r.Id == returnId).Select(r => (int?)r.AwardId).FirstOrDefaultAsync(ct);
            string[] open = [PaymentStates.Scheduled, PaymentStates.Held, PaymentStates.Ready];
            var rows = await db.Payments.AsNoTracking().Where(p => p.AwardId == awardId && open.Contains(p.State) && p.PaymentKind != PaymentKind.Recovery)
                .OrderBy(p => p.DueDate).ToListAsync(ct);
            return rows.Select(p => new HeldPayment(p.Id, p.PaymentReference, p.Amount, p.DueDate, p.State, p.HeldForReturnId == returnId && p.State == PaymentStates.Held)).ToList();
        }
    }

    /// <summary>Holds one of the award's payments until this return is accepted (the payment workflow's Hold, with the reason).</summary>
    public async Task<FeatureResult<bool>> HoldPaymentAsync(int returnId, int paymentId, Actor actor, string idempotencyKey, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var payments = await PaymentsAsync(returnId, ct);
        if (payments.All(p => p.Id != paymentId))
        {
            return FeatureResult<bool>.Fail(new NothingChosen("a payment of this award that has not been paid", "PaymentId"));
        }
        string reference;
        var db = await factory.CreateDbContextAsync(ct);
        await using (db)
        {
            reference = await db.Returns.Where(r => r.Id == returnId).Select(r => r.ReturnReference).FirstAsync(ct);
        }
        var reason = $"Held until monitoring return {reference} is accepted.";
        var hold = await workflow.FireAsync(
            new TransitionRequest(new CaseRef(CaseKind.Payment, paymentId), PaymentTriggers.Hold, actor, idempotencyKey) { Comment = reason }, ct);
        if (!hold.Succeeded)
        {
            return FeatureResult<bool>.From(hold, true);
        }
        return await factory.InTransactionAsync(async w =>
        {
            var payment = await w.Payments.FirstAsync(p => p.Id == paymentId, ct);
            payment.HeldForReturnId = returnId;
            payment.HoldReason = reason;
            await audit.AppendAsync(w, actor, "Payment.HeldForReturn", nameof(CaseKind.Payment), paymentId.ToString(CultureInfo.InvariantCulture), null,
                new { returnId, reason }, ct);
            return FeatureResult<bool>.Ok(true);
        }, ct);
    }
}
