using System.Text.RegularExpressions;

namespace GrantsCommissioning.Web.Components.Shared;

/// <summary>Workflow state names as people read them: "OfferMade" → "Offer made".</summary>
public static partial class StateNames
{
    public static string Describe(string state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var words = Words().Replace(state, " $1").Trim();
        return words.Length == 0 ? words : words[0] + words[1..].ToLowerInvariant();
    }

    [GeneratedRegex("(?<!^)([A-Z])")]
    private static partial Regex Words();
}
