namespace GrantsCommissioning.Web.Components.Shared;

/// <summary>Turns a service's field key ("Lines[0].Amount") into the id of its input ("Lines-0-Amount"), so error links reach the field.</summary>
public static class FieldIds
{
    public static string For(string key) =>
        (key ?? "").Replace("[", "-", StringComparison.Ordinal).Replace("]", "", StringComparison.Ordinal).Replace(".", "-", StringComparison.Ordinal)
            .Replace(":", "-", StringComparison.Ordinal);

    public static readonly IReadOnlyDictionary<string, string> None = new Dictionary<string, string>();
}
