using System.Globalization;

namespace GrantsCommissioning.Core.Domain;

/// <summary>A UK public-sector financial year, 1 April to 31 March, named by the year it starts in (2013 is 2013/14).</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(FinancialYearJsonConverter))]
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
