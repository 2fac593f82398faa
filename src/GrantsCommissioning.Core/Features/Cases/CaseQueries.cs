using GrantsCommissioning.Core.Data;
using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Core.Workflow;
using Microsoft.EntityFrameworkCore;

namespace GrantsCommissioning.Core.Features.Cases;

/// <summary>
/// Everything a staff case page shows about one application, award, payment or monitoring return; null when there is
/// no such case or <see cref="CaseAccess"/> says the actor may not see it (the page answers 404 either way).
/// </summary>
public sealed class CaseQueries(IDbContextFactory<GrantsDbContext> factory, WorkflowLabels labels)
{
    public async Task<ApplicationCase?> ApplicationAsync(int id, Actor actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var db = await factory.CreateDbContextAsync(ct);
        await using (db)
        {
            if (!await CaseAccess.MaySeeApplicationAsync(db, id, actor, ct))
            {
                return null;
            }
            var a = await db.Applications.AsNoTracking().AsSplitQuery()
                .Include(x => x.Organisation).Include(x => x.Round).ThenInclude(r => r!.Fund).Include(x => x.Round).ThenInclude(r => r!.Criteria)
                .Include(x => x.BudgetLines).Include(x => x.Objectives).ThenInclude(o => o.Objective).Include(x => x.NationalPriorities)
                .Include(x => x.Indicators).Include(x => x.Assessments).ThenInclude(s => s.Scores).Include(x => x.Decisions)
                .FirstOrDefaultAsync(x => x.Id == id, ct);
            if (a is null)
            {
                return null;
            }
            var awardId = await db.Awards.Where(w => w.ApplicationId == id).Select(w => (int?)w.Id).FirstOrDefaultAsync(ct);
            var criteria = a.Round!.Criteria.ToDictionary(c => c.Id);
            return new ApplicationCase(
                Header(a, ApplicationStates.DefinitionId), a.ProjectTitle, a.Summary, a.OrganisationId, a.Organisation!.Name, a.Organisation.OrgId,
                a.Round.Reference, a.Round.Title, a.Round.Fund!.Name, a.Round.Fund.IsSmallFund, a.Round.MaxAward, a.DeadlineExtendedTo ?? a.Round.ClosesAt,
                a.AmountRequested, a.SubmittedAt, a.ProjectStart, a.ProjectEnd, a.Beneficiaries, a.AreaServed,
                a.BudgetLines.OrderBy(l => l.Order).Select(l => new LineAmount(l.Id, l.Description, l.Category, new Money(l.AmountPence))).ToList(),
                a.Objectives.OrderByDescending(o => o.SharePercent).Select(o => new ObjectiveShare(o.Objective!.Number, o.Objective.Title, o.SharePercent)).ToList(),
                a.NationalPriorities.Select(p => p.Title).ToList(),
                a.Indicators.Select(i => new IndicatorLine(i.Id, i.Name, i.Unit, i.Target, null)).ToList(),
                a.Assessments.Select(s => new AssessmentLine(s.AssessorName, s.HasConflict, s.ConflictDetails, WeightedScore(s, criteria), s.Recommendation, s.Comments)).ToList(),
                a.Decisions.OrderBy(d => d.DecidedAt).Select(d => new DecisionLine(d.Outcome, d.Amount, d.DecidedByName, d.AuthorityLevel, d.DecidedAt, d.NoticeReference, d.Rationale, d.Conditions, d.Feedback, d.DeputyForName)).ToList(),
                awardId, await HistoryAsync(db, CaseKind.Application, id, ct), a.Round.ClosesAt, a.DeadlineExtendedTo is not null, Decisions.PublicInterestFlag.Of(a));
        }
    }

    public async Task<AwardCase?> AwardAsync(int id, Actor actor, CancellationToken ct = default)
    {
        if (!CaseAccess.WorksOnEveryCase(actor))
        {
            return null;
        }
        var db = await factory.CreateDbContextAsync(ct);
        await using (db)
        {
            var a = await db.Awards.AsNoTracking().AsSplitQuery()
                .Include(x => x.Organisation).Include(x => x.Fund).Include(x => x.Objectives).ThenInclude(o => o.Objective)
                .Include(x => x.CostLines).Include(x => x.Conditions).Include(x => x.Indicators).Include(x => x.Payments).Include(x => x.Returns)
                .FirstOrDefaultAsync(x => x.Id == id, ct);
            if (a is null)
            {
                return null;
            }
            var paid = (await Payments.AwardSpend.NetPaidAsync(db, id, ct)).Pence;
            var spend = await (from r in db.Returns
                               join s in db.ReturnSpendLines on r.Id equals s.ReturnId
                               where r.AwardId == id && r.State == ReturnStates.Accepted
                               select s.AmountPence).SumAsync(ct);
            var (basis, justification) = Payments.PaymentSchedules.BasisOf(a.Payments.Where(p => p.PaymentKind != PaymentKind.Recovery && p.State != PaymentStates.Cancelled));
            return new AwardCase(
                Header(a, AwardStates.DefinitionId), a.Title, a.Purpose, a.OrganisationId, a.Organisation!.Name, a.Fund!.Name, a.Amount, a.AwardedOn,
                a.StartDate, a.EndDate, basis, justification, a.ApplicationId,
                a.Objectives.OrderByDescending(o => o.SharePercent).Select(o => new ObjectiveShare(o.Objective!.Number, o.Objective.Title, o.SharePercent)).ToList(),
                a.CostLines.OrderBy(l => l.Order).Select(l => new LineAmount(l.Id, l.Description, null, new Money(l.AmountPence))).ToList(),
                a.Conditions.OrderBy(c => c.Order).Select(c => c.Text).ToList(),
                a.Indicators.Select(i => new IndicatorLine(i.Id, i.Name, i.Unit, i.Target, null)).ToList(),
                a.Payments.OrderBy(p => p.DueDate).Select(p => new LinkedCase(p.Id, p.PaymentReference, p.State, p.DueDate, p.Amount)).ToList(),
                a.Returns.OrderBy(r => r.PeriodEnd).Select(r => new LinkedCase(r.Id, r.ReturnReference, r.State, r.DueDate, null)).ToList(),
                new Money(paid), new Money(spend), await HistoryAsync(db, CaseKind.Award, id, ct));
        }
    }

    public async Task<PaymentCase?> PaymentAsync(int id, Actor actor, CancellationToken ct = default)
    {
        if (!CaseAccess.WorksOnEveryCase(actor))
        {
            return null;
        }
        var db = await factory.CreateDbContextAsync(ct);
        await using (db)
        {
            var p = await db.Payments.AsNoTracking().Include(x => x.Award).ThenInclude(a => a!.Organisation)
                .FirstOrDefaultAsync(x => x.Id == id, ct);
            if (p is null)
            {
                return null;
            }
            var names = await NamesAsync(db, [p.RecordedByUserId, p.AuthorisedByUserId], ct);
            return new PaymentCase(
                Header(p, PaymentStates.DefinitionId), p.AwardId, p.Award!.AwardReference, p.Award.Organisation!.Name, p.PaymentKind, p.InstalmentNumber,
                p.DueDate, p.Amount, p.HoldReason, NameOf(names, p.RecordedByUserId), NameOf(names, p.AuthorisedByUserId), p.PaidOn, p.FinanceReference,
                await HistoryAsync(db, CaseKind.Payment, id, ct));
        }
    }

    public async Task<ReturnCase?> ReturnAsync(int id, Actor actor, CancellationToken ct = default)
    {
        if (!CaseAccess.WorksOnEveryCase(actor))
        {
            return null;
        }
        var db = await factory.CreateDbContextAsync(ct);
        await using (db)
        {
            var r = await db.Returns.AsNoTracking().AsSplitQuery().Include(x => x.Award).ThenInclude(a => a!.Organisation)
                .Include(x => x.Award).ThenInclude(a => a!.CostLines).Include(x => x.Award).ThenInclude(a => a!.Indicators)
                .Include(x => x.SpendLines).Include(x => x.IndicatorValues)
                .FirstOrDefaultAsync(x => x.Id == id, ct);
            if (r is null)
            {
                return null;
            }
            var award = r.Award!;
            return new ReturnCase(
                Header(r, ReturnStates.DefinitionId), award.Id, award.AwardReference, award.Title, award.Organisation!.Name, r.PeriodStart, r.PeriodEnd,
                r.DueDate, r.SubmittedAt, r.Narrative, r.CaseStudy, r.Risks,
                award.CostLines.OrderBy(l => l.Order).Select(l => new LineAmount(l.Id, l.Description, null,
                    new Money(r.SpendLines.Where(s => s.CostLineId == l.Id).Sum(s => s.AmountPence)))).ToList(),
                award.Indicators.Select(i => new IndicatorLine(i.Id, i.Name, i.Unit, i.Target,
                    r.IndicatorValues.FirstOrDefault(v => v.IndicatorId == i.Id)?.Value)).ToList(),
                await HistoryAsync(db, CaseKind.MonitoringReturn, id, ct));
        }
    }

    private CaseHeader Header(WorkflowCaseBase c, string definitionId) =>
        new(c.Kind, c.Id, c.Reference, c.State, c.Version, definitionId, c.WorkflowVersion)
        {
            StateLabel = labels.State(c.Kind, c.WorkflowVersion, c.State),
        };

    private static int? WeightedScore(Assessment a, IReadOnlyDictionary<int, AssessmentCriterion> criteria)
    {
        return Assessments.AssessmentScoring.WeightedTotal(a, criteria) is { } total ? (int)Math.Round(total, MidpointRounding.AwayFromZero) : null;
    }

    /// <summary>The history of any case, for the pages of case kinds that features add (a decision notice).</summary>
    public async Task<IReadOnlyList<HistoryLine>> HistoryAsync(CaseRef caseRef, CancellationToken ct = default)
    {
        var db = await factory.CreateDbContextAsync(ct);
        await using (db)
        {
            return await HistoryAsync(db, caseRef.Kind, caseRef.Id, ct);
        }
    }

    /// <summary>The case's journal with the labels of the definition version each step ran under.</summary>
    private async Task<IReadOnlyList<HistoryLine>> HistoryAsync(GrantsDbContext db, CaseKind kind, int id, CancellationToken ct)
    {
        var journal = await db.WorkflowJournal.AsNoTracking().Where(j => j.CaseKind == kind && j.CaseId == id).OrderBy(j => j.Sequence).ToListAsync(ct);
        return journal.Select(j => new HistoryLine(j.OccurredAt, labels.State(kind, j.DefinitionVersion, j.FromState), labels.State(kind, j.DefinitionVersion, j.ToState),
            labels.Action(kind, j.DefinitionVersion, j.Trigger), j.ActorName, j.ActorRole, j.AmountPence == null ? null : new Money(j.AmountPence.Value), j.Comment)).ToList();
    }

    private static async Task<Dictionary<string, string>> NamesAsync(GrantsDbContext db, IEnumerable<string?> ids, CancellationToken ct)
    {
        var wanted = ids.OfType<string>().Distinct().ToList();
        return await db.Users.Where(u => wanted.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
    }

    private static string? NameOf(Dictionary<string, string> names, string? id) =>
        id is null ? null : names.TryGetValue(id, out var name) ? name : id;
}
