namespace GrantsCommissioning.Core.Domain;

/// <summary>Conversions between stored UTC instants and UK local time (GMT/BST), where deadlines are reasoned about.</summary>
public static class UkTime
{
    public static readonly TimeZoneInfo Zone = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");

    public static DateTimeOffset ToUk(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, Zone);

    public static DateOnly ToUkDate(DateTimeOffset instant) => DateOnly.FromDateTime(ToUk(instant).DateTime);

    /// <summary>The UTC instant of a UK wall-clock time; an hour skipped by the clocks going forward is read as the hour after.</summary>
    public static DateTimeOffset FromUkLocal(DateTime local)
    {
        var unspecified = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        if (Zone.IsInvalidTime(unspecified))
        {
            unspecified = unspecified.AddHours(1);
        }
        var offset = Zone.GetUtcOffset(unspecified);
        return new DateTimeOffset(unspecified, offset).ToUniversalTime();
    }

    public static DateTimeOffset FromUkLocal(DateOnly date, TimeOnly time) => FromUkLocal(date.ToDateTime(time));

    /// <summary>"12:00 on Friday 30 June 2023 (UK time)".</summary>
    public static string Describe(DateTimeOffset instant)
    {
        var local = ToUk(instant);
        return local.ToString("HH:mm 'on' dddd d MMMM yyyy", System.Globalization.CultureInfo.GetCultureInfo("en-GB")) + " (UK time)";
    }
}
