using System.Globalization;

namespace GrantsCommissioning.Core.Domain;

/// <summary>A quarter of a UK financial year: Q1 April–June, Q2 July–September, Q3 October–December, Q4 January–March.</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(FinancialQuarterJsonConverter))]
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
