using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Core.Features.Monitoring;

namespace GrantsCommissioning.Core.Tests.Features.Monitoring;

/// <summary>Each automatic check at its threshold (no flag) and either side of it.</summary>
public sealed class ReturnChecksTests
{
    private static readonly MonitoringOptions Options = new() { IndicatorJumpPercent = 50, EvidenceRequiredAbovePence = 100_000 };

    [Theory]
    [InlineData(419_999, false)]
    [InlineData(420_000, false)]
    [InlineData(420_001, true)]
    public void SpendAboveBudgetLine_FlagsOnlySpendToDateBeyondTheLine(long toDatePence, bool flagged)
    {
        var figures = Figures(spend: [new SpendRow(1, "Equipment", new Money(420_000), new Money(100_000), new Money(toDatePence - 100_000))], paid: new Money(10_000_000));

        var flags = Kinds(figures);

        Assert.Equal(flagged, flags.Contains(ReturnFlagKind.SpendAboveBudgetLine));
    }

    [Fact]
    public void SpendAboveBudgetLine_ReasonNamesTheLineTheSpendAndTheBudget()
    {
        var figures = Figures(spend: [new SpendRow(1, "Equipment", new Money(420_000), new Money(400_000), new Money(30_000))], paid: new Money(10_000_000));

        var flag = Assert.Single(ReturnChecks.Run(figures, Options));

        Assert.Equal("Spend to date on Equipment is £4,300.00, £100.00 above its budget of £4,200.00.", flag.Reason);
    }

    [Theory]
    [InlineData(149, false)]
    [InlineData(150, false)]
    [InlineData(151, true)]
    [InlineData(51, false)]
    [InlineData(50, false)]
    [InlineData(49, true)]
    public void IndicatorJump_FlagsAMoveBeyondThePercentageEitherWay(double now, bool flagged)
    {
        var figures = Figures(indicators: [new IndicatorRow(1, "Young people reached", "people", 400, 100, now)]);

        Assert.Equal(flagged, Kinds(figures).Contains(ReturnFlagKind.IndicatorJump));
    }

    /// <summary>The unit goes with the indicator's name, as the return form says it ("22 number" read as a misprint).</summary>
    [Fact]
    public void IndicatorJump_ReasonNamesTheIndicatorWithItsUnit_BothValuesAndTheChange()
    {
        var figures = Figures(indicators: [new IndicatorRow(1, "Businesses in the scheme", "number", 40, 14, 22)]);

        var flag = Assert.Single(ReturnChecks.Run(figures, Options), f => f.Kind == ReturnFlagKind.IndicatorJump);

        Assert.Equal("Businesses in the scheme (number) moved from 14 to 22 (+57%), beyond the 50% expected between periods.", flag.Reason);
    }

    [Fact]
    public void IndicatorJump_WithNoEarlierValue_IsNotFlagged()
    {
        var figures = Figures(indicators: [new IndicatorRow(1, "Young people reached", "people", 400, null, 300), new IndicatorRow(2, "Sessions", "sessions", 40, 0, 12)]);

        Assert.DoesNotContain(ReturnFlagKind.IndicatorJump, Kinds(figures));
    }

    [Theory]
    [InlineData(99_999, 0, false)]
    [InlineData(100_000, 0, false)]
    [InlineData(100_001, 0, true)]
    [InlineData(100_001, 1, false)]
    public void MissingEvidence_FlagsSpendAboveTheValueWithNoFile(long periodPence, int files, bool flagged)
    {
        var figures = Figures(spend: [new SpendRow(1, "Staff", new Money(10_000_000), Money.Zero, new Money(periodPence))], paid: new Money(10_000_000), evidence: files);

        Assert.Equal(flagged, Kinds(figures).Contains(ReturnFlagKind.MissingEvidence));
    }

    [Theory]
    [InlineData(299_999, false)]
    [InlineData(300_000, false)]
    [InlineData(300_001, true)]
    public void SpendAheadOfPayments_FlagsSpendToDateAbovePaymentsReceived(long toDatePence, bool flagged)
    {
        var figures = Figures(spend: [new SpendRow(1, "Staff", new Money(10_000_000), new Money(200_000), new Money(toDatePence - 200_000))], paid: new Money(300_000), evidence: 1);

        Assert.Equal(flagged, Kinds(figures).Contains(ReturnFlagKind.SpendAheadOfPayments));
    }

    [Theory]
    [InlineData(-1, true)]
    [InlineData(0, false)]
    [InlineData(1, false)]
    public void CumulativeSpendDown_FlagsOnlySpendToDateBelowTheEarlierTotal(long thisPeriodPence, bool flagged)
    {
        var figures = Figures(spend: [new SpendRow(1, "Equipment", new Money(420_000), new Money(100_000), new Money(thisPeriodPence))], paid: new Money(10_000_000));

        Assert.Equal(flagged, Kinds(figures).Contains(ReturnFlagKind.CumulativeSpendDown));
    }

    [Fact]
    public void CumulativeSpendDown_ReasonGivesTheTotalsBeforeAndAfter()
    {
        var figures = Figures(spend: [new SpendRow(1, "Equipment", new Money(420_000), new Money(100_000), new Money(-30_000))], paid: new Money(10_000_000));

        var flag = Assert.Single(ReturnChecks.Run(figures, Options));

        Assert.Equal("Spend to date on Equipment went down from £1,000.00 to £700.00: this period reports -£300.00. Ask what was refunded or corrected.", flag.Reason);
    }

    [Theory]
    [InlineData(10, 462_000)]
    [InlineData(0, 420_000)]
    public void MostAllowed_IsTheBudgetPlusTheTolerance(int tolerance, long expectedPence) =>
        Assert.Equal(new Money(expectedPence), ReturnChecks.MostAllowed(new Money(420_000), new MonitoringOptions { LineOverspendTolerancePercent = tolerance }));

    private static List<ReturnFlagKind> Kinds(ReturnFigures figures) => ReturnChecks.Run(figures, Options).Select(f => f.Kind).ToList();

    private static ReturnFigures Figures(SpendRow[]? spend = null, IndicatorRow[]? indicators = null, Money? paid = null, int evidence = 0) =>
        new(spend ?? [], indicators ?? [], evidence, paid ?? Money.Zero);
}
