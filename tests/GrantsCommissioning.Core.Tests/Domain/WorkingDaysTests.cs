using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.TestCommon.Workflow;

namespace GrantsCommissioning.Core.Tests.Domain;

/// <summary>Working days counted with the England and Wales bank holidays shipped in seed-data/bank-holidays.</summary>
public class WorkingDaysTests
{
    private static readonly WorkingDays Days = WorkingDays.Load(Path.Combine(
        Configuration.RepositoryPaths.Resolve(null, "seed-data", AppContext.BaseDirectory), "bank-holidays", "england-and-wales.json"));

    [Fact]
    public void TheFile_Covers2013To2030_WithEightOrMoreHolidaysEachYear_AllOnWeekdays()
    {
        Assert.Equal((2013, 2030), (Days.FirstYear, Days.LastYear));
        for (var year = 2013; year <= 2030; year++)
        {
            var holidays = Enumerable.Range(0, 365).Select(i => new DateOnly(year, 1, 1).AddDays(i)).Count(Days.IsBankHoliday);
            Assert.InRange(holidays, 8, 10);
        }
    }

    [Theory]
    [InlineData("2013-03-29")] // Good Friday
    [InlineData("2014-04-21")] // Easter Monday
    [InlineData("2020-05-08")] // Early May bank holiday moved for VE day
    [InlineData("2021-12-28")] // Boxing Day substitute
    [InlineData("2022-06-03")] // Platinum Jubilee
    [InlineData("2022-09-19")] // State funeral of Queen Elizabeth II
    [InlineData("2023-05-08")] // Coronation of King Charles III
    [InlineData("2026-08-31")] // Summer bank holiday
    [InlineData("2026-12-28")] // Boxing Day substitute
    public void PublishedBankHolidays_AreNotWorkingDays(string date)
    {
        var day = DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture);

        Assert.True(Days.IsBankHoliday(day));
        Assert.False(Days.IsWorkingDay(day));
    }

    [Fact]
    public void Add_SkipsWeekendsAndBankHolidays_BothWays()
    {
        var maundyThursday = new DateOnly(2026, 4, 2);

        Assert.Equal(new DateOnly(2026, 4, 7), Days.Add(maundyThursday, 1)); // over Good Friday, the weekend and Easter Monday
        Assert.Equal(new DateOnly(2026, 3, 26), Days.Add(maundyThursday, -5)); // back over a weekend
        Assert.Equal(new DateOnly(2026, 4, 21), Days.Add(new DateOnly(2026, 4, 7), 10));
        Assert.Equal(new DateOnly(2026, 9, 1), Days.Add(new DateOnly(2026, 8, 28), 1)); // Friday to the Tuesday after the summer bank holiday
        Assert.Equal(new DateOnly(2026, 8, 28), Days.Add(new DateOnly(2026, 9, 1), -1));
        Assert.Equal(new DateOnly(2026, 8, 28), Days.Add(new DateOnly(2026, 8, 28), 0));
    }
}
