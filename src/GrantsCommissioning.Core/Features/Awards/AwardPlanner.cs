using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Core.Features.Monitoring;
using Microsoft.Extensions.Options;

namespace GrantsCommissioning.Core.Features.Awards;

/// <summary>Works out the grant agreement an offer becomes; the offer page shows it and accepting builds the award from it.</summary>
public sealed class AwardPlanner(TimeProvider clock, IOptions<MonitoringOptions> options)
{
    /// <summary>
    /// What accepting the offer today creates: the project dates, the eligible costs (the application's budget lines, scaled
    /// when part-funded), the payment schedule (the given one, or the default) and the monitoring returns of the award's profile (quarterly,
    /// six-monthly or final only, by amount). The
    /// offer page shows this plan, and <see cref="AcceptOfferHandler"/> builds the award from it, so the two cannot differ.
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
        var profile = ReturnPeriods.ProfileFor(amount, options.Value);
        return new AwardPlan(today, start, end, amount, costLines, (schedule ?? DefaultSchedule(amount, start, end)).OrderBy(i => i.Due).ToList(),
            ReturnPeriods.For(profile, start, end), profile);
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
