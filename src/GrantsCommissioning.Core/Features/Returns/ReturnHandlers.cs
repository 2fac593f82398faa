using FluentValidation;
using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Core.Features.Monitoring;
using GrantsCommissioning.Core.Features.Organisations;
using GrantsCommissioning.Core.Workflow;
using GrantsCommissioning.Core.Workflow.Kinds;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace GrantsCommissioning.Core.Features.Returns;

public sealed class ReturnSubmissionValidator : AbstractValidator<ReturnSubmission>
{
    public ReturnSubmissionValidator()
    {
        RuleFor(r => r.Narrative).Must(n => !string.IsNullOrWhiteSpace(n)).WithMessage("Describe progress in this period.");
    }
}

/// <summary>
/// Submitting (or resubmitting after a query) is the grantee's sign-off: only an owner of the grantee organisation may
/// send, and their name is recorded. It writes the spend by cost line and indicator values, replacing any earlier
/// figures (a draft's included).
/// </summary>
public sealed class SubmitReturnHandler(IValidator<ReturnSubmission> validator, IOptions<MonitoringOptions> options)
    : TransitionHandler<MonitoringReturn, ReturnSubmission>(validator)
{
    public override CaseKind Kind => CaseKind.MonitoringReturn;

    public override IReadOnlyCollection<string> Triggers => [ReturnTriggers.Submit, ReturnTriggers.Resubmit];

    protected override async Task<IReadOnlyList<FieldError>> ValidateAsync(TransitionContext context, MonitoringReturn c, ReturnSubmission payload, CancellationToken ct)
    {
        var db = context.Db;
        var organisation = await db.Awards.Where(a => a.Id == c.AwardId).Select(a => new { a.OrganisationId, a.Organisation!.Name }).SingleAsync(ct);
        if (await OrganisationService.RoleOfAsync(db, organisation.OrganisationId, context.Actor, ct) != OrganisationRole.Owner)
        {
            // Sending is the sign-off: only an owner of the grantee organisation may do it; other members save drafts.
            return [new FieldError("", Failures.Message(new OwnerSignOffNeeded(organisation.Name)))];
        }
        var lines = await ReturnFiguresReader.LinesAsync(db, c, ct);
        var indicators = await db.AwardIndicators.Where(i => i.AwardId == c.AwardId).Select(i => i.Id).ToListAsync(ct);
        if (payload.SpendByCostLine.Keys.Any(k => lines.All(l => l.Line.Id != k)) || payload.IndicatorValues.Keys.Any(k => !indicators.Contains(k)))
        {
            return [new FieldError(nameof(payload.SpendByCostLine), "Spend and indicator values must be for this award's cost lines and indicators.")];
        }
        return OverBudget(lines, payload, options.Value);
    }

    /// <summary>Spend to date on a line below nothing, or beyond its budget and the tolerance, is refused against that line's field (the form's "Spend[i].Amount").</summary>
    private static List<FieldError> OverBudget(IReadOnlyList<(AwardCostLine Line, Money Before)> lines, ReturnSubmission payload, MonitoringOptions options)
    {
        var errors = new List<FieldError>();
        for (var i = 0; i < lines.Count; i++)
        {
            var (line, before) = lines[i];
            var toDate = before + payload.SpendByCostLine.GetValueOrDefault(line.Id);
            var budget = new Money(line.AmountPence);
            if (toDate.IsNegative)
            {
                errors.Add(new FieldError($"Spend[{i}].Amount", Failures.Message(new SpendBelowZero(line.Description, before))));
            }
            else if (toDate > ReturnChecks.MostAllowed(budget, options))
            {
                errors.Add(new FieldError($"Spend[{i}].Amount", Failures.Message(new SpendOverBudget(line.Description, toDate, budget, options.LineOverspendTolerancePercent))));
            }
        }
        return errors;
    }

    protected override async Task ApplyAsync(TransitionContext context, MonitoringReturn c, ReturnSubmission payload, CancellationToken ct)
    {
        var db = context.Db;
        await db.ReturnSpendLines.Where(l => l.ReturnId == c.Id).ExecuteDeleteAsync(ct);
        await db.ReturnIndicatorValues.Where(v => v.ReturnId == c.Id).ExecuteDeleteAsync(ct);
        db.ReturnSpendLines.AddRange(payload.SpendByCostLine.Select(kv => new ReturnSpendLine { ReturnId = c.Id, CostLineId = kv.Key, AmountPence = kv.Value.Pence }));
        db.ReturnIndicatorValues.AddRange(payload.IndicatorValues.Select(kv => new ReturnIndicatorValue { ReturnId = c.Id, IndicatorId = kv.Key, Value = kv.Value }));
        c.Narrative = payload.Narrative.Trim();
        c.CaseStudy = payload.CaseStudy?.Trim();
        c.Risks = payload.Risks?.Trim();
        c.SubmittedAt = context.Now;
        c.SubmittedByUserId = context.Actor.UserId;
        c.SignedOffAt = context.Now;
        c.SignedOffByUserId = context.Actor.UserId;
        c.SignedOffByName = context.Actor.DisplayName;
    }
}

/// <summary>
/// Accepting a return records who accepted it and when. The officer accepts through the return page's own button
/// (<see cref="ReturnReviewService.AcceptAsync"/>), which also releases a payment held waiting on the return.
/// </summary>
public sealed class AcceptReturnHandler : TransitionHandler<MonitoringReturn, NoPayload>
{
    public override CaseKind Kind => CaseKind.MonitoringReturn;

    public override bool NeedsForm => true;

    public override IReadOnlyCollection<string> Triggers => [ReturnTriggers.Accept];

    protected override Task ApplyAsync(TransitionContext context, MonitoringReturn c, NoPayload payload, CancellationToken ct)
    {
        c.AcceptedAt = context.Now;
        c.AcceptedByUserId = context.Actor.UserId;
        return Task.CompletedTask;
    }
}
