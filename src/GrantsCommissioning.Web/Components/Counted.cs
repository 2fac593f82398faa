using System.Globalization;

namespace GrantsCommissioning.Web.Components;

/// <summary>A count with its noun in the right number: "1 payment", "2 payments", "0 rows".</summary>
public static class Counted
{
    public static string Of(int count, string noun) =>
        string.Create(CultureInfo.InvariantCulture, $"{count} {(count == 1 ? noun : noun + "s")}");
}
