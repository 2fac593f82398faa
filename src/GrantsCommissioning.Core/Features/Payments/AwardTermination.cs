using FluentValidation;
using GrantsCommissioning.Core.Data;
using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Core.Workflow;
using GrantsCommissioning.Core.Workflow.Kinds;
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
/// Terminates an award: the termination (with its recovery) first, then each unpaid payment is cancelled through its
/// own workflow. Each step has its own idempotency key, so running it again after a crash finishes the job and never
/// cancels or recovers twice; until then the payments are refused by <see cref="PaymentBlocks"/>.
/// </summary>
public sealed class AwardTermination(IDbContextFactory<GrantsDbContext> factory, ICaseWorkflow workflow)
{
    private static readonly string[] Unpaid = [PaymentStates.Scheduled, PaymentStates.Held, PaymentStates.Ready, PaymentStates.Authorised];

    public async Task<FeatureResult<int>> TerminateAsync(int awardId, string? reason, TerminationDecision decision, Actor actor, string idempotencyKey,
        int? expectedVersion = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var result = await workflow.FireAsync(new TransitionRequest(new CaseRef(CaseKind.Award, awardId), AwardTriggers.Terminate, actor, idempotencyKey)
        {
            Comment = reason?.Trim(), ExpectedVersion = expectedVersion, Payload = decision,
        }, ct);
        if (!result.Succeeded)
        {
            return FeatureResult<int>.From(result, 0);
        }
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
}
