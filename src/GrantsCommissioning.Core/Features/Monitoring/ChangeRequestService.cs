using System.Globalization;
using FluentValidation;
using GrantsCommissioning.Core.Data;
using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Core.Workflow;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace GrantsCommissioning.Core.Features.Monitoring;

/// <summary>Typed change requests on an award, asked for and decided only through the award's workflow.</summary>
public sealed class ChangeRequestService(
    IDbContextFactory<GrantsDbContext> factory, ICaseWorkflow workflow, WorkflowLabels labels, IValidator<ChangeRequestFormInput> formValidator,
    IOptions<MonitoringOptions> options)
{
    /// <summary>
    /// The form: the award's end date, purpose, outcomes, lead contact and cost lines with their budgets and spend to date;
    /// null when there is no such award, or when <paramref name="member"/> is given and is not a member of the award's organisation.
    /// </summary>
    public async Task<ChangeForm?> FormAsync(int awardId, Actor? member = null, CancellationToken ct = default)
    {
        var db = await factory.CreateDbContextAsync(ct);
        await using (db)
        {
            var award = await db.Awards.AsNoTracking()
                .Where(a => a.Id == awardId && (member == null || db.OrganisationMembers.Any(m => m.OrganisationId == a.OrganisationId && m.UserId == member.UserId)))
                .Include(a => a.Indicators).FirstOrDefaultAsync(ct);
            if (award is null)
            {
                return null;
            }
            var lines = await db.AwardCostLines.AsNoTracking().Where(l => l.AwardId == awardId).OrderBy(l => l.Order).ToListAsync(ct);
            var spent = await (from r in db.Returns
                               join s in db.ReturnSpendLines on r.Id equals s.ReturnId
                               where r.AwardId == awardId && r.SubmittedAt != null
                               group s by s.CostLineId into g
                               select new { g.Key, Pence = g.Sum(x => x.AmountPence) }).ToDictionaryAsync(x => x.Key, x => x.Pence, ct);
            var pending = await db.AwardChangeRequests.AnyAsync(c => c.AwardId == awardId && c.Status == ChangeRequestStatus.Pending, ct);
            return new ChangeForm(award.Id, award.AwardReference, award.Title, labels.State(CaseKind.Award, award.WorkflowVersion, award.State),
                award.State == AwardStates.Active, award.EndDate,
                lines.Select(l => new SpendRow(l.Id, l.Description, new Money(l.AmountPence), new Money(spent.GetValueOrDefault(l.Id)), Money.Zero)).ToList(), pending)
            {
                OrganisationId = award.OrganisationId, Purpose = award.Purpose, LeadContactName = award.LeadContactName, LeadContactEmail = award.LeadContactEmail,
                Indicators = award.Indicators.OrderBy(i => i.Id).Select(i => new ChangeIndicator(i.Id, i.Name, i.Unit, i.Target)).ToList(),
            };
        }
    }

    /// <summary>Asks for a change from the posted form: text that does not parse is refused against its field before anything else.</summary>
    public Task<FeatureResult<bool>> RequestAsync(int awardId, ChangeRequestFormInput form, Actor actor, string idempotencyKey, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(form);
        var validation = formValidator.Validate(form);
        return validation.IsValid ? RequestAsync(awardId, form.ToInput(), actor, idempotencyKey, ct) : Task.FromResult(FeatureResult<bool>.Invalid(validation));
    }

    /// <summary>Asks for a change; on an award that is not active (closed, terminated, already changing) nothing is recorded.</summary>
    public async Task<FeatureResult<bool>> RequestAsync(int awardId, ChangeRequestInput input, Actor actor, string idempotencyKey, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var form = await FormAsync(awardId, null, ct);
        if (form is null)
        {
            return FeatureResult<bool>.Fail(new NotFound("award"));
        }
        if (!form.Open)
        {
            return FeatureResult<bool>.Fail(new AwardNotChangeable(form.Reference, form.StateLabel.ToLower(CultureInfo.GetCultureInfo("en-GB"))));
        }
        var now = new Award
        {
            AwardReference = form.Reference, Title = form.Title, Purpose = form.Purpose, EndDate = form.EndDate, LeadContactName = form.LeadContactName,
            LeadContactEmail = form.LeadContactEmail,
        };
        var summary = ChangeRules.Summary(
            ChangeRules.Record(now, input, form.Indicators.FirstOrDefault(i => i.Id == input.IndicatorId)?.Target, actor, DateTimeOffset.MinValue),
            form.Lines.ToDictionary(l => l.CostLineId, l => l.Description), form.Indicators.ToDictionary(i => i.Id, i => i.Name));
        var result = await workflow.FireAsync(
            new TransitionRequest(new CaseRef(CaseKind.Award, awardId), AwardTriggers.RequestVariation, actor, idempotencyKey)
            {
                Comment = $"{summary}. {input.Reason?.Trim()}",
                Payload = input,
            },
            ct);
        return FeatureResult<bool>.From(result, true);
    }

    /// <summary>
    /// What the decider sees: the change waiting on the award and each value it would set, before and after (the two
    /// budget lines of a virement, the end date and each return of the schedule that it moves or adds, the purpose or an
    /// outcome's target, the lead contact); null when there is no such award.
    /// </summary>
    public async Task<ChangeDecision?> DecisionAsync(int awardId, CancellationToken ct = default)
    {
        var db = await factory.CreateDbContextAsync(ct);
        await using (db)
        {
            var award = await db.Awards.AsNoTracking().Where(a => a.Id == awardId)
                .Select(a => new { Award = a, Organisation = a.Organisation!.Name }).FirstOrDefaultAsync(ct);
            if (award is null)
            {
                return null;
            }
            var a = award.Award;
            var request = await ChangeRules.PendingAsync(db, awardId, ct);
            if (request is null)
            {
                return new ChangeDecision(a.Id, a.AwardReference, a.Title, award.Organisation, null, [], null);
            }
            var pending = (await ChangeRules.HistoryAsync(db, awardId, ct)).Single(c => c.Id == request.Id);
            return new ChangeDecision(a.Id, a.AwardReference, a.Title, award.Organisation, pending, await EffectsAsync(db, a, request, ct),
                ChangeRules.BeyondOfficer(request, a, options.Value));
        }
    }

    /// <summary>Decides the pending change from the decision page's form: approve or refuse must be chosen, and a refusal says why.</summary>
    public Task<FeatureResult<bool>> DecideAsync(int awardId, ChangeDecisionInput input, Actor actor, string idempotencyKey, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.Outcome is not ("Approve" or "Refuse"))
        {
            return Task.FromResult(FeatureResult<bool>.Fail(new NothingChosen("approve or refuse", nameof(input.Outcome))));
        }
        if (input.Outcome == "Refuse" && string.IsNullOrWhiteSpace(input.Comment))
        {
            return Task.FromResult(FeatureResult<bool>.Fail(new ReasonNeeded("Say why the change is refused: the grantee reads it.", nameof(input.Comment))));
        }
        return DecideAsync(awardId, input.Outcome == "Approve", input.Comment, actor, idempotencyKey, ct);
    }

    private static async Task<IReadOnlyList<ChangeEffect>> EffectsAsync(GrantsDbContext db, Award award, AwardChangeRequest r, CancellationToken ct)
    {
        var uk = CultureInfo.GetCultureInfo("en-GB");
        switch (r.Kind)
        {
            case ChangeRequestKind.EndDateExtension:
                var returns = await db.Returns.AsNoTracking().Where(x => x.AwardId == award.Id).ToListAsync(ct);
                var plan = AwardSchedule.PlanExtension(award, returns, r.NewEndDate!.Value);
                var schedule = new List<ChangeEffect> { new("End date", award.EndDate.ToString("d MMMM yyyy", uk), r.NewEndDate!.Value.ToString("d MMMM yyyy", uk)) };
                if (plan is { Moved: { } moved, MovedTo: { } to })
                {
                    schedule.Add(new ChangeEffect($"Return {moved.ReturnReference}", Period(moved.PeriodStart, moved.PeriodEnd, moved.DueDate), Period(to.Start, to.End, to.Due)));
                }
                schedule.AddRange(plan.Added.Select((p, i) => new ChangeEffect($"Return {plan.AddedReference(award, i)} (added)", "Not in the schedule", Period(p.Start, p.End, p.Due))));
                if (plan.Moved is null && plan.Added.Count == 0)
                {
                    schedule.Add(new ChangeEffect("Returns", "As scheduled", "No return moves, is added or is dropped"));
                }
                return schedule;
            case ChangeRequestKind.BudgetVirement:
                var lines = await db.AwardCostLines.AsNoTracking().Where(l => l.AwardId == award.Id && (l.Id == r.FromCostLineId || l.Id == r.ToCostLineId))
                    .OrderBy(l => l.Order).ToListAsync(ct);
                return lines.Select(l => new ChangeEffect($"Budget for {l.Description}", new Money(l.AmountPence).ToString(),
                    new Money(l.AmountPence + (l.Id == r.FromCostLineId ? -r.AmountPence : r.AmountPence)).ToString())).ToList();
            case ChangeRequestKind.ScopeChange:
                var effects = new List<ChangeEffect>();
                if (r.NewText is not null)
                {
                    effects.Add(new ChangeEffect("Purpose", award.Purpose, r.NewText));
                }
                if (r.IndicatorId is { } id && await db.AwardIndicators.AsNoTracking().FirstOrDefaultAsync(i => i.Id == id, ct) is { } indicator)
                {
                    effects.Add(new ChangeEffect($"Target for {indicator.Name}", string.Create(uk, $"{indicator.Target:#,##0.##} {indicator.Unit}"),
                        string.Create(uk, $"{r.NewTarget:#,##0.##} {indicator.Unit}")));
                }
                return effects;
            default:
                return [new ChangeEffect("Lead contact", ChangeRules.Contact(award.LeadContactName, award.LeadContactEmail) ?? "None named", $"{r.NewText} ({r.NewEmail})")];
        }
    }

    /// <summary>A return's period and due date as the decision page shows them, e.g. "1 January to 31 March 2027, due 30 April 2027".</summary>
    private static string Period(DateOnly start, DateOnly end, DateOnly due)
    {
        var uk = CultureInfo.GetCultureInfo("en-GB");
        return $"{start.ToString(start.Year == end.Year ? "d MMMM" : "d MMMM yyyy", uk)} to {end.ToString("d MMMM yyyy", uk)}, due {due.ToString("d MMMM yyyy", uk)}";
    }

    /// <summary>
    /// Decides the pending change: a grants officer approves within their share (<see cref="AwardTriggers.ApproveWithinShare"/>),
    /// a decision maker or the Commissioner under the Scheme of Delegation, a virement limited by its amount.
    /// </summary>
    public async Task<FeatureResult<bool>> DecideAsync(int awardId, bool approve, string? comment, Actor actor, string idempotencyKey, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var db = await factory.CreateDbContextAsync(ct);
        AwardChangeRequest? pending;
        await using (db)
        {
            pending = await ChangeRules.PendingAsync(db, awardId, ct);
        }
        var trigger = !approve ? AwardTriggers.RejectVariation
            : actor.IsInRole(Roles.DecisionMaker) || actor.IsInRole(Roles.Commissioner) ? AwardTriggers.ApproveVariation
            : AwardTriggers.ApproveWithinShare;
        var result = await workflow.FireAsync(
            new TransitionRequest(new CaseRef(CaseKind.Award, awardId), trigger, actor, idempotencyKey)
            {
                Comment = string.IsNullOrWhiteSpace(comment) ? null : comment.Trim(),
                Amount = approve && pending is { Kind: ChangeRequestKind.BudgetVirement } ? pending.Amount : null,
            },
            ct);
        return FeatureResult<bool>.From(result, true);
    }
}
