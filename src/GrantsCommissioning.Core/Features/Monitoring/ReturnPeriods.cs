using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Core.Features.Awards;

namespace GrantsCommissioning.Core.Features.Monitoring;

/// <summary>The reporting periods of an award's profile: financial quarters, financial half-years, or the whole grant at once.</summary>
public static class ReturnPeriods
{
    /// <summary>The profile an award of <paramref name="amount"/> gets (see <see cref="MonitoringOptions"/>): small grants report less often.</summary>
    public static ReturnProfile ProfileFor(Money amount, MonitoringOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return amount.Pence <= options.FinalOnlyUpToPence ? ReturnProfile.FinalOnly
            : amount.Pence <= options.SixMonthlyUpToPence ? ReturnProfile.SixMonthly
            : ReturnProfile.Quarterly;
    }

    /// <summary>Each period from <paramref name="start"/> to <paramref name="end"/>, the last one ending with the grant, due a month after it ends.</summary>
    public static IReadOnlyList<ReturnPeriod> For(ReturnProfile profile, DateOnly start, DateOnly end)
    {
        var periods = new List<ReturnPeriod>();
        for (var from = start; from <= end;)
        {
            var to = Min(BlockEnd(profile, from, end), end);
            periods.Add(new ReturnPeriod(from, to, ReturnTimetable.DueFor(to)));
            from = to.AddDays(1);
        }
        return periods;
    }

    /// <summary>The last day of the period of <paramref name="profile"/> that holds <paramref name="day"/>.</summary>
    public static DateOnly BlockEnd(ReturnProfile profile, DateOnly day, DateOnly grantEnd)
    {
        if (profile == ReturnProfile.FinalOnly)
        {
            return grantEnd;
        }
        var months = profile == ReturnProfile.SixMonthly ? 6 : 3;
        var year = FinancialYear.Containing(day);
        var monthsIn = ((day.Year - year.Start.Year) * 12) + day.Month - year.Start.Month;
        return year.Start.AddMonths(((monthsIn / months) + 1) * months).AddDays(-1);
    }

    private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;
}
