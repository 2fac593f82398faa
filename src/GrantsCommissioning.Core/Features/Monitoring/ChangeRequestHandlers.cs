using System.Globalization;
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
        switch (payload.Kind)
        {
            case ChangeRequestKind.EndDateExtension:
                return payload.NewEndDate <= c.EndDate
                    ? [new FieldError(nameof(payload.NewEndDate), $"The new end date must be after the current one, {c.EndDate.ToString("d MMMM yyyy", System.Globalization.CultureInfo.GetCultureInfo("en-GB"))}.")]
                    : [];
            case ChangeRequestKind.BudgetVirement:
                return await ChangeRules.VirementProblemsAsync(context.Db, c, payload.FromCostLineId!.Value, payload.ToCostLineId!.Value, payload.Amount!.Value, ct);
            case ChangeRequestKind.ScopeChange:
                return await ChangeRules.ScopeProblemsAsync(context.Db, c, payload, ct);
            default:
                return ChangeRules.ContactProblems(c, payload);
        }
    }

    protected override async Task ApplyAsync(TransitionContext context, Award c, ChangeRequestInput payload, CancellationToken ct)
    {
        var target = payload.IndicatorId is { } id && payload.Kind == ChangeRequestKind.ScopeChange
            ? await context.Db.AwardIndicators.Where(i => i.Id == id).Select(i => (double?)i.Target).FirstOrDefaultAsync(ct)
            : null;
        context.Db.AwardChangeRequests.Add(ChangeRules.Record(c, payload, target, context.Actor, context.Now));
    }
}

/// <summary>
/// Approving applies the pending change to the award: an extension moves the end date and the return schedule, a
/// virement moves budget between cost lines, a change of scope the purpose or an outcome's target, a change of lead
/// contact the award's contact. A grants officer approves only within the configured share. Offered only through the
/// decision page (/cases/awards/{id}/change/decide), so nobody approves a change without seeing what it sets.
/// </summary>
public sealed class ApproveChangeHandler(IOptions<MonitoringOptions> options, ReturnTimetable timetable, WorkflowRegistry registry) : TransitionHandler<Award, NoPayload>
{
    public override CaseKind Kind => CaseKind.Award;

    public override IReadOnlyCollection<string> Triggers => [AwardTriggers.ApproveVariation, AwardTriggers.ApproveWithinShare];

    /// <summary>Decided on the decision page, which shows each value the change sets before and after; never a bare button.</summary>
    public override bool NeedsForm => true;

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
        return request.Kind switch
        {
            ChangeRequestKind.BudgetVirement => await ChangeRules.VirementProblemsAsync(context.Db, c, request.FromCostLineId!.Value, request.ToCostLineId!.Value, request.Amount, ct),
            ChangeRequestKind.ScopeChange when request.IndicatorId is { } id && !await context.Db.AwardIndicators.AnyAsync(i => i.Id == id && i.AwardId == c.Id, ct) =>
                [new FieldError(nameof(ChangeRequestInput.IndicatorId), "The outcome this change names is no longer on the award.")],
            _ => [],
        };
    }

    protected override async Task ApplyAsync(TransitionContext context, Award c, NoPayload payload, CancellationToken ct)
    {
        var request = await ChangeRules.PendingAsync(context.Db, c.Id, ct);
        if (request is null)
        {
            return;
        }
        switch (request.Kind)
        {
            case ChangeRequestKind.EndDateExtension:
                await AwardSchedule.ExtendAsync(context, c, request.NewEndDate!.Value, timetable, registry, ct);
                break;
            case ChangeRequestKind.BudgetVirement:
                var lines = await context.Db.AwardCostLines.Where(l => l.Id == request.FromCostLineId || l.Id == request.ToCostLineId).ToListAsync(ct);
                lines.Single(l => l.Id == request.FromCostLineId).AmountPence -= request.AmountPence;
                lines.Single(l => l.Id == request.ToCostLineId).AmountPence += request.AmountPence;
                break;
            case ChangeRequestKind.ScopeChange:
                c.Purpose = request.NewText ?? c.Purpose;
                if (request.IndicatorId is { } indicatorId)
                {
                    (await context.Db.AwardIndicators.SingleAsync(i => i.Id == indicatorId && i.AwardId == c.Id, ct)).Target = request.NewTarget!.Value;
                }
                break;
            case ChangeRequestKind.LeadContactChange:
                c.LeadContactName = request.NewText;
                c.LeadContactEmail = request.NewEmail;
                break;
        }
        ChangeRules.Decide(request, ChangeRequestStatus.Approved, context);
    }
}

/// <summary>Refusing records the decision on the pending request; the award is unchanged.</summary>
public sealed class RefuseChangeHandler : TransitionHandler<Award, NoPayload>
{
    public override CaseKind Kind => CaseKind.Award;

    public override IReadOnlyCollection<string> Triggers => [AwardTriggers.RejectVariation];

    /// <summary>Refused on the decision page, beside what the change would have set, with the reason the grantee reads.</summary>
    public override bool NeedsForm => true;

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
        request.DecisionComment = string.IsNullOrWhiteSpace(context.Request.Comment) ? null : context.Request.Comment.Trim();
    }

    /// <summary>The officer's limit the change goes beyond, or null when a grants officer may approve it.</summary>
    public static string? BeyondOfficer(AwardChangeRequest request, Award award, MonitoringOptions options)
    {
        switch (request.Kind)
        {
            case ChangeRequestKind.BudgetVirement:
                var most = new Money(award.AmountPence * options.OfficerVirementSharePercent / 100);
                return request.Amount > most ? $"virements up to {options.OfficerVirementSharePercent}% of the award, {most}" : null;
            case ChangeRequestKind.EndDateExtension:
                return request.NewEndDate > request.PreviousEndDate!.Value.AddMonths(options.OfficerExtensionMonths)
                    ? $"extensions of up to {options.OfficerExtensionMonths} months"
                    : null;
            case ChangeRequestKind.ScopeChange:
                if (request.NewText is not null)
                {
                    return "a change of the award's purpose";
                }
                var before = request.PreviousTarget ?? 0;
                return Math.Abs(request.NewTarget!.Value - before) > Math.Abs(before) * options.OfficerTargetChangePercent / 100
                    ? $"changes of an outcome's target of up to {options.OfficerTargetChangePercent}%"
                    : null;
            default:
                return null;
        }
    }

    /// <summary>The pending row a request records, with the award's values before the change beside the ones asked for.</summary>
    public static AwardChangeRequest Record(Award c, ChangeRequestInput p, double? previousTarget, Actor actor, DateTimeOffset now)
    {
        var request = new AwardChangeRequest
        {
            AwardId = c.Id, Kind = p.Kind, Reason = p.Reason.Trim(), RequestedByUserId = actor.UserId, RequestedByName = actor.DisplayName, RequestedAt = now,
        };
        switch (p.Kind)
        {
            case ChangeRequestKind.EndDateExtension:
                (request.PreviousEndDate, request.NewEndDate) = (c.EndDate, p.NewEndDate);
                break;
            case ChangeRequestKind.BudgetVirement:
                (request.FromCostLineId, request.ToCostLineId, request.AmountPence) = (p.FromCostLineId, p.ToCostLineId, p.Amount!.Value.Pence);
                break;
            case ChangeRequestKind.ScopeChange:
                if (!string.IsNullOrWhiteSpace(p.NewPurpose))
                {
                    (request.PreviousText, request.NewText) = (c.Purpose, p.NewPurpose.Trim());
                }
                if (p.IndicatorId is not null)
                {
                    (request.IndicatorId, request.PreviousTarget, request.NewTarget) = (p.IndicatorId, previousTarget, p.NewTarget);
                }
                break;
            case ChangeRequestKind.LeadContactChange:
                request.PreviousText = Contact(c.LeadContactName, c.LeadContactEmail);
                (request.NewText, request.NewEmail) = (p.ContactName!.Trim(), p.ContactEmail!.Trim());
                break;
        }
        return request;
    }

    /// <summary>An award's change requests, newest first, each summed up in a line with its decision.</summary>
    public static async Task<IReadOnlyList<ChangeLine>> HistoryAsync(GrantsDbContext db, int awardId, CancellationToken ct)
    {
        var lines = await db.AwardCostLines.AsNoTracking().Where(l => l.AwardId == awardId).ToDictionaryAsync(l => l.Id, l => l.Description, ct);
        var indicators = await db.AwardIndicators.AsNoTracking().Where(i => i.AwardId == awardId).ToDictionaryAsync(i => i.Id, i => i.Name, ct);
        var changes = await db.AwardChangeRequests.AsNoTracking().Where(c => c.AwardId == awardId).OrderByDescending(c => c.Id).ToListAsync(ct);
        return changes.Select(c => new ChangeLine(c.Id, c.Kind, Summary(c, lines, indicators), c.Reason, c.Status, c.RequestedByName, c.RequestedAt, c.DecidedByName, c.DecidedAt)
        {
            DecisionComment = c.DecisionComment,
        })
            .ToList();
    }

    /// <summary>A lead contact as pages show it, "name (email)", or null when none is named.</summary>
    public static string? Contact(string? name, string? email) => name is null ? null : $"{name} ({email})";

    /// <summary>One line saying what the change is, as the award's history shows it.</summary>
    public static string Summary(AwardChangeRequest c, IReadOnlyDictionary<int, string> lines, IReadOnlyDictionary<int, string> indicators)
    {
        var uk = CultureInfo.GetCultureInfo("en-GB");
        return c.Kind switch
        {
            ChangeRequestKind.EndDateExtension => string.Create(uk, $"Extend the end date from {c.PreviousEndDate:d MMMM yyyy} to {c.NewEndDate:d MMMM yyyy}"),
            ChangeRequestKind.BudgetVirement => $"Move {c.Amount} from {lines.GetValueOrDefault(c.FromCostLineId ?? 0, "?")} to {lines.GetValueOrDefault(c.ToCostLineId ?? 0, "?")}",
            ChangeRequestKind.ScopeChange => string.Join("; ", new[]
            {
                c.NewText is null ? null : $"Change the purpose to \"{c.NewText}\"",
                c.IndicatorId is null ? null
                    : string.Create(uk, $"Change the target for {indicators.GetValueOrDefault(c.IndicatorId.Value, "?")} from {c.PreviousTarget:#,##0.##} to {c.NewTarget:#,##0.##}"),
            }.Where(t => t is not null)),
            _ => $"Change the lead contact from {c.PreviousText ?? "none named"} to {c.NewText} ({c.NewEmail})",
        };
    }

    /// <summary>A new purpose must differ from today's; a target must be for one of the award's own outcomes and differ from today's.</summary>
    public static async Task<IReadOnlyList<FieldError>> ScopeProblemsAsync(GrantsDbContext db, Award award, ChangeRequestInput p, CancellationToken ct)
    {
        var problems = new List<FieldError>();
        if (p.NewPurpose is { } purpose && string.Equals(purpose.Trim(), award.Purpose.Trim(), StringComparison.Ordinal))
        {
            problems.Add(new FieldError(nameof(p.NewPurpose), "The new purpose is the same as the award's purpose now."));
        }
        if (p.IndicatorId is { } id)
        {
            var indicator = await db.AwardIndicators.AsNoTracking().FirstOrDefaultAsync(i => i.Id == id && i.AwardId == award.Id, ct);
            if (indicator is null)
            {
                problems.Add(new FieldError(nameof(p.IndicatorId), "Choose one of this award's outcomes."));
            }
            else if (indicator.Target.Equals(p.NewTarget))
            {
                problems.Add(new FieldError(nameof(p.NewTarget), string.Create(CultureInfo.GetCultureInfo("en-GB"), $"The new target is the same as the current one, {indicator.Target:#,##0.##}.")));
            }
        }
        return problems;
    }

    /// <summary>The new lead contact must differ from the one named now.</summary>
    public static IReadOnlyList<FieldError> ContactProblems(Award award, ChangeRequestInput p) =>
        string.Equals(award.LeadContactEmail, p.ContactEmail?.Trim(), StringComparison.OrdinalIgnoreCase)
        && string.Equals(award.LeadContactName, p.ContactName?.Trim(), StringComparison.Ordinal)
            ? [new FieldError(nameof(p.ContactEmail), $"{award.LeadContactName} is already the lead contact.")]
            : [];

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
