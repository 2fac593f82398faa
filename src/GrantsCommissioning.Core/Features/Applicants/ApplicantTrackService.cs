using System.Globalization;
using GrantsCommissioning.Core.Data;
using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Core.Features.Applications;
using GrantsCommissioning.Core.Features.Audit;
using GrantsCommissioning.Core.Features.Awards;
using GrantsCommissioning.Core.Features.Returns;
using GrantsCommissioning.Core.Workflow;
using Microsoft.EntityFrameworkCore;

namespace GrantsCommissioning.Core.Features.Applicants;

/// <summary>
/// The applicant's side after submitting: the dashboard of things to do, offers to accept or decline, grants with their
/// payments, and monitoring returns to send. Every read and write is limited to members of the record's organisation;
/// anyone else gets null ("not found") or a refusal, never data.
/// </summary>
public sealed class ApplicantTrackService(
    IDbContextFactory<GrantsDbContext> factory, AwardService awards, AwardPlanner planner, ReturnService returns, AuditTrail audit, TimeProvider clock,
    WorkflowRegistry registry)
{
    private static readonly ReturnInputValidator ReturnForm = new();
    private static readonly string[] PaidStates = [PaymentStates.Paid, PaymentStates.Recovered];
    private static readonly string[] ToSendStates = [ReturnStates.Due, ReturnStates.Overdue];

    public async Task<IReadOnlyList<TrackOrganisation>> DashboardAsync(Actor actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var db = await factory.CreateDbContextAsync(ct);
        await using (db)
        {
            var memberships = await db.OrganisationMembers.AsNoTracking().Where(m => m.UserId == actor.UserId)
                .Select(m => new { m.OrganisationId, m.Role, m.Organisation!.Name, m.Organisation.CharityNumber, m.Organisation.CompanyNumber })
                .ToListAsync(ct);
            var result = new List<TrackOrganisation>();
            foreach (var m in memberships.OrderBy(m => m.Name, StringComparer.OrdinalIgnoreCase))
            {
                var orgId = m.OrganisationId;
                var applications = await db.Applications.AsNoTracking().Where(a => a.OrganisationId == orgId)
                    .OrderByDescending(a => a.UpdatedAt).ThenByDescending(a => a.Id)
                    .Select(a => new ApplicationLine(a.Id, a.ApplicationReference, a.ProjectTitle, a.State, new Money(a.AmountRequestedPence), a.SubmittedAt,
                        db.Awards.Where(w => w.ApplicationId == a.Id).Select(w => (int?)w.Id).FirstOrDefault()))
                    .ToListAsync(ct);
                var offers = await db.Applications.AsNoTracking().Where(a => a.OrganisationId == orgId && a.State == ApplicationStates.OfferMade)
                    .OrderBy(a => a.Id)
                    .Select(a => new
                    {
                        a.Id, a.ApplicationReference, a.ProjectTitle,
                        Amount = a.Decisions.Where(d => d.Outcome == DecisionOutcome.Approve || d.Outcome == DecisionOutcome.PartFund)
                            .OrderByDescending(d => d.Id).Select(d => d.AmountPence).FirstOrDefault(),
                    })
                    .ToListAsync(ct);
                var open = await db.Returns.AsNoTracking()
                    .Where(r => r.Award!.OrganisationId == orgId && (ToSendStates.Contains(r.State) || r.State == ReturnStates.Queried))
                    .OrderBy(r => r.DueDate).ThenBy(r => r.Id)
                    .Select(r => new ReturnToSend(r.Id, r.ReturnReference, r.Award!.Title, r.State, r.PeriodEnd, r.DueDate,
                        r.State == ReturnStates.Queried
                            ? db.WorkflowJournal.Where(j => j.CaseKind == CaseKind.MonitoringReturn && j.CaseId == r.Id && j.ToState == ReturnStates.Queried)
                                .OrderByDescending(j => j.Sequence).Select(j => j.Comment).FirstOrDefault()
                            : null))
                    .ToListAsync(ct);
                var information = await db.Applications.AsNoTracking().Where(a => a.OrganisationId == orgId && a.State == ApplicationStates.InformationRequested)
                    .OrderBy(a => a.Id)
                    .Select(a => new InformationToSend(a.Id, a.ApplicationReference, a.ProjectTitle,
                        db.WorkflowJournal.Where(j => j.CaseKind == CaseKind.Application && j.CaseId == a.Id && j.ToState == ApplicationStates.InformationRequested)
                            .OrderByDescending(j => j.Sequence).Select(j => j.Comment).FirstOrDefault()))
                    .ToListAsync(ct);
                information.AddRange(await QuestionsOutsideTheAppAsync(db, orgId, ct));
                var grants = await db.Awards.AsNoTracking().Where(a => a.OrganisationId == orgId).OrderByDescending(a => a.AwardedOn).ThenByDescending(a => a.Id)
                    .Select(a => new GrantLine(a.Id, a.AwardReference, a.Title, a.State, new Money(a.AmountPence), a.StartDate, a.EndDate))
                    .ToListAsync(ct);
                var payments = await db.Payments.AsNoTracking().Where(p => p.Award!.OrganisationId == orgId && PaidStates.Contains(p.State) && p.PaidOn != null)
                    .Select(p => new PaymentMade(p.PaymentReference, p.Award!.AwardReference, p.PaidOn!.Value, new Money(p.AmountPence), p.FinanceReference))
                    .ToListAsync(ct);
                result.Add(new TrackOrganisation(orgId, m.Name, OrgIdentifiers.For(m.CharityNumber, m.CompanyNumber, orgId), m.Role,
                    offers.Select(o => new OfferToAccept(o.Id, o.ApplicationReference, o.ProjectTitle, new Money(o.Amount))).ToList(),
                    open.Where(r => r.State != ReturnStates.Queried).ToList(), open.Where(r => r.State == ReturnStates.Queried).ToList(),
                    applications, grants, payments.OrderByDescending(p => p.PaidOn).ThenBy(p => p.Reference, StringComparer.Ordinal).ToList())
                {
                    InformationRequested = information,
                });
            }
            return result;
        }
    }

    /// <summary>
    /// Questions still open on the organisation's applications whose workflow version has no answer in the app (v4):
    /// the case stays at its checks, so the to-do lists them while it is still there (<see cref="InformationRequests.OpenQuestionAsync"/>).
    /// </summary>
    private async Task<List<InformationToSend>> QuestionsOutsideTheAppAsync(GrantsDbContext db, int orgId, CancellationToken ct)
    {
        var candidates = await db.Applications.AsNoTracking()
            .Where(a => a.OrganisationId == orgId && (a.State == ApplicationStates.Submitted || a.State == ApplicationStates.EligibilityCheck)
                && db.WorkflowJournal.Any(j => j.CaseKind == CaseKind.Application && j.CaseId == a.Id && j.Trigger == ApplicationTriggers.RequestInformation))
            .OrderBy(a => a.Id)
            .Select(a => new { a.Id, a.ApplicationReference, a.ProjectTitle })
            .ToListAsync(ct);
        var result = new List<InformationToSend>();
        foreach (var a in candidates)
        {
            if (await InformationRequests.OpenQuestionAsync(db, registry, a.Id, ct) is { AnswersInApp: false } open)
            {
                var question = await db.WorkflowJournal.AsNoTracking()
                    .Where(j => j.CaseKind == CaseKind.Application && j.CaseId == a.Id && j.Sequence == open.Sequence).Select(j => j.Comment).FirstOrDefaultAsync(ct);
                result.Add(new InformationToSend(a.Id, a.ApplicationReference, a.ProjectTitle, question, AnswersInApp: false));
            }
        }
        return result;
    }

    /// <summary>An offer made to one of the actor's organisations (open, accepted or declined), or null.</summary>
    public async Task<OfferView?> OfferAsync(int applicationId, Actor actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var db = await factory.CreateDbContextAsync(ct);
        await using (db)
        {
            string[] offerStates = [ApplicationStates.OfferMade, ApplicationStates.OfferAccepted, ApplicationStates.OfferDeclined];
            var a = await db.Applications.AsNoTracking()
                .Where(x => x.Id == applicationId && offerStates.Contains(x.State) && db.OrganisationMembers.Any(m => m.OrganisationId == x.OrganisationId && m.UserId == actor.UserId))
                .Include(x => x.Organisation).Include(x => x.BudgetLines).Include(x => x.Indicators.OrderBy(i => i.Id))
                .Include(x => x.Objectives).ThenInclude(o => o.Objective)
                .AsSplitQuery().FirstOrDefaultAsync(ct);
            var decision = a is null ? null : await db.Decisions.AsNoTracking()
                .Where(d => d.ApplicationId == a.Id && (d.Outcome == DecisionOutcome.Approve || d.Outcome == DecisionOutcome.PartFund))
                .OrderByDescending(d => d.Id).FirstOrDefaultAsync(ct);
            if (a is null || decision is null)
            {
                return null;
            }
            var award = await db.Awards.AsNoTracking().Where(w => w.ApplicationId == a.Id).Select(w => new { w.Id, w.AwardReference })
                .FirstOrDefaultAsync(ct);
            var declined = a.State != ApplicationStates.OfferDeclined ? null : await db.WorkflowJournal.AsNoTracking()
                .Where(j => j.CaseKind == CaseKind.Application && j.CaseId == a.Id && j.Trigger == ApplicationTriggers.DeclineOffer)
                .OrderByDescending(j => j.Sequence).Select(j => j.Comment).FirstOrDefaultAsync(ct);
            return new OfferView(a.Id, a.ApplicationReference, a.ProjectTitle, a.OrganisationId, a.Organisation!.Name, a.State, a.AmountRequested,
                decision.Amount, decision.Conditions, planner.Plan(a, decision), Objectives(a.Objectives.Select(o => (o.Objective, o.SharePercent))),
                a.Indicators.Select(i => new IndicatorTarget(i.Name, i.Unit, i.Target)).ToList(), award?.Id, award?.AwardReference, declined);
        }
    }

    /// <summary>
    /// Accepts an open offer on the organisation's behalf once the declaration is ticked. The award is created by
    /// <see cref="AwardService.AcceptOfferAsync"/> in the transition's transaction; the key makes a double click one award.
    /// </summary>
    public async Task<FeatureResult<int>> AcceptOfferAsync(int applicationId, bool declared, Actor actor, string? idempotencyKey, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var offer = await OfferAsync(applicationId, actor, ct);
        if (offer is null)
        {
            return FeatureResult<int>.Fail(new NotFound("offer"));
        }
        if (offer.AwardId is { } existing)
        {
            return FeatureResult<int>.Ok(existing);
        }
        if (!offer.IsOpen)
        {
            return FeatureResult<int>.Fail(new NoLongerPossible("offer", "accepted"));
        }
        if (!declared)
        {
            return FeatureResult<int>.Fail(new DeclarationNeeded(offer.OrganisationName));
        }
        if (!ValidKey(idempotencyKey))
        {
            return FeatureResult<int>.Fail(new FormExpired());
        }
        var accepted = await awards.AcceptOfferAsync(applicationId, actor, "accept-offer:" + idempotencyKey, ct: ct);
        var after = await OfferAsync(applicationId, actor, ct);
        return after?.AwardId is { } awardId ? FeatureResult<int>.Ok(awardId)
            : accepted.Succeeded ? FeatureResult<int>.Fail(new Refused("The offer could not be accepted.")) : FeatureResult<int>.Fail(accepted.Errors);
    }

    public async Task<FeatureResult<bool>> DeclineOfferAsync(int applicationId, string? reason, Actor actor, string? idempotencyKey, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var offer = await OfferAsync(applicationId, actor, ct);
        if (offer is null)
        {
            return FeatureResult<bool>.Fail(new NotFound("offer"));
        }
        if (offer.State == ApplicationStates.OfferDeclined)
        {
            return FeatureResult<bool>.Ok(true);
        }
        if (!offer.IsOpen)
        {
            return FeatureResult<bool>.Fail(new NoLongerPossible("offer", "declined"));
        }
        if (!ValidKey(idempotencyKey))
        {
            return FeatureResult<bool>.Fail(new FormExpired());
        }
        return await awards.DeclineOfferAsync(applicationId, actor, reason, "decline-offer:" + idempotencyKey, ct: ct);
    }

    /// <summary>A grant of one of the actor's organisations, or null.</summary>
    public async Task<GrantView?> GrantAsync(int awardId, Actor actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var db = await factory.CreateDbContextAsync(ct);
        await using (db)
        {
            var a = await db.Awards.AsNoTracking().Where(x => x.Id == awardId && db.OrganisationMembers.Any(m => m.OrganisationId == x.OrganisationId && m.UserId == actor.UserId))
                .Include(x => x.Organisation).Include(x => x.Conditions).Include(x => x.CostLines).Include(x => x.Payments).Include(x => x.Returns)
                .Include(x => x.Indicators).Include(x => x.Objectives).ThenInclude(o => o.Objective)
                .AsSplitQuery().FirstOrDefaultAsync(ct);
            if (a is null)
            {
                return null;
            }
            var cancelled = await CancelReasonsAsync(db, a.Returns.Where(r => r.State == ReturnStates.Cancelled).Select(r => r.Id).ToList(), ct);
            return new GrantView(a.Id, a.AwardReference, a.Title, a.OrganisationId, a.Organisation!.Name, a.State, a.Amount, a.AwardedOn, a.StartDate, a.EndDate,
                a.Conditions.OrderBy(c => c.Order).Select(c => c.Text).ToList(),
                a.CostLines.OrderBy(l => l.Order).Select(l => new PlannedCostLine(l.Description, new Money(l.AmountPence))).ToList(),
                a.Payments.OrderBy(p => p.InstalmentNumber).Select(p => new GrantPayment(p.PaymentReference, p.InstalmentNumber, p.DueDate, p.Amount, p.State,
                    p.PaidOn, p.PaymentKind == PaymentKind.Recovery)).ToList(),
                a.Returns.OrderBy(r => r.PeriodStart).Select(r => new GrantReturn(r.Id, r.ReturnReference, r.PeriodStart, r.PeriodEnd, r.DueDate, r.State,
                    cancelled.GetValueOrDefault(r.Id))).ToList(),
                a.Indicators.OrderBy(i => i.Id).Select(i => new IndicatorTarget(i.Name, i.Unit, i.Target)).ToList(),
                Objectives(a.Objectives.Select(o => (o.Objective, o.SharePercent))))
            {
                Purpose = a.Purpose,
                LeadContact = Monitoring.ChangeRules.Contact(a.LeadContactName, a.LeadContactEmail),
                Changes = await Monitoring.ChangeRules.HistoryAsync(db, a.Id, ct),
            };
        }
    }

    /// <summary>A monitoring return of one of the actor's organisations, or null.</summary>
    public async Task<ReturnView?> ReturnAsync(int returnId, Actor actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var db = await factory.CreateDbContextAsync(ct);
        await using (db)
        {
            var r = await db.Returns.AsNoTracking().Where(x => x.Id == returnId && db.OrganisationMembers.Any(m => m.OrganisationId == x.Award!.OrganisationId && m.UserId == actor.UserId))
                .Include(x => x.Award!).ThenInclude(a => a.Organisation)
                .Include(x => x.Award!).ThenInclude(a => a.CostLines)
                .Include(x => x.Award!).ThenInclude(a => a.Indicators)
                .Include(x => x.SpendLines).Include(x => x.IndicatorValues)
                .AsSplitQuery().FirstOrDefaultAsync(ct);
            if (r is null)
            {
                return null;
            }
            var award = r.Award!;
            var before = await db.ReturnSpendLines.AsNoTracking()
                .Where(l => l.ReturnId != r.Id && db.Returns.Any(o => o.Id == l.ReturnId && o.AwardId == award.Id && o.PeriodStart < r.PeriodStart
                    && (o.State == ReturnStates.Submitted || o.State == ReturnStates.Queried || o.State == ReturnStates.Accepted)))
                .GroupBy(l => l.CostLineId).Select(g => new { g.Key, Pence = g.Sum(l => l.AmountPence) })
                .ToDictionaryAsync(x => x.Key, x => x.Pence, ct);
            var query = await db.WorkflowJournal.AsNoTracking()
                .Where(j => j.CaseKind == CaseKind.MonitoringReturn && j.CaseId == r.Id && j.ToState == ReturnStates.Queried)
                .OrderByDescending(j => j.Sequence).Select(j => j.Comment).FirstOrDefaultAsync(ct);
            var spend = r.SpendLines.ToDictionary(l => l.CostLineId, l => new Money(l.AmountPence));
            var values = r.IndicatorValues.ToDictionary(v => v.IndicatorId, v => v.Value);
            var previous = await db.Returns.AsNoTracking()
                .Where(o => o.AwardId == award.Id && o.Id != r.Id && o.PeriodStart < r.PeriodStart && o.SubmittedAt != null)
                .Include(o => o.SpendLines).Include(o => o.IndicatorValues).Include(o => o.Evidence)
                .OrderByDescending(o => o.PeriodStart).AsSplitQuery().FirstOrDefaultAsync(ct);
            var lastSpend = previous?.SpendLines.ToDictionary(l => l.CostLineId, l => new Money(l.AmountPence)) ?? [];
            var lastValues = previous?.IndicatorValues.ToDictionary(v => v.IndicatorId, v => v.Value) ?? [];
            var owners = await (from m in db.OrganisationMembers
                                join u in db.Users on m.UserId equals u.Id
                                where m.OrganisationId == award.OrganisationId && m.Role == OrganisationRole.Owner
                                orderby u.DisplayName
                                select new { u.Id, u.DisplayName }).ToListAsync(ct);
            return new ReturnView(r.Id, r.ReturnReference, award.Id, award.AwardReference, award.Title, award.Organisation!.Name, r.State,
                r.PeriodStart, r.PeriodEnd, r.DueDate,
                award.CostLines.OrderBy(l => l.Order).Select(l => new ReturnCostLine(l.Id, l.Description, new Money(l.AmountPence),
                    new Money(before.GetValueOrDefault(l.Id)), spend.TryGetValue(l.Id, out var m) ? m : null,
                    lastSpend.TryGetValue(l.Id, out var last) ? last : null)).ToList(),
                award.Indicators.OrderBy(i => i.Id).Select(i => new ReturnIndicator(i.Id, i.Name, i.Unit, i.Target,
                    values.TryGetValue(i.Id, out var v) ? v : null, lastValues.TryGetValue(i.Id, out var lv) ? lv : null)).ToList(),
                r.Narrative, r.CaseStudy, r.Risks, r.State == ReturnStates.Queried || query is not null ? query : null, r.SubmittedAt,
                previous is null ? null : new PreviousReturn(previous.ReturnReference, previous.PeriodStart, previous.PeriodEnd, previous.Narrative,
                    previous.CaseStudy, previous.Risks, previous.Evidence.OrderBy(e => e.FileName).Select(e => e.FileName).ToList()),
                new ReturnSignOff(owners.Any(o => o.Id == actor.UserId), owners.Select(o => o.DisplayName).ToList(),
                    r.DraftSavedByName, r.DraftSavedAt, r.SignedOffByName, r.SignedOffAt))
            {
                CancelReason = r.State == ReturnStates.Cancelled ? (await CancelReasonsAsync(db, [r.Id], ct)).GetValueOrDefault(r.Id) : null,
            };
        }
    }

    /// <summary>
    /// Saves the return form as a draft, by any member of the organisation: the figures given so far replace the
    /// earlier draft's, blanks stay blank, and nothing is sent. An owner then signs it off and sends it.
    /// </summary>
    public async Task<FeatureResult<bool>> SaveReturnDraftAsync(int returnId, ReturnInput input, Actor actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(actor);
        var view = await ReturnAsync(returnId, actor, ct);
        if (view is null)
        {
            return FeatureResult<bool>.Fail(new NotFound("monitoring return"));
        }
        if (!view.CanSubmit)
        {
            return FeatureResult<bool>.Fail(view.State switch
            {
                ReturnStates.Submitted or ReturnStates.Accepted => new ReturnAlreadySent(view.State == ReturnStates.Accepted),
                ReturnStates.Cancelled => new ReturnCancelled(view.CancelReason),
                _ => new ReturnNotOpen(),
            });
        }
        var validation = ReturnForm.Validate(input, view, draft: true);
        if (!validation.IsValid)
        {
            return FeatureResult<bool>.Invalid(validation);
        }
        var spend = ReturnInputValidator.Spend(input, view, draft: true);
        var values = ReturnInputValidator.Values(input, view, draft: true);
        return await factory.InTransactionAsync(async db =>
        {
            var r = await db.Returns.SingleAsync(x => x.Id == returnId, ct);
            var before = new { r.Narrative, r.CaseStudy, r.Risks, r.DraftSavedByName, r.DraftSavedAt };
            await db.ReturnSpendLines.Where(l => l.ReturnId == r.Id).ExecuteDeleteAsync(ct);
            await db.ReturnIndicatorValues.Where(v => v.ReturnId == r.Id).ExecuteDeleteAsync(ct);
            db.ReturnSpendLines.AddRange(spend.Select(kv => new ReturnSpendLine { ReturnId = r.Id, CostLineId = kv.Key, AmountPence = kv.Value.Pence }));
            db.ReturnIndicatorValues.AddRange(values.Select(kv => new ReturnIndicatorValue { ReturnId = r.Id, IndicatorId = kv.Key, Value = kv.Value }));
            r.Narrative = Blank(input.Narrative)?.Trim();
            r.CaseStudy = Blank(input.CaseStudy)?.Trim();
            r.Risks = Blank(input.Risks)?.Trim();
            r.DraftSavedByName = actor.DisplayName;
            r.DraftSavedAt = clock.GetUtcNow();
            await audit.AppendAsync(db, actor, "MonitoringReturn.DraftSaved", "MonitoringReturn", r.Id.ToString(CultureInfo.InvariantCulture), before,
                new { r.Narrative, r.CaseStudy, r.Risks, Spend = spend.ToDictionary(kv => kv.Key, kv => kv.Value.Pence), Values = values }, ct);
            return FeatureResult<bool>.Ok(true);
        }, ct);
    }

    /// <summary>
    /// Checks the form and sends the return through the workflow: Submit when due or overdue, Resubmit when queried.
    /// Field errors use the form's keys ("Spend[0].Amount", "Narrative"), so the error summary links to each field.
    /// </summary>
    public async Task<FeatureResult<bool>> SubmitReturnAsync(int returnId, ReturnInput input, Actor actor, string? idempotencyKey, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(actor);
        var view = await ReturnAsync(returnId, actor, ct);
        if (view is null)
        {
            return FeatureResult<bool>.Fail(new NotFound("monitoring return"));
        }
        if (!view.CanSubmit)
        {
            return view.State switch
            {
                ReturnStates.Submitted or ReturnStates.Accepted => FeatureResult<bool>.Ok(true),
                ReturnStates.Cancelled => FeatureResult<bool>.Fail(new ReturnCancelled(view.CancelReason)),
                _ => FeatureResult<bool>.Fail(new ReturnNotOpen()),
            };
        }
        if (!view.SignOff.ActorIsOwner)
        {
            return FeatureResult<bool>.Fail(new OwnerSignOffNeeded(view.OrganisationName));
        }
        var validation = ReturnForm.Validate(input, view);
        if (!validation.IsValid)
        {
            return FeatureResult<bool>.Invalid(validation);
        }
        var spend = ReturnInputValidator.Spend(input, view);
        var values = ReturnInputValidator.Values(input, view);
        if (!ValidKey(idempotencyKey))
        {
            return FeatureResult<bool>.Fail(new FormExpired());
        }
        var submission = new ReturnSubmission(returnId, spend, values, input.Narrative!, Blank(input.CaseStudy), Blank(input.Risks));
        var key2 = "return:" + idempotencyKey;
        var result = view.IsResubmission
            ? await returns.ResubmitAsync(submission, actor, key2, ct)
            : await returns.SubmitAsync(submission, actor, key2, ct);
        return result;
    }

    /// <summary>Why each of the given cancelled returns was cancelled: the comment of the transition into Cancelled.</summary>
    private static async Task<Dictionary<int, string?>> CancelReasonsAsync(GrantsDbContext db, List<int> returnIds, CancellationToken ct) =>
        returnIds.Count == 0 ? [] : (await db.WorkflowJournal.AsNoTracking()
            .Where(j => j.CaseKind == CaseKind.MonitoringReturn && returnIds.Contains(j.CaseId) && j.ToState == ReturnStates.Cancelled && j.FromState != ReturnStates.Cancelled)
            .Select(j => new { j.CaseId, j.Sequence, j.Comment }).ToListAsync(ct))
            .GroupBy(j => j.CaseId).ToDictionary(g => g.Key, g => g.MaxBy(j => j.Sequence)!.Comment);

    private static List<ObjectiveShare> Objectives(IEnumerable<(PlanObjective? Objective, int Share)> links) =>
        links.Where(l => l.Objective is not null).OrderBy(l => l.Objective!.Number)
            .Select(l => new ObjectiveShare(l.Objective!.Number, l.Objective.Title, l.Share)).ToList();

    private static bool ValidKey(string? key) => !string.IsNullOrWhiteSpace(key) && key.Length <= 100;

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text;
}
