using System.Globalization;

namespace GrantsCommissioning.Core.Domain;

/// <summary>A UK public-sector financial year, 1 April to 31 March, named by the year it starts in (2013 is 2013/14).</summary>
public readonly record struct FinancialYear(int StartYear) : IComparable<FinancialYear>
{
    public static FinancialYear Containing(DateOnly date) => new(date.Month >= 4 ? date.Year : date.Year - 1);

    public static FinancialYear Containing(DateTimeOffset instant) => Containing(UkTime.ToUkDate(instant));

    public DateOnly Start => new(StartYear, 4, 1);

    public DateOnly End => new(StartYear + 1, 3, 31);

    public bool Contains(DateOnly date) => date >= Start && date <= End;

    public FinancialYear Next => new(StartYear + 1);

    public FinancialYear Previous => new(StartYear - 1);

    public FinancialQuarter Quarter(int number) => new(this, number);

    public IEnumerable<FinancialQuarter> Quarters => Enumerable.Range(1, 4).Select(Quarter);

    public int CompareTo(FinancialYear other) => StartYear.CompareTo(other.StartYear);

    public static bool operator <(FinancialYear a, FinancialYear b) => a.CompareTo(b) < 0;
    public static bool operator >(FinancialYear a, FinancialYear b) => a.CompareTo(b) > 0;
    public static bool operator <=(FinancialYear a, FinancialYear b) => a.CompareTo(b) <= 0;
    public static bool operator >=(FinancialYear a, FinancialYear b) => a.CompareTo(b) >= 0;

    /// <summary>"2013/14".</summary>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{StartYear}/{(StartYear + 1) % 100:00}");

    /// <summary>Parses "2013/14", "2013-14" or "2013".</summary>
    public static bool TryParse(string? text, out FinancialYear year)
    {
        year = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }
        var parts = text.Trim().Split('/', '-');
        if (!int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var start) || start < 1990 || start > 2200)
        {
            return false;
        }
        if (parts.Length == 2)
        {
            if (!int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var end) || end % 100 != (start + 1) % 100)
            {
                return false;
            }
        }
        else if (parts.Length > 2)
        {
            return false;
        }
        year = new FinancialYear(start);
        return true;
    }

    public static FinancialYear Parse(string text) =>
        TryParse(text, out var year) ? year : throw new FormatException($"'{text}' is not a financial year such as 2013/14.");
}

/// <summary>A quarter of a UK financial year: Q1 April–June, Q2 July–September, Q3 October–December, Q4 January–March.</summary>
public readonly record struct FinancialQuarter : IComparable<FinancialQuarter>
{
    public FinancialQuarter(FinancialYear year, int number)
    {
        if (number is < 1 or > 4)
        {
            throw new ArgumentOutOfRangeException(nameof(number), number, "A quarter is numbered 1 to 4.");
        }
        Year = year;
        Number = number;
    }

    public FinancialYear Year { get; }

    public int Number { get; }

    public static FinancialQuarter Containing(DateOnly date)
    {
        var year = FinancialYear.Containing(date);
        var monthsIn = ((date.Month - 4) + 12) % 12;
        return new FinancialQuarter(year, (monthsIn / 3) + 1);
    }

    public static FinancialQuarter Containing(DateTimeOffset instant) => Containing(UkTime.ToUkDate(instant));

    public DateOnly Start => Year.Start.AddMonths((Number - 1) * 3);

    public DateOnly End => Start.AddMonths(3).AddDays(-1);

    public bool Contains(DateOnly date) => date >= Start && date <= End;

    public FinancialQuarter Next => Number == 4 ? new(Year.Next, 1) : new(Year, Number + 1);

    public int CompareTo(FinancialQuarter other) =>
        Year.CompareTo(other.Year) is var c and not 0 ? c : Number.CompareTo(other.Number);

    public static bool operator <(FinancialQuarter a, FinancialQuarter b) => a.CompareTo(b) < 0;
    public static bool operator >(FinancialQuarter a, FinancialQuarter b) => a.CompareTo(b) > 0;
    public static bool operator <=(FinancialQuarter a, FinancialQuarter b) => a.CompareTo(b) <= 0;
    public static bool operator >=(FinancialQuarter a, FinancialQuarter b) => a.CompareTo(b) >= 0;

    /// <summary>"2013/14 Q1".</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Year} Q{Number}");

    /// <summary>"April – June 2013".</summary>
    public string Describe() =>
        string.Create(CultureInfo.GetCultureInfo("en-GB"), $"{Start:MMMM} – {End:MMMM yyyy}");
}
