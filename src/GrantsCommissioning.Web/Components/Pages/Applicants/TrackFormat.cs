using System.Globalization;

namespace GrantsCommissioning.Web.Components.Pages.Applicants;

/// <summary>Dates and figures on the applicant's tracking pages, in UK form.</summary>
internal static class TrackFormat
{
    private static readonly CultureInfo Uk = CultureInfo.GetCultureInfo("en-GB");

    public static string Date(DateOnly d) => d.ToString("d MMMM yyyy", Uk);

    public static string Date(DateOnly? d) => d is { } x ? Date(x) : "–";

    public static string Number(double n) => n.ToString("#,##0.##", Uk);

    public static string Period(DateOnly start, DateOnly end) => $"{Date(start)} to {Date(end)}";
}
