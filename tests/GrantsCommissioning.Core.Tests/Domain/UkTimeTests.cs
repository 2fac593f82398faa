using GrantsCommissioning.Core.Domain;

namespace GrantsCommissioning.Core.Tests.Domain;

public class UkTimeTests
{
    [Fact]
    public void FromUkLocal_InSummer_IsBstOneHourAheadOfUtc()
    {
        var noon = UkTime.FromUkLocal(new DateOnly(2013, 6, 28), new TimeOnly(12, 0));

        Assert.Equal(new DateTimeOffset(2013, 6, 28, 11, 0, 0, TimeSpan.Zero), noon);
    }

    [Fact]
    public void FromUkLocal_InWinter_IsGmt()
    {
        var five = UkTime.FromUkLocal(new DateOnly(2014, 1, 31), new TimeOnly(17, 0));

        Assert.Equal(new DateTimeOffset(2014, 1, 31, 17, 0, 0, TimeSpan.Zero), five);
    }

    [Fact]
    public void FromUkLocal_InTheSkippedHour_MovesToTheHourAfter()
    {
        // Clocks went forward at 01:00 GMT on 31 March 2013: 01:30 local time did not exist.
        var skipped = UkTime.FromUkLocal(new DateOnly(2013, 3, 31), new TimeOnly(1, 30));

        Assert.Equal(new DateTimeOffset(2013, 3, 31, 1, 30, 0, TimeSpan.Zero), skipped);
    }

    [Fact]
    public void ToUkDate_JustAfterMidnightBst_IsTheNextUkDay()
    {
        var instant = new DateTimeOffset(2013, 6, 30, 23, 30, 0, TimeSpan.Zero);

        Assert.Equal(new DateOnly(2013, 7, 1), UkTime.ToUkDate(instant));
        Assert.Equal(new FinancialYear(2013).Quarter(2), FinancialQuarter.Containing(instant));
    }

    [Fact]
    public void Describe_ReadsAsAPersonWould()
    {
        var closes = UkTime.FromUkLocal(new DateOnly(2013, 12, 31), new TimeOnly(17, 0));

        Assert.Equal("17:00 on Tuesday 31 December 2013 (UK time)", UkTime.Describe(closes));
    }
}
