using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Core.Workflow;
using GrantsCommissioning.Core.Workflow.Kinds;
using Microsoft.EntityFrameworkCore;

namespace GrantsCommissioning.Core.Features.Awards;

/// <summary>The payment schedule the applicant accepts with the offer; null for the default (half now, half at the midpoint).</summary>
public sealed record OfferAcceptance(IReadOnlyList<Instalment>? Schedule = null) : ITransitionPayload;

/// <summary>Accepting an offer creates the award, its instalments and its monitoring returns in the same transaction.</summary>
public sealed class AcceptOfferHandler(AwardPlanner planner, Monitoring.ReturnTimetable timetable) : TransitionHandler<GrantApplication, OfferAcceptance>
{
    public override CaseKind Kind => CaseKind.Application;

    public override IReadOnlyCollection<string> Triggers => [ApplicationTriggers.AcceptOffer];

    protected override async Task ApplyAsync(TransitionContext context, GrantApplication c, OfferAcceptance payload, CancellationToken ct)
    {
        var db = context.Db;
        var applicationId = c.Id;
        var schedule = payload.Schedule;
        var application = await db.Applications
            .Include(a => a.Round)
            .Include(a => a.BudgetLines).Include(a => a.Indicators).Include(a => a.Objectives).Include(a => a.NationalPriorities)
            .FirstAsync(a => a.Id == applicationId, ct);
        var decision = await db.Decisions.Where(d => d.ApplicationId == applicationId
                && (d.Outcome == DecisionOutcome.Approve || d.Outcome == DecisionOutcome.PartFund))
            .OrderByDescending(d => d.Id).FirstAsync(ct);
        var plan = planner.Plan(application, decision, schedule);
        var instalments = plan.Instalments;
        if (Money.Sum(instalments.Select(i => i.Amount)) != plan.Amount)
        {
            throw new FeatureValidationException("Schedule", $"The instalments add up to {Money.Sum(instalments.Select(i => i.Amount))}, not the award of {plan.Amount}.");
        }

        var award = new Award
        {
            AwardReference = "AWD-" + application.ApplicationReference, Application = application, Decision = decision,
            OrganisationId = application.OrganisationId, FundId = application.Round!.FundId, Title = application.ProjectTitle,
            Purpose = application.Summary ?? application.ProjectTitle, AmountPence = plan.Amount.Pence, AwardedOn = plan.AwardedOn, StartDate = plan.Start,
            EndDate = plan.End, ReturnProfile = plan.Profile,
        };
        (award.PaymentBasis, award.AdvanceJustification) = Payments.PaymentBasisRule.For(instalments, plan.Start);
        var order = 0;
        award.CostLines.AddRange(plan.CostLines.Select(x => new AwardCostLine { Order = ++order, Description = x.Description, AmountPence = x.Amount.Pence }));
        if (!string.IsNullOrWhiteSpace(decision.Conditions))
        {
            award.Conditions.Add(new AwardCondition { Order = 1, Text = decision.Conditions });
        }
        award.Indicators.AddRange(application.Indicators.Select(i => new AwardIndicator { Name = i.Name, Unit = i.Unit, Target = i.Target, ObjectiveId = i.ObjectiveId }));
        award.Objectives.AddRange(application.Objectives.Select(o => new AwardObjective { ObjectiveId = o.ObjectiveId, SharePercent = o.SharePercent }));
        award.NationalPriorities.AddRange(application.NationalPriorities);
        var n = 0;
        foreach (var i in instalments)
        {
            var payment = new Payment { PaymentReference = $"{award.AwardReference}-P{++n}", PaymentKind = PaymentKind.Instalment, InstalmentNumber = n, DueDate = i.Due, AmountPence = i.Amount.Pence };
            (payment.Basis, payment.AdvanceJustification) = i.Due <= plan.Start ? (PaymentBasis.Advance, award.AdvanceJustification) : (PaymentBasis.Arrears, null);
            context.Start(payment);
            award.Payments.Add(payment);
        }
        award.YearSplits.AddRange(instalments.GroupBy(i => FinancialYear.Containing(i.Due).StartYear)
            .Select(g => new AwardYearSplit { FinancialYearStart = g.Key, AmountPence = g.Sum(i => i.Amount.Pence) }));
        n = 0;
        foreach (var period in plan.Returns)
        {
            var ret = new MonitoringReturn { ReturnReference = $"{award.AwardReference}-R{++n}", PeriodStart = period.Start, PeriodEnd = period.End, DueDate = period.Due };
            timetable.Apply(ret);
            context.Start(ret);
            award.Returns.Add(ret);
        }
        context.Start(award);
        db.Awards.Add(award);
    }
}
