using GrantsCommissioning.Core.Data;
using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Core.Workflow;
using Microsoft.EntityFrameworkCore;

namespace GrantsCommissioning.Core.Features.Awards;

public sealed record Instalment(DateOnly Due, Money Amount);

public sealed record PlannedCostLine(string Description, Money Amount);

public sealed record ReturnPeriod(DateOnly Start, DateOnly End, DateOnly Due);

/// <summary>The grant agreement an offer becomes when accepted: dates, eligible costs, payments and monitoring returns.</summary>
public sealed record AwardPlan(DateOnly AwardedOn, DateOnly Start, DateOnly End, Money Amount, IReadOnlyList<PlannedCostLine> CostLines,
    IReadOnlyList<Instalment> Instalments, IReadOnlyList<ReturnPeriod> Returns);

/// <summary>Turns an accepted offer into a grant agreement with its payment and monitoring schedules.</summary>
public sealed class AwardService(ICaseWorkflow workflow, TimeProvider clock)
{
    /// <summary>The applicant accepts the offer; the award, its instalments and its quarterly returns are created in the same transaction.</summary>
    public async Task<FeatureResult<string>> AcceptOfferAsync(int applicationId, Actor actor, string idempotencyKey,
        IReadOnlyList<Instalment>? schedule = null, int? expectedVersion = null, CancellationToken ct = default)
    {
        string? reference = null;
        TransitionResult result;
        try
        {
            result = await workflow.FireAsync(
                new TransitionRequest(new CaseRef(CaseKind.Application, applicationId), ApplicationTriggers.AcceptOffer, actor, idempotencyKey)
                {
                    ExpectedVersion = expectedVersion,
                    Effects = async (db, _, c) => reference = await CreateAwardAsync(db, applicationId, schedule, c).ConfigureAwait(false),
                },
                ct).ConfigureAwait(false);
        }
        catch (FeatureValidationException ex)
        {
            return FeatureResult<string>.Fail(ex.Field, ex.Message);
        }
        return FeatureResult<string>.From(result, reference ?? "");
    }

    /// <summary>The applicant declines the offer, giving a reason (kept as the transition's comment for the grants team).</summary>
    public async Task<FeatureResult<bool>> DeclineOfferAsync(int applicationId, Actor actor, string? reason, string idempotencyKey,
        int? expectedVersion = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (string.IsNullOrWhiteSpace(reason))
        {
            return FeatureResult<bool>.Fail("Reason", "Tell us why you are declining the offer.");
        }
        if (reason.Trim().Length > 2000)
        {
            return FeatureResult<bool>.Fail("Reason", "The reason must be 2,000 characters or fewer.");
        }
        var result = await workflow.FireAsync(
            new TransitionRequest(new CaseRef(CaseKind.Application, applicationId), ApplicationTriggers.DeclineOffer, actor, idempotencyKey)
            {
                Comment = reason.Trim(),
                ExpectedVersion = expectedVersion,
            },
            ct).ConfigureAwait(false);
        return FeatureResult<bool>.From(result, true);
    }

    private async Task<string> CreateAwardAsync(GrantsDbContext db, int applicationId, IReadOnlyList<Instalment>? schedule, CancellationToken ct)
    {
        var application = await db.Applications
            .Include(a => a.Round)
            .Include(a => a.BudgetLines).Include(a => a.Indicators).Include(a => a.Objectives).Include(a => a.NationalPriorities)
            .FirstAsync(a => a.Id == applicationId, ct).ConfigureAwait(false);
        var decision = await db.Decisions.Where(d => d.ApplicationId == applicationId
                && (d.Outcome == DecisionOutcome.Approve || d.Outcome == DecisionOutcome.PartFund))
            .OrderByDescending(d => d.Id).FirstAsync(ct).ConfigureAwait(false);
        var plan = Plan(application, decision, schedule);
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
            EndDate = plan.End, PaymentBasis = PaymentBasis.Arrears,
        };
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
            workflow.Start(payment);
            award.Payments.Add(payment);
        }
        award.YearSplits.AddRange(instalments.GroupBy(i => FinancialYear.Containing(i.Due).StartYear)
            .Select(g => new AwardYearSplit { FinancialYearStart = g.Key, AmountPence = g.Sum(i => i.Amount.Pence) }));
        n = 0;
        foreach (var period in plan.Returns)
        {
            var ret = new MonitoringReturn { ReturnReference = $"{award.AwardReference}-R{++n}", PeriodStart = period.Start, PeriodEnd = period.End, DueDate = period.Due };
            workflow.Start(ret);
            award.Returns.Add(ret);
        }
        workflow.Start(award);
        db.Awards.Add(award);
        return award.AwardReference;
    }

    /// <summary>
    /// What accepting the offer today creates: the project dates, the eligible costs (the application's budget lines, scaled
    /// when part-funded), the payment schedule (the given one, or the default) and the quarterly monitoring returns. The
    /// offer page shows this plan, and <see cref="AcceptOfferAsync"/> builds the award from it, so the two cannot differ.
    /// </summary>
    public AwardPlan Plan(GrantApplication application, Decision decision, IReadOnlyList<Instalment>? schedule = null)
    {
        ArgumentNullException.ThrowIfNull(application);
        ArgumentNullException.ThrowIfNull(decision);
        var today = UkTime.ToUkDate(clock.GetUtcNow());
        var start = application.ProjectStart is { } s && s > today ? s : today;
        var end = application.ProjectEnd is { } e && e > start ? e : start.AddYears(1).AddDays(-1);
        var amount = decision.Amount;
        var costLines = Scale(application.BudgetLines, amount, application.AmountRequested).Select(x => new PlannedCostLine(x.Line.Description, x.Amount)).ToList();
        var returns = new List<ReturnPeriod>();
        for (var q = FinancialQuarter.Containing(start); q.Start <= end; q = q.Next)
        {
            var periodEnd = q.End > end ? end : q.End;
            returns.Add(new ReturnPeriod(q.Start < start ? start : q.Start, periodEnd, periodEnd.AddMonths(1)));
        }
        return new AwardPlan(today, start, end, amount, costLines, (schedule ?? DefaultSchedule(amount, start, end)).OrderBy(i => i.Due).ToList(), returns);
    }

    /// <summary>Half on acceptance, half at the midpoint of the project.</summary>
    private static List<Instalment> DefaultSchedule(Money amount, DateOnly start, DateOnly end)
    {
        var parts = amount.Allocate([50, 50]);
        var midpoint = start.AddDays((end.DayNumber - start.DayNumber) / 2);
        return [new Instalment(start, parts[0]), new Instalment(midpoint, parts[1])];
    }

    private static IEnumerable<(ApplicationBudgetLine Line, Money Amount)> Scale(List<ApplicationBudgetLine> lines, Money awarded, Money requested)
    {
        var ordered = lines.OrderBy(l => l.Order).ToList();
        if (ordered.Count == 0 || awarded == requested)
        {
            return ordered.Select(l => (l, new Money(l.AmountPence)));
        }
        var remaining = awarded.Pence;
        return ordered.Select((l, i) =>
        {
            var share = i == ordered.Count - 1 ? remaining : l.AmountPence * awarded.Pence / requested.Pence;
            remaining -= share;
            return (l, new Money(share));
        }).ToList();
    }
}
