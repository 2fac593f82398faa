using System.Globalization;

namespace GrantsCommissioning.Web.Components.Shared;

/// <summary>
/// Value axes of the staff charts: money labels short enough to fit the chart's margin (£950, £45k, £1.4m; a full
/// "£1,369,313" is cut off at the chart's left edge) and axis widths that show every label whole. The table under each
/// chart has the exact figures.
/// </summary>
public static class ChartAxis
{
    private static readonly CultureInfo Uk = CultureInfo.GetCultureInfo("en-GB");

    /// <summary>
    /// The width in pixels of a vertical money axis (RadzenValueAxis Width): labels, tick and gap. Radzen sizes an axis
    /// from its own table of character widths, which has no "£" (it counts as nothing), so left to itself it cuts the £
    /// off every label. This fits labels of up to six characters (£12.5k, -£250k) in the chart's 14px font.
    /// </summary>
    public const int PoundsWidth = 60;

    /// <summary>The width of a vertical count axis, labels of up to three digits: Radzen's own measure cuts a digit off "60" at 320 px.</summary>
    public const int CountWidth = 40;

    /// <summary>A money axis label (RadzenValueAxis Formatter): whole pounds up to £999, then thousands and millions to one decimal place.</summary>
    public static string Pounds(object value)
    {
        var pounds = Convert.ToDecimal(value, CultureInfo.InvariantCulture);
        var size = Math.Abs(pounds);
        var sign = pounds < 0 ? "-" : "";
        return size switch
        {
            >= 1_000_000m => sign + "£" + (size / 1_000_000m).ToString("0.#", Uk) + "m",
            >= 1_000m => sign + "£" + (size / 1_000m).ToString("0.#", Uk) + "k",
            _ => sign + "£" + size.ToString("0", Uk),
        };
    }
}
