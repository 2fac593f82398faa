using System.Globalization;

namespace GrantsCommissioning.Core.Domain;

/// <summary>An amount of sterling held as whole pence, so sums and comparisons are exact and can run in SQL.</summary>
public readonly record struct Money(long Pence) : IComparable<Money>
{
    private static readonly CultureInfo UkCulture = CultureInfo.GetCultureInfo("en-GB");

    public static Money Zero => new(0);

    public static Money FromPounds(decimal pounds)
    {
        var pence = pounds * 100m;
        if (pence != decimal.Truncate(pence))
        {
            throw new ArgumentException($"£{pounds} has a fraction of a penny.", nameof(pounds));
        }
        return new Money((long)pence);
    }

    public decimal Pounds => Pence / 100m;

    public bool IsNegative => Pence < 0;

    public static Money operator +(Money a, Money b) => new(checked(a.Pence + b.Pence));
    public static Money operator -(Money a, Money b) => new(checked(a.Pence - b.Pence));
    public static Money operator -(Money a) => new(-a.Pence);
    public static bool operator <(Money a, Money b) => a.Pence < b.Pence;
    public static bool operator >(Money a, Money b) => a.Pence > b.Pence;
    public static bool operator <=(Money a, Money b) => a.Pence <= b.Pence;
    public static bool operator >=(Money a, Money b) => a.Pence >= b.Pence;

    public int CompareTo(Money other) => Pence.CompareTo(other.Pence);

    /// <summary>Splits the amount by whole-percent shares so the parts add back to the whole (largest remainder).</summary>
    public IReadOnlyList<Money> Allocate(IReadOnlyList<int> percentShares)
    {
        ArgumentNullException.ThrowIfNull(percentShares);
        if (percentShares.Sum() != 100)
        {
            throw new ArgumentException("Shares must sum to 100%.", nameof(percentShares));
        }
        var total = Pence;
        var parts = percentShares.Select(s => total * s / 100).ToArray();
        var remainder = total - parts.Sum();
        var order = percentShares
            .Select((s, i) => (Index: i, Fraction: total * s % 100))
            .OrderByDescending(x => Math.Abs(x.Fraction))
            .ThenBy(x => x.Index)
            .Select(x => x.Index)
            .ToList();
        var step = Math.Sign(remainder);
        for (var k = 0; remainder != 0; k++, remainder -= step)
        {
            parts[order[k % order.Count]] += step;
        }
        return parts.Select(p => new Money(p)).ToList();
    }

    /// <summary>£1,369,313.00; negative amounts as -£250.00.</summary>
    public override string ToString() => (Pence < 0 ? "-" : "") + Math.Abs(Pounds).ToString("£#,##0.00", UkCulture);

    /// <summary>Whole pounds where there are no pence (£1,369,313), as the Panel reports print them.</summary>
    public string ToShortString() => Pence % 100 == 0
        ? (Pence < 0 ? "-" : "") + Math.Abs(Pence / 100).ToString("£#,##0", UkCulture)
        : ToString();

    public static Money Sum(IEnumerable<Money> amounts) => new(amounts.Sum(a => a.Pence));

    public static bool TryParse(string? text, out Money money)
    {
        money = Zero;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }
        var cleaned = text.Trim().Replace("£", "", StringComparison.Ordinal).Replace(",", "", StringComparison.Ordinal);
        if (!decimal.TryParse(cleaned, NumberStyles.Number, CultureInfo.InvariantCulture, out var pounds)
            || decimal.Round(pounds, 2) != pounds)
        {
            return false;
        }
        money = new Money((long)(pounds * 100m));
        return true;
    }
}
