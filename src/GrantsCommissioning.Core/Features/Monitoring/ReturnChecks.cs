using System.Globalization;
using GrantsCommissioning.Core.Domain;

namespace GrantsCommissioning.Core.Features.Monitoring;

public enum ReturnFlagKind
{
    SpendAboveBudgetLine = 1,
    IndicatorJump = 2,
    MissingEvidence = 3,
    SpendAheadOfPayments = 4,
    CumulativeSpendDown = 5,
}

/// <summary>An automatic check that a return failed, with the reason the officer reads.</summary>
public sealed record ReturnFlag(ReturnFlagKind Kind, string Reason);

/// <summary>One cost line of a return: its budget, what earlier returns reported and this period's spend.</summary>
public sealed record SpendRow(int CostLineId, string Description, Money Budget, Money Before, Money ThisPeriod)
{
    public Money ToDate => Before + ThisPeriod;
}

/// <summary>One indicator of a return: the grant's target, the previous period's value and this period's.</summary>
public sealed record IndicatorRow(int IndicatorId, string Name, string Unit, double Target, double? Previous, double? ThisPeriod);

/// <summary>What the checks read about a return: spend and indicators by line, the evidence files and the payments received.</summary>
public sealed record ReturnFigures(IReadOnlyList<SpendRow> Spend, IReadOnlyList<IndicatorRow> Indicators, int EvidenceFiles, Money PaidToDate);

/// <summary>
/// The automatic checks on a submitted return. Each compares a figure with its threshold and flags only when the figure
/// is beyond it (a figure exactly at the threshold passes).
/// </summary>
public static class ReturnChecks
{
    private static readonly CultureInfo Uk = CultureInfo.GetCultureInfo("en-GB");

    public static IReadOnlyList<ReturnFlag> Run(ReturnFigures figures, MonitoringOptions options)
    {
        ArgumentNullException.ThrowIfNull(figures);
        ArgumentNullException.ThrowIfNull(options);
        var flags = new List<ReturnFlag>();
        foreach (var line in figures.Spend.Where(l => l.ToDate > l.Budget))
        {
            flags.Add(new ReturnFlag(ReturnFlagKind.SpendAboveBudgetLine,
                $"Spend to date on {line.Description} is {line.ToDate}, {line.ToDate - line.Budget} above its budget of {line.Budget}."));
        }
        foreach (var line in figures.Spend.Where(l => l.ThisPeriod.IsNegative))
        {
            flags.Add(new ReturnFlag(ReturnFlagKind.CumulativeSpendDown,
                $"Spend to date on {line.Description} went down from {line.Before} to {line.ToDate}: this period reports {line.ThisPeriod}. Ask what was refunded or corrected."));
        }
        foreach (var i in figures.Indicators)
        {
            if (i is { Previous: > 0 and var previous, ThisPeriod: { } now } && Math.Abs(now - previous) * 100 > options.IndicatorJumpPercent * previous)
            {
                var change = (now - previous) / previous * 100;
                flags.Add(new ReturnFlag(ReturnFlagKind.IndicatorJump, string.Create(Uk,
                    $"{i.Name} ({i.Unit}) moved from {previous:#,0.##} to {now:#,0.##} ({change:+0;-0}%), beyond the {options.IndicatorJumpPercent}% expected between periods.")));
            }
        }
        var periodSpend = Money.Sum(figures.Spend.Select(l => l.ThisPeriod));
        if (figures.EvidenceFiles == 0 && periodSpend.Pence > options.EvidenceRequiredAbovePence)
        {
            flags.Add(new ReturnFlag(ReturnFlagKind.MissingEvidence,
                $"{periodSpend} was spent this period with no evidence file; evidence is expected above {new Money(options.EvidenceRequiredAbovePence)}."));
        }
        var toDate = Money.Sum(figures.Spend.Select(l => l.ToDate));
        if (toDate > figures.PaidToDate)
        {
            flags.Add(new ReturnFlag(ReturnFlagKind.SpendAheadOfPayments,
                $"Spend reported to date ({toDate}) is {toDate - figures.PaidToDate} ahead of the payments received ({figures.PaidToDate})."));
        }
        return flags;
    }

    /// <summary>The most spend to date a cost line may reach before a return is refused: its budget plus the tolerance.</summary>
    public static Money MostAllowed(Money budget, MonitoringOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new Money(budget.Pence + (budget.Pence * options.LineOverspendTolerancePercent / 100));
    }
}
