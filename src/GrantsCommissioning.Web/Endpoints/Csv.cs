namespace GrantsCommissioning.Web.Endpoints;

/// <summary>CSV downloads of staff tables.</summary>
internal static class Csv
{
    /// <summary>A CSV cell, quoted, and with a leading formula character neutralised so a spreadsheet does not run it.</summary>
    public static string Cell(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var safe = value.Length > 0 && "=+-@".Contains(value[0], StringComparison.Ordinal) ? "'" + value : value;
        return "\"" + safe.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }
}
