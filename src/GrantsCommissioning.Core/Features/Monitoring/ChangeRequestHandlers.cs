using FluentValidation;
using GrantsCommissioning.Core.Data;
using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Core.Workflow;
using GrantsCommissioning.Core.Workflow.Kinds;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace GrantsCommissioning.Core.Features.Monitoring;

/// <summary>Asking for a change records the typed request, pending, against the award.</summary>
public sealed class RequestChangeHandler(IValidator<ChangeRequestInput> validator) : TransitionHandler<Award, ChangeRequestInput>(validator)
{
    public override CaseKind Kind => CaseKind.Award;

    public override IReadOnlyCollection<string> Triggers => [AwardTriggers.RequestVariation];

    protected override async Task<IReadOnlyList<FieldError>> ValidateAsync(TransitionContext context, Award c, ChangeRequestInput payload, CancellationToken ct)
    {
        if (payload.Kind == ChangeRequestKind.EndDateExtension)
        {
            return payload.NewEndDate <= c.EndDate
                ? [new FieldError(nameof(payload.NewEndDate), $"The new end date must be after the current one, {c.EndDate.ToString("d MMMM yyyy", System.Globalization.CultureInfo.GetCultureInfo("en-GB"))}.")]
                : [];
        }
        return await ChangeRules.VirementProblemsAsync(context.Db, c, payload.FromCostLineId!.Value, payload.ToCostLineId!.Value, payload.Amount!.Value, ct);
    }

    protected override Task ApplyAsync(TransitionContext context, Award c, ChangeRequestInput payload, CancellationToken ct)
    {
        var extension = payload.Kind == ChangeRequestKind.EndDateExtension;
        context.Db.AwardChangeRequests.Add(new AwardChangeRequest
        {
            AwardId = c.Id, Kind = payload.Kind, Reason = payload.Reason.Trim(), PreviousEndDate = extension ? c.EndDate : null,
            NewEndDate = extension ? payload.NewEndDate : null, FromCostLineId = extension ? null : payload.FromCostLineId,
            ToCostLineId = extension ? null : payload.ToCostLineId, AmountPence = extension ? 0 : payload.Amount!.Value.Pence,
            RequestedByUserId = context.Actor.UserId, RequestedByName = context.Actor.DisplayName, RequestedAt = context.Now,
        });
        return Task.CompletedTask;
    }
}

/// <summary>
/// Approving applies the pending change to the award: an extension moves the end date and the return schedule, a
/// virement moves budget between cost lines. A grants officer approves only within the configured share.
/// </summary>
public sealed class ApproveChangeHandler(IOptions<MonitoringOptions> options, ReturnTimetable timetable, WorkflowRegistry registry) : TransitionHandler<Award, NoPayload>
{
    public override CaseKind Kind => CaseKind.Award;

    public override IReadOnlyCollection<string> Triggers => [AwardTriggers.ApproveVariation, AwardTriggers.ApproveWithinShare];

    protected override async Task<IReadOnlyList<FieldError>> ValidateAsync(TransitionContext context, Award c, NoPayload payload, CancellationToken ct)
    {
        var request = await ChangeRules.PendingAsync(context.Db, c.Id, ct);
        if (request is null)
        {
            return [];
        }
        if (context.Request.Trigger == AwardTriggers.ApproveWithinShare && ChangeRules.BeyondOfficer(request, c, options.Value) is { } limit)
        {
            return [new FieldError("", Failures.Message(new BeyondOfficerShare(limit)))];
        }
        return request.Kind == ChangeRequestKind.BudgetVirement
            ? await ChangeRules.VirementProblemsAsync(context.Db, c, request.FromCostLineId!.Value, request.ToCostLineId!.Value, request.Amount, ct)
            : [];
    }

    protected override async Task ApplyAsync(TransitionContext context, Award c, NoPayload payload, CancellationToken ct)
    {
        var request = await ChangeRules.PendingAsync(context.Db, c.Id, ct);
        if (request is null)
        {
            return;
        }
        if (request.Kind == ChangeRequestKind.EndDateExtension)
        {
            await AwardSchedule.ExtendAsync(context, c, request.NewEndDate!.Value, timetable, registry, ct);
        }
        else
        {
            var lines = await context.Db.AwardCostLines.Where(l => l.Id == request.FromCostLineId || l.Id == request.ToCostLineId).ToListAsync(ct);
            lines.Single(l => l.Id == request.FromCostLineId).AmountPence -= request.AmountPence;
            lines.Single(l => l.Id == request.ToCostLineId).AmountPence += request.AmountPence;
        }
        ChangeRules.Decide(request, ChangeRequestStatus.Approved, context);
    }
}

/// <summary>Refusing records the decision on the pending request; the award is unchanged.</summary>
public sealed class RefuseChangeHandler : TransitionHandler<Award, NoPayload>
{
    public override CaseKind Kind => CaseKind.Award;

    public override IReadOnlyCollection<string> Triggers => [AwardTriggers.RejectVariation];

    protected override async Task ApplyAsync(TransitionContext context, Award c, NoPayload payload, CancellationToken ct)
    {
        if (await ChangeRules.PendingAsync(context.Db, c.Id, ct) is { } request)
        {
            ChangeRules.Decide(request, ChangeRequestStatus.Refused, context);
        }
    }
}

internal static class ChangeRules
{
    public static Task<AwardChangeRequest?> PendingAsync(GrantsDbContext db, int awardId, CancellationToken ct) =>
        db.AwardChangeRequests.Where(r => r.AwardId == awardId && r.Status == ChangeRequestStatus.Pending).OrderByDescending(r => r.Id).FirstOrDefaultAsync(ct);

    public static void Decide(AwardChangeRequest request, ChangeRequestStatus status, TransitionContext context)
    {
        request.Status = status;
        request.DecidedByUserId = context.Actor.UserId;
        request.DecidedByName = context.Actor.DisplayName;
        request.DecidedAt = context.Now;
    }

    /// <summary>The officer's limit the change goes beyond, or null when a grants officer may approve it.</summary>
    public static string? BeyondOfficer(AwardChangeRequest request, Award award, MonitoringOptions options)
    {
        if (request.Kind == ChangeRequestKind.BudgetVirement)
        {
            var most = new Money(award.AmountPence * options.OfficerVirementSharePercent / 100);
            return request.Amount > most ? $"virements up to {options.OfficerVirementSharePercent}% of the award, {most}" : null;
        }
        return request.NewEndDate > request.PreviousEndDate!.Value.AddMonths(options.OfficerExtensionMonths)
            ? $"extensions of up to {options.OfficerExtensionMonths} months"
            : null;
    }

    /// <summary>Both lines must be the award's, and the line money leaves must keep at least what has been spent on it.</summary>
    public static async Task<IReadOnlyList<FieldError>> VirementProblemsAsync(GrantsDbContext db, Award award, int fromId, int toId, Money amount, CancellationToken ct)
    {
        var lines = await db.AwardCostLines.AsNoTracking().Where(l => l.AwardId == award.Id && (l.Id == fromId || l.Id == toId)).ToListAsync(ct);
        if (lines.Count != 2)
        {
            return [new FieldError(nameof(ChangeRequestInput.FromCostLineId), "Choose two of this award's cost lines.")];
        }
        var from = lines.Single(l => l.Id == fromId);
        var spent = new Money(await (from r in db.Returns
                                     join s in db.ReturnSpendLines on r.Id equals s.ReturnId
                                     where r.AwardId == award.Id && r.SubmittedAt != null && s.CostLineId == fromId
                                     select s.AmountPence).SumAsync(ct));
        var budget = new Money(from.AmountPence);
        if (budget - amount < spent)
        {
            var failure = new VirementBelowSpent(from.Description, budget, spent, amount);
            return [new FieldError(failure.Field, Failures.Message(failure))];
        }
        return [];
    }
}
