using System.Text.Json;

namespace GrantsCommissioning.Core.Domain;

/// <summary>
/// Working days in England and Wales: Monday to Friday except bank holidays. The bank holidays come from the data file
/// shipped in seed-data/bank-holidays (GOV.UK's published list), never fetched; years the file does not cover count
/// weekends only, and <see cref="Covers"/> says which those are.
/// </summary>
public sealed class WorkingDays
{
    private readonly HashSet<DateOnly> holidays;

    public WorkingDays(IEnumerable<DateOnly> bankHolidays)
    {
        ArgumentNullException.ThrowIfNull(bankHolidays);
        holidays = [.. bankHolidays];
        FirstYear = holidays.Count == 0 ? 0 : holidays.Min().Year;
        LastYear = holidays.Count == 0 ? 0 : holidays.Max().Year;
    }

    public int FirstYear { get; }

    public int LastYear { get; }

    public bool Covers(DateOnly date) => date.Year >= FirstYear && date.Year <= LastYear;

    public bool IsBankHoliday(DateOnly date) => holidays.Contains(date);

    public bool IsWorkingDay(DateOnly date) => date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !holidays.Contains(date);

    /// <summary>
    /// The working day <paramref name="days"/> working days after <paramref name="date"/> (before it when negative);
    /// the date itself is not counted, so 1 is the next working day and -1 the last working day before it.
    /// </summary>
    public DateOnly Add(DateOnly date, int days)
    {
        var step = days < 0 ? -1 : 1;
        var left = Math.Abs(days);
        var day = date;
        while (left > 0)
        {
            day = day.AddDays(step);
            if (IsWorkingDay(day))
            {
                left--;
            }
        }
        return day;
    }

    /// <summary>Reads GOV.UK's format for one division: <c>{"division": "england-and-wales", "events": [{"title": …, "date": "yyyy-MM-dd"}]}</c>.</summary>
    public static WorkingDays Load(string path)
    {
        using var stream = File.OpenRead(path);
        using var json = JsonDocument.Parse(stream);
        var dates = json.RootElement.GetProperty("events").EnumerateArray()
            .Select(e => DateOnly.ParseExact(e.GetProperty("date").GetString()!, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture))
            .ToList();
        if (dates.Count == 0)
        {
            throw new InvalidDataException($"{path} lists no bank holidays.");
        }
        return new WorkingDays(dates);
    }
}
