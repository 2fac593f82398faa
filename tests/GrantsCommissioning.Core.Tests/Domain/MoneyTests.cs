using GrantsCommissioning.Core.Domain;

namespace GrantsCommissioning.Core.Tests.Domain;

public class MoneyTests
{
    [Fact]
    public void ToString_FormatsAsPoundsWithThousandsSeparators()
    {
        Assert.Equal("£1,369,313.00", Money.FromPounds(1_369_313m).ToString());
        Assert.Equal("£0.05", new Money(5).ToString());
        Assert.Equal("-£250.00", Money.FromPounds(-250m).ToString());
        Assert.Equal("£1,369,313", Money.FromPounds(1_369_313m).ToShortString());
        Assert.Equal("£12.50", Money.FromPounds(12.5m).ToShortString());
    }

    [Fact]
    public void FromPounds_WhenFractionOfAPenny_Throws()
    {
        Assert.Throws<ArgumentException>(() => Money.FromPounds(1.005m));
    }

    [Theory]
    [InlineData("£1,000.50", true, 100_050)]
    [InlineData("500", true, 50_000)]
    [InlineData(" 12.3 ", true, 1_230)]
    [InlineData("12.345", false, 0)]
    [InlineData("twelve", false, 0)]
    [InlineData("", false, 0)]
    public void TryParse_ReadsWhatPeopleType(string text, bool ok, long pence)
    {
        Assert.Equal(ok, Money.TryParse(text, out var money));
        Assert.Equal(pence, money.Pence);
    }

    [Theory]
    [InlineData(100_001, new[] { 60, 40 }, new long[] { 60_001, 40_000 })]
    [InlineData(1, new[] { 50, 50 }, new long[] { 1, 0 })]
    [InlineData(1_000, new[] { 33, 33, 34 }, new long[] { 330, 330, 340 })]
    [InlineData(101, new[] { 33, 33, 34 }, new long[] { 33, 33, 35 })]
    public void Allocate_SplitsByShareAndTheSumIsExact(long pence, int[] shares, long[] expected)
    {
        var parts = new Money(pence).Allocate(shares);

        Assert.Equal(expected, parts.Select(p => p.Pence));
        Assert.Equal(pence, parts.Sum(p => p.Pence));
    }

    [Fact]
    public void Allocate_WhenSharesDoNotSumTo100_Throws()
    {
        Assert.Throws<ArgumentException>(() => new Money(100).Allocate([60, 30]));
    }

    [Fact]
    public void Arithmetic_AndComparison_WorkInPence()
    {
        var a = Money.FromPounds(10m);
        var b = Money.FromPounds(2.5m);

        Assert.Equal(Money.FromPounds(12.5m), a + b);
        Assert.Equal(Money.FromPounds(7.5m), a - b);
        Assert.True(b < a);
        Assert.Equal(Money.FromPounds(12.5m), Money.Sum([a, b]));
    }
}
