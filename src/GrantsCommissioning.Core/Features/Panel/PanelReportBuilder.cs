using GrantsCommissioning.Core.Data;
using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Core.Features.Reports;
using Microsoft.EntityFrameworkCore;

namespace GrantsCommissioning.Core.Features.Panel;

/// <summary>
/// Gathers a quarter's Panel report from the database: the plan in force in the quarter, the officers' narrative,
/// grants year to date apportioned to objectives (<see cref="ObjectiveRollUp"/>), each success measure's reading for the
/// quarter and the decisions requiring notices made in the quarter.
/// </summary>
public sealed class PanelReportBuilder(ObjectiveRollUp rollUp)
{
    /// <summary>The plan a quarter is reported against (<see cref="ObjectiveRollUp.PlanInForceAsync"/>), or null when no plan had started by its end.</summary>
    public static Task<PoliceAndCrimePlan?> PlanInForceAsync(GrantsDbContext db, FinancialQuarter quarter, CancellationToken ct) =>
        ObjectiveRollUp.PlanInForceAsync(db, quarter.End, ct);

    /// <summary>The report's content, or null when no plan was in force in the quarter.</summary>
    public async Task<PanelReportContent?> BuildAsync(GrantsDbContext db, FinancialQuarter quarter, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var plan = await PlanInForceAsync(db, quarter, ct);
        if (plan is null)
        {
            return null;
        }
        var aims = await db.Aims.AsNoTracking().Where(a => a.PlanId == plan.Id).OrderBy(a => a.Number)
            .Select(a => new ReportAim(a.Number, a.Title)).ToListAsync(ct);
        var objectives = await db.Objectives.AsNoTracking().Where(o => o.PlanId == plan.Id).OrderBy(o => o.Number)
            .Select(o => new { o.Id, o.Number, AimNumber = o.Aim!.Number, o.Title }).ToListAsync(ct);
        var draft = await db.Set<PanelReportDraft>().AsNoTracking().Include(d => d.Narratives)
            .FirstOrDefaultAsync(d => d.FinancialYearStart == quarter.Year.StartYear && d.Quarter == quarter.Number, ct);
        var narratives = draft?.Narratives.ToDictionary(n => n.ObjectiveId, n => n.Text) ?? [];

        var grants = await rollUp.YearToDateAsync(quarter, ct);
        var byObjective = grants.Rows.ToDictionary(r => r.ObjectiveId);
        var reportObjectives = objectives.Select(o =>
        {
            var row = byObjective.GetValueOrDefault(o.Id);
            return new ReportObjective(o.Number, o.AimNumber, o.Title, narratives.GetValueOrDefault(o.Id),
                row?.AwardsMade ?? 0, row?.Awarded.Pence ?? 0, row?.Paid.Pence ?? 0);
        }).ToList();

        var measures = await MeasuresAsync(db, plan.Id, quarter, ct);
        var decisions = await DecisionsRequiringNoticesAsync(db, quarter, ct);
        return new PanelReportContent(
            quarter.Year.StartYear, quarter.Number, plan.Title, plan.PoliceArea, plan.PeriodStart, plan.PeriodEnd,
            quarter.Year.Start, quarter.End, aims, reportObjectives,
            new ReportGrantTotals(grants.Totals.AwardsMade, grants.Totals.Awarded.Pence, grants.Totals.Paid.Pence),
            measures, decisions, draft?.PccActivity,
            grants.Priorities.Select(p => new ReportPriority(p.Code, p.Title, p.ObjectiveNumbers, p.AwardsMade, p.Awarded.Pence, p.Paid.Pence)).ToList());
    }

    /// <summary>Every measure of the plan in plan order, with its reading for the quarter where one was recorded.</summary>
    internal static async Task<List<ReportMeasure>> MeasuresAsync(GrantsDbContext db, int planId, FinancialQuarter quarter, CancellationToken ct)
    {
        var rows = await db.Measures.AsNoTracking().Where(m => m.Objective!.PlanId == planId)
            .OrderBy(m => m.Objective!.Number).ThenBy(m => m.Order).ThenBy(m => m.Id)
            .Select(m => new
            {
                ObjectiveNumber = m.Objective!.Number, m.Title, m.IsHeadline, m.TargetText, m.Footnote,
                Reading = m.Readings.FirstOrDefault(r => r.FinancialYearStart == quarter.Year.StartYear && r.Quarter == quarter.Number),
            })
            .ToListAsync(ct);
        return rows.Select(m => new ReportMeasure(
            m.ObjectiveNumber, m.Title, m.IsHeadline, m.TargetText, m.Reading?.PeriodTarget, m.Reading?.Actual, m.Reading?.Rag,
            m.Reading?.Comment, m.Footnote)).ToList();
    }

    /// <summary>
    /// The decisions requiring notices made in the quarter, read from the decision register: every published notice
    /// (grant or not) signed by the Commissioner between the quarter's first and last day, in signature order.
    /// </summary>
    internal static async Task<List<ReportDecision>> DecisionsRequiringNoticesAsync(GrantsDbContext db, FinancialQuarter quarter, CancellationToken ct)
    {
        var rows = await db.Set<DecisionNotices.DecisionNotice>().AsNoTracking()
            .Where(n => n.State == DecisionNotices.DecisionNoticeWorkflow.Published && n.PublishedOn != null
                        && n.SignatureDate >= quarter.Start && n.SignatureDate <= quarter.End)
            .OrderBy(n => n.SignatureDate).ThenBy(n => n.NoticeReference)
            .Select(n => new { n.NoticeReference, n.Title, n.SignatureDate, n.AmountPence })
            .ToListAsync(ct);
        return rows.Select(n => new ReportDecision(n.NoticeReference, n.Title, n.SignatureDate!.Value, n.AmountPence)).ToList();
    }
}
