using System.Diagnostics.CodeAnalysis;

namespace GrantsCommissioning.Web.Security;

/// <summary>The one check every returnUrl passes before the site redirects to it: only a path on this site.</summary>
public static class LocalUrl
{
    /// <summary>
    /// "/" or "/path", never "//host" or "/\host". Browsers drop tabs and line breaks from a URL, so "/\t/evil.example"
    /// would become "//evil.example": any control character fails the check.
    /// </summary>
    public static bool IsLocal([NotNullWhen(true)] string? url) =>
        url is { Length: > 0 } && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\')) && !url.Any(char.IsControl);

    public static string OrDefault(string? url, string fallback) => IsLocal(url) ? url : fallback;

    /// <summary>
    /// Where to send someone back to: a local path, a path relative to <paramref name="baseUri"/> ("Account/Manage"), or an
    /// absolute address under <paramref name="baseUri"/>; anything else (another host, a scheme) is the site's home page.
    /// </summary>
    public static string OnThisSite(string? url, string baseUri)
    {
        ArgumentNullException.ThrowIfNull(baseUri);
        var home = new Uri(baseUri).AbsolutePath;
        if (string.IsNullOrEmpty(url))
        {
            return home;
        }
        var path = url.StartsWith(baseUri, StringComparison.OrdinalIgnoreCase) ? home + url[baseUri.Length..]
            : url[0] == '/' ? url
            : HasScheme(url) ? null
            : home + url;
        return OrDefault(path, home);
    }

    private static bool HasScheme(string url)
    {
        var colon = url.IndexOf(':', StringComparison.Ordinal);
        var end = url.IndexOfAny(['/', '?', '#']);
        return colon >= 0 && (end < 0 || colon < end);
    }
}
