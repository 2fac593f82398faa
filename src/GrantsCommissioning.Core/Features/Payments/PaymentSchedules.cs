using System.Globalization;
using FluentValidation;
using GrantsCommissioning.Core.Data;
using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Core.Features.Audit;
using GrantsCommissioning.Core.Features.Funds;
using GrantsCommissioning.Core.Workflow;
using GrantsCommissioning.Core.Workflow.Timers;
using Microsoft.EntityFrameworkCore;

namespace GrantsCommissioning.Core.Features.Payments;

/// <summary>One instalment as the schedule page shows it; <see cref="Editable"/> until it is authorised or paid.</summary>
public sealed record ScheduleLine(int PaymentId, string Reference, int Number, DateOnly Due, Money Amount, string State, PaymentBasis Basis,
    string? Justification, InstalmentCondition Condition, int? ReturnId, string? ReturnReference, string? Document, DateTimeOffset? DocumentReceivedAt,
    string? HoldReason, bool Editable);

public sealed record ScheduleReturn(int Id, string Reference, DateOnly Due);

/// <summary>An award's payment schedule: the instalments made (fixed), those still to come (editable), and its open returns.</summary>
public sealed record ScheduleView(int AwardId, string AwardReference, string Title, string AwardState, Money Amount, DateOnly Start, DateOnly End,
    Money Made, IReadOnlyList<ScheduleLine> Lines, IReadOnlyList<ScheduleReturn> OpenReturns)
{
    /// <summary>The schedule can change while the award runs and something is still to be paid.</summary>
    public bool CanChange => AwardState is AwardStates.Active or AwardStates.VariationRequested && Lines.Any(l => l.Editable);
}

/// <summary>
/// Grants officers and finance change an award's payment schedule before its payments are made: dates, amounts,
/// advance or arrears (an advance with its justification), and what each instalment waits for. The instalments still
/// add up to the award, the fund's cap is checked for any year that gains, the award's year profile and payment basis
/// follow the schedule, and an instalment with an unmet condition is held with the reason through the payment workflow.
/// </summary>
public sealed class PaymentSchedules(IDbContextFactory<GrantsDbContext> factory, ICaseWorkflow workflow, WorkflowRegistry registry, AuditTrail audit,
    IWorkflowSignals signals, TimeProvider clock)
{
    public const string ChangedAction = "Award.ScheduleChanged";
    public const string DocumentReceivedAction = "Payment.DocumentReceived";
    private static readonly ScheduleInputValidator Rules = new();
    private static readonly string[] Editable = [PaymentStates.Scheduled, PaymentStates.Held, PaymentStates.Ready];
    private static readonly string[] Gone = [PaymentStates.Cancelled];

    public static bool MayChange(Actor actor) => actor is not null && (actor.IsInRole(Roles.GrantsOfficer) || actor.IsInRole(Roles.Finance));

    public async Task<ScheduleView?> GetAsync(int awardId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await ViewAsync(db, awardId, ct);
    }

    private static async Task<ScheduleView?> ViewAsync(GrantsDbContext db, int awardId, CancellationToken ct)
    {
        var award = await db.Awards.AsNoTracking().Where(a => a.Id == awardId)
            .Select(a => new { a.Id, a.AwardReference, a.Title, a.State, a.AmountPence, a.StartDate, a.EndDate }).FirstOrDefaultAsync(ct);
        if (award is null)
        {
            return null;
        }
        var payments = await db.Payments.AsNoTracking().Where(p => p.AwardId == awardId && p.PaymentKind != PaymentKind.Recovery && !Gone.Contains(p.State))
            .OrderBy(p => p.DueDate).ThenBy(p => p.InstalmentNumber).ToListAsync(ct);
        var returns = await db.Returns.AsNoTracking().Where(r => r.AwardId == awardId).OrderBy(r => r.DueDate)
            .Select(r => new { r.Id, r.ReturnReference, r.DueDate, r.State }).ToListAsync(ct);
        var lines = payments.Select(p => new ScheduleLine(p.Id, p.PaymentReference, p.InstalmentNumber, p.DueDate, p.Amount, p.State, p.Basis, p.AdvanceJustification,
            p.ConditionDocument is not null ? InstalmentCondition.DocumentReceived : p.HeldForReturnId is not null ? InstalmentCondition.ReturnAccepted : InstalmentCondition.None,
            p.HeldForReturnId, returns.FirstOrDefault(r => r.Id == p.HeldForReturnId)?.ReturnReference, p.ConditionDocument, p.DocumentReceivedAt, p.HoldReason,
            Editable.Contains(p.State))).ToList();
        var made = Money.Sum(lines.Where(l => !l.Editable).Select(l => l.Amount));
        return new ScheduleView(award.Id, award.AwardReference, award.Title, award.State, new Money(award.AmountPence), award.StartDate, award.EndDate, made, lines,
            returns.Where(r => r.State != ReturnStates.Accepted).Select(r => new ScheduleReturn(r.Id, r.ReturnReference, r.DueDate)).ToList());
    }

    /// <summary>
    /// Saves the instalments still to come as <paramref name="input"/> leaves them (instalments left out are removed),
    /// then holds each whose condition is unmet and releases each held for a condition it no longer has: rows, audit,
    /// and those transitions in one transaction, so a step refused or a fault part-way leaves the schedule as it was.
    /// Each transition has its own idempotency key derived from <paramref name="idempotencyKey"/>.
    /// </summary>
    public async Task<FeatureResult<int>> SaveAsync(int awardId, ScheduleInput input, Actor actor, string idempotencyKey, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(actor);
        if (!MayChange(actor))
        {
            return FeatureResult<int>.Fail(new RoleNeeded("a grants officer or the finance team", "change a payment schedule"));
        }
        var view = await GetAsync(awardId, ct);
        if (view is null)
        {
            return FeatureResult<int>.Fail(new NotFound("award"));
        }
        if (!view.CanChange)
        {
            return FeatureResult<int>.Fail(new Refused($"The payment schedule of {view.AwardReference} cannot change now: the award is not running or all its payments have been made."));
        }
        var context = new ValidationContext<ScheduleInput>(input);
        context.RootContextData[ScheduleInputValidator.ScheduleKey] = view;
        var validation = await Rules.ValidateAsync(context, ct);
        if (!validation.IsValid)
        {
            return FeatureResult<int>.Invalid(validation);
        }
        var kept = input.Instalments.Where(r => r.PaymentId is not null).Select(r => r.PaymentId!.Value).ToHashSet();
        var removed = view.Lines.Where(l => l.Editable && !kept.Contains(l.PaymentId)).Select(l => l.PaymentId).ToList();
        var saved = await factory.InTransactionAsync(async db =>
        {
            var award = await db.Awards.Include(a => a.YearSplits).FirstAsync(a => a.Id == awardId, ct);
            var payments = await db.Payments.Where(p => p.AwardId == awardId && p.PaymentKind != PaymentKind.Recovery && !Gone.Contains(p.State)).ToListAsync(ct);
            var before = payments.Select(Image).ToList();
            var next = payments.Count == 0 ? 1 : await db.Payments.Where(p => p.AwardId == awardId).MaxAsync(p => p.InstalmentNumber, ct) + 1;
            foreach (var row in input.Instalments)
            {
                var payment = row.PaymentId is { } id ? payments.Single(p => p.Id == id) : null;
                if (payment is null)
                {
                    payment = new Payment { PaymentReference = $"{award.AwardReference}-P{next}", PaymentKind = PaymentKind.Instalment, InstalmentNumber = next++, AwardId = awardId };
                    Fill(payment, row);
                    workflow.Start(payment, actor);
                    db.Payments.Add(payment);
                    payments.Add(payment);
                    continue;
                }
                var moved = payment.DueDate != row.Due;
                Fill(payment, row);
                if (moved && payment.State == PaymentStates.Scheduled)
                {
                    await ReplanAsync(db, payment, ct);
                }
            }
            var live = payments.Where(p => !removed.Contains(p.Id)).ToList();
            var profile = live.GroupBy(p => FinancialYear.Containing(p.DueDate)).ToDictionary(g => g.Key, g => new Money(g.Sum(p => p.AmountPence)));
            var gains = profile.Select(y => (y.Key, y.Value - new Money(award.YearSplits.Where(s => s.FinancialYearStart == y.Key.StartYear).Sum(s => s.AmountPence))))
                .Where(y => y.Item2.Pence > 0).ToList();
            if (await CommitmentCap.CheckAsync(db, award.FundId, gains, [], ct) is { } over)
            {
                return FeatureResult<int>.Fail(over switch
                {
                    OverCap cap => ScheduleOverCap.Of(award.AwardReference, cap),
                    NoBudget none => none with { OnField = nameof(ScheduleInput.Instalments) },
                    _ => over,
                });
            }
            db.RemoveRange(award.YearSplits);
            award.YearSplits = profile.Select(y => new AwardYearSplit { AwardId = awardId, FinancialYearStart = y.Key.StartYear, AmountPence = y.Value.Pence }).ToList();
            (award.PaymentBasis, award.AdvanceJustification) = BasisOf(live);
            await db.SaveChangesAsync(ct);
            await audit.AppendAsync(db, actor, ChangedAction, nameof(CaseKind.Award), awardId.ToString(CultureInfo.InvariantCulture), before,
                new { instalments = live.Select(Image).ToList(), removed }, ct);
            await db.SaveChangesAsync(ct);
            foreach (var id in removed)
            {
                var remove = await workflow.FireWithinAsync(db, new TransitionRequest(new CaseRef(CaseKind.Payment, id), PaymentTriggers.Remove, actor, $"{idempotencyKey}:remove:{id}")
                {
                    Comment = $"Removed from the payment schedule of {view.AwardReference}.",
                }, ct);
                if (!remove.Succeeded)
                {
                    return FeatureResult<int>.From(remove, 0);
                }
            }
            return await HoldUnmetAsync(db, live, actor, idempotencyKey, ct) ?? FeatureResult<int>.Ok(live.Count);
        }, ct);
        if (saved.Succeeded)
        {
            signals.Changed();
        }
        return saved;
    }

    /// <summary>Records that an instalment's document has come in, then releases the instalment if it was held for it.</summary>
    public async Task<FeatureResult<bool>> DocumentReceivedAsync(int paymentId, Actor actor, string idempotencyKey, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!MayChange(actor))
        {
            return FeatureResult<bool>.Fail(new RoleNeeded("a grants officer or the finance team", "record a document as received"));
        }
        var recorded = await factory.InTransactionAsync(async db =>
        {
            var payment = await db.Payments.FirstOrDefaultAsync(p => p.Id == paymentId, ct);
            if (payment?.ConditionDocument is null || payment.DocumentReceivedAt is not null)
            {
                return FeatureResult<bool>.Fail(new NothingChosen("an instalment waiting for a document", nameof(ScheduleInput.Instalments)));
            }
            payment.DocumentReceivedAt = clock.GetUtcNow();
            payment.DocumentReceivedByName = actor.DisplayName;
            await db.SaveChangesAsync(ct);
            await audit.AppendAsync(db, actor, DocumentReceivedAction, nameof(CaseKind.Payment), paymentId.ToString(CultureInfo.InvariantCulture), null,
                new { document = payment.ConditionDocument }, ct);
            return FeatureResult<bool>.Ok(true);
        }, ct);
        if (!recorded.Succeeded)
        {
            return recorded;
        }
        await using var read = await factory.CreateDbContextAsync(ct);
        var held = await read.Payments.AsNoTracking().Where(p => p.Id == paymentId).Select(p => new { p.State, p.ConditionDocument }).FirstAsync(ct);
        if (held.State != PaymentStates.Held)
        {
            return recorded;
        }
        var release = await workflow.FireAsync(new TransitionRequest(new CaseRef(CaseKind.Payment, paymentId), PaymentTriggers.Release, actor, $"{idempotencyKey}:release")
        {
            Comment = $"{held.ConditionDocument} was received.",
        }, ct);
        return FeatureResult<bool>.From(release, true);
    }

    /// <summary>
    /// Inside the save's transaction: holds each instalment still to come whose condition is unmet, with the reason, and
    /// releases each held for a condition it no longer has; the first transition refused is returned and nothing is kept.
    /// </summary>
    private async Task<FeatureResult<int>?> HoldUnmetAsync(GrantsDbContext db, IReadOnlyList<Payment> live, Actor actor, string idempotencyKey, CancellationToken ct)
    {
        foreach (var p in live.Where(p => Editable.Contains(p.State)).ToList())
        {
            var unmet = await PaymentConditions.UnmetAsync(db, p, ct) is null ? null : await ReasonAsync(db, p, ct);
            TransitionRequest? request = (p.State, unmet) switch
            {
                (not PaymentStates.Held, { } reason) => new(new CaseRef(CaseKind.Payment, p.Id), PaymentTriggers.Hold, actor, $"{idempotencyKey}:hold:{p.Id}") { Comment = reason },
                (PaymentStates.Held, null) when p.HoldReason is not null && p.HoldReason.StartsWith("Held until ", StringComparison.Ordinal) =>
                    new(new CaseRef(CaseKind.Payment, p.Id), PaymentTriggers.Release, actor, $"{idempotencyKey}:release:{p.Id}") { Comment = "The instalment no longer waits on a condition." },
                _ => null,
            };
            if (request is not null && await workflow.FireWithinAsync(db, request, ct) is { Succeeded: false } failed)
            {
                return FeatureResult<int>.From(failed, 0);
            }
        }
        return null;
    }

    private static async Task<string> ReasonAsync(GrantsDbContext db, Payment p, CancellationToken ct) => p.ConditionDocument is { } document && p.DocumentReceivedAt is null
        ? PaymentConditions.AwaitingDocument(document)
        : PaymentConditions.AwaitingReturn(await db.Returns.Where(r => r.Id == p.HeldForReturnId).Select(r => r.ReturnReference).FirstAsync(ct));

    private static void Fill(Payment payment, InstalmentInput row)
    {
        payment.DueDate = row.Due!.Value;
        payment.AmountPence = Money.TryParse(row.Amount, out var m) ? m.Pence : throw new FormatException("The amount was not checked.");
        payment.Basis = row.Basis;
        payment.AdvanceJustification = row.Basis == PaymentBasis.Advance ? row.Justification!.Trim() : null;
        payment.HeldForReturnId = row.Condition == InstalmentCondition.ReturnAccepted ? row.ReturnId : null;
        var document = row.Condition == InstalmentCondition.DocumentReceived ? row.Document!.Trim() : null;
        if (document != payment.ConditionDocument)
        {
            (payment.ConditionDocument, payment.DocumentReceivedAt, payment.DocumentReceivedByName) = (document, null, null);
        }
    }

    private async Task ReplanAsync(GrantsDbContext db, Payment payment, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var pending = await db.WorkflowTimers.Where(t => t.CaseKind == CaseKind.Payment && t.CaseId == payment.Id && t.Status == WorkflowTimerStatus.Pending).ToListAsync(ct);
        TimerPlanner.CancelPending(pending, now);
        TimerPlanner.ScheduleFor(db, registry.Get(CaseKind.Payment, payment.WorkflowVersion).Definition, payment, payment.State, now, now);
    }

    /// <summary>The award's basis as its schedule has it: in advance when any instalment is, with each advance's justification.</summary>
    public static (PaymentBasis Basis, string? Justification) BasisOf(IEnumerable<Payment> instalments)
    {
        var advances = instalments.Where(p => p.Basis == PaymentBasis.Advance).OrderBy(p => p.DueDate).ToList();
        return advances.Count == 0
            ? (PaymentBasis.Arrears, null)
            : (PaymentBasis.Advance, string.Join(" ", advances.Select(p => p.AdvanceJustification).Distinct()));
    }

    private static object Image(Payment p) => new
    {
        p.PaymentReference, p.DueDate, p.AmountPence, basis = p.Basis.ToString(), p.AdvanceJustification, p.HeldForReturnId, p.ConditionDocument,
    };
}
