using System.Globalization;
using FluentValidation;
using GrantsCommissioning.Core.Data;
using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Core.Workflow;
using Microsoft.EntityFrameworkCore;

namespace GrantsCommissioning.Core.Features.Monitoring;

/// <summary>Typed change requests on an award, asked for and decided only through the award's workflow.</summary>
public sealed class ChangeRequestService(
    IDbContextFactory<GrantsDbContext> factory, ICaseWorkflow workflow, WorkflowLabels labels, IValidator<ChangeRequestFormInput> formValidator)
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
