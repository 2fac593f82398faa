using FluentValidation;
using GrantsCommissioning.Core.Data;
using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Core.Workflow;
using GrantsCommissioning.Core.Workflow.Kinds;
using GrantsCommissioning.Core.Workflow.Timers;
using Microsoft.EntityFrameworkCore;

namespace GrantsCommissioning.Core.Features.Payments;

/// <summary>What a termination decision names: the amount to recover (none when nothing was paid) and the invoice raised for it.</summary>
public sealed record TerminationDecision(Money Recovery, string? InvoiceReference) : ITransitionPayload;

public sealed class TerminationDecisionValidator : AbstractValidator<TerminationDecision>
{
    public TerminationDecisionValidator()
    {
        RuleFor(p => p.Recovery).Must(a => !a.IsNegative).WithMessage("Enter the amount to recover, or £0.00 if nothing is to be recovered.");
        RuleFor(p => p.InvoiceReference)
            .Must(r => !string.IsNullOrWhiteSpace(r) && r.Trim().Length <= 40)
            .When(p => p.Recovery.Pence > 0)
            .WithMessage("Enter the recovery invoice reference (up to 40 characters).");
    }
}

/// <summary>Terminating an award raises the recovery the decision names, up to what has been paid on it.</summary>
public sealed class TerminateAwardHandler(IValidator<TerminationDecision> validator) : TransitionHandler<Award, TerminationDecision>(validator)
{
    public override CaseKind Kind => CaseKind.Award;

    public override IReadOnlyCollection<string> Triggers => [AwardTriggers.Terminate];

    protected override async Task<IReadOnlyList<FieldError>> ValidateAsync(TransitionContext context, Award c, TerminationDecision payload, CancellationToken ct)
    {
        var spent = await AwardSpend.NetPaidAsync(context.Db, c.Id, ct);
        var errors = new List<FieldError>();
        if (payload.Recovery > spent)
        {
            errors.Add(new FieldError(nameof(TerminationDecision.Recovery), $"You cannot recover more than has been paid on the award and not yet recovered ({spent})."));
        }
        if (payload.Recovery.Pence > 0)
        {
            errors.AddRange(await Recoveries.InvoiceUnusedAsync(context, payload.InvoiceReference, ct));
        }
        return errors;
    }

    protected override Task ApplyAsync(TransitionContext context, Award c, TerminationDecision payload, CancellationToken ct)
    {
        if (payload.Recovery.Pence > 0)
        {
            Recoveries.Raise(context, c.Id, null, payload.Recovery, UkTime.ToUkDate(context.Now), payload.InvoiceReference!,
                "Award terminated: " + (context.Request.Comment?.Trim() ?? ""));
        }
        return Task.CompletedTask;
    }
}

/// <summary>
/// Terminates an award. In one transaction: the termination (with its recovery) and the cancelling of each of the
/// award's returns not yet accepted (so no reminder, overdue notice or escalation follows), with the reason in each
/// return's journal; if any of it is refused, nothing is kept. Then each unpaid payment is cancelled through its own
/// workflow. Each step has its own idempotency key, so running it again after a crash finishes the job and never
/// cancels or recovers twice; until then the payments are refused by <see cref="PaymentBlocks"/>.
/// </summary>
public sealed class AwardTermination(IDbContextFactory<GrantsDbContext> factory, ICaseWorkflow workflow, WorkflowRegistry registry, IWorkflowSignals signals)
{
    private static readonly string[] Unpaid = [PaymentStates.Scheduled, PaymentStates.Held, PaymentStates.Ready, PaymentStates.Authorised];

    public async Task<FeatureResult<int>> TerminateAsync(int awardId, string? reason, TerminationDecision decision, Actor actor, string idempotencyKey,
        int? expectedVersion = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var terminated = await factory.InTransactionAsync(async db =>
        {
            var result = await workflow.FireWithinAsync(db, new TransitionRequest(new CaseRef(CaseKind.Award, awardId), AwardTriggers.Terminate, actor, idempotencyKey)
            {
                Comment = reason?.Trim(), ExpectedVersion = expectedVersion, Payload = decision,
            }, ct);
            if (!result.Succeeded)
            {
                return FeatureResult<int>.From(result, 0);
            }
            return await CancelReturnsAsync(db, awardId, reason, actor, idempotencyKey, ct) ?? FeatureResult<int>.Ok(0);
        }, ct);
        if (!terminated.Succeeded)
        {
            return terminated;
        }
        signals.Changed();
        List<int> unpaid;
        await using (var db = await factory.CreateDbContextAsync(ct))
        {
            unpaid = await db.Payments.Where(p => p.AwardId == awardId && Unpaid.Contains(p.State)).Select(p => p.Id).ToListAsync(ct);
        }
        var cancelled = 0;
        foreach (var id in unpaid)
        {
            var cancel = await workflow.FireAsync(new TransitionRequest(new CaseRef(CaseKind.Payment, id), PaymentTriggers.Cancel, actor, $"{idempotencyKey}:cancel:{id}")
            {
                Comment = "Award terminated: " + reason?.Trim(),
            }, ct);
            cancelled += cancel.Succeeded ? 1 : 0;
        }
        return FeatureResult<int>.Ok(cancelled);
    }

    /// <summary>
    /// Inside the termination's transaction: cancels each return of the award not yet accepted whose definition can be
    /// cancelled (monitoring-return v4 on; a return started on an older version keeps it and is left as it is). The first
    /// refusal is returned, so the caller keeps nothing.
    /// </summary>
    private async Task<FeatureResult<int>?> CancelReturnsAsync(GrantsDbContext db, int awardId, string? reason, Actor actor, string idempotencyKey, CancellationToken ct)
    {
        var open = await db.Returns.AsNoTracking().Where(r => r.AwardId == awardId && ReturnStates.Open.Contains(r.State))
            .OrderBy(r => r.PeriodStart).ThenBy(r => r.Id).Select(r => new { r.Id, r.State, r.WorkflowVersion }).ToListAsync(ct);
        foreach (var r in open.Where(r => registry.Get(CaseKind.MonitoringReturn, r.WorkflowVersion).Definition.FindTransition(r.State, ReturnTriggers.Cancel) is not null))
        {
            var cancel = await workflow.FireWithinAsync(db, new TransitionRequest(new CaseRef(CaseKind.MonitoringReturn, r.Id), ReturnTriggers.Cancel, actor,
                $"{idempotencyKey}:cancel-return:{r.Id}")
            {
                Comment = "Award terminated: " + reason?.Trim(),
            }, ct);
            if (!cancel.Succeeded)
            {
                return FeatureResult<int>.From(cancel, 0);
            }
        }
        return null;
    }
}
