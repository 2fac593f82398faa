namespace GrantsCommissioning.Web.Components.Shared;

/// <summary>
/// One series of a Radzen chart, its name and colour in one place: the series takes them as Title and Fill, and the
/// chart's <see cref="ChartKey"/> shows the same, so the key always matches the bars.
/// </summary>
public sealed record ChartSeries(string Title, string Colour)
{
    /// <summary>Awarded or committed money (dark blue).</summary>
    public const string Blue = "#1d4f91";

    /// <summary>Money paid out (green).</summary>
    public const string Green = "#00703c";

    /// <summary>Money reported spent or forecast to pay (light blue, 3.2:1 against white, told from dark blue by lightness).</summary>
    public const string LightBlue = "#5694ca";
}
