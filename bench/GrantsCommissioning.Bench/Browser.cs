using System.Net;
using System.Text.RegularExpressions;

namespace GrantsCommissioning.Bench;

/// <summary>
/// One applicant's browser: its own cookie jar over a shared HTTP connection pool. Cookies are kept by hand because
/// the app's cookies are Secure (<c>__Host-</c> prefix) and .NET's CookieContainer will not send a Secure cookie over
/// plain HTTP to 127.0.0.1, which a browser treats as a secure context.
/// </summary>
internal sealed partial class Browser(HttpClient http)
{
    private readonly Dictionary<string, string> _cookies = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, IEnumerable<KeyValuePair<string, string>>? form, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
        if (form is not null)
        {
            request.Content = new FormUrlEncodedContent(form);
        }
        lock (_gate)
        {
            if (_cookies.Count > 0)
            {
                request.Headers.Add("Cookie", string.Join("; ", _cookies.Select(c => c.Key + "=" + c.Value)));
            }
        }
        var response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, ct);
        if (response.Headers.TryGetValues("Set-Cookie", out var setCookies))
        {
            lock (_gate)
            {
                foreach (var header in setCookies)
                {
                    Store(header);
                }
            }
        }
        return response;
    }

    public async Task<(HttpStatusCode Status, string Html)> GetAsync(string path, CancellationToken ct)
    {
        using var response = await SendAsync(HttpMethod.Get, path, null, ct);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(ct));
    }

    public async Task<HttpResponseMessage> PostAsync(string path, IEnumerable<KeyValuePair<string, string>> form, CancellationToken ct) =>
        await SendAsync(HttpMethod.Post, path, form, ct);

    /// <summary>Signs in through the real login form with its antiforgery token; true when the app redirects away from it.</summary>
    public async Task<bool> SignInAsync(string email, string password, CancellationToken ct)
    {
        var (_, html) = await GetAsync("/Account/Login", ct);
        using var response = await PostAsync("/Account/Login", new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = AntiforgeryToken(html) ?? "",
            ["_handler"] = "login",
            ["Input.Email"] = email,
            ["Input.Password"] = password,
        }, ct);
        return response.StatusCode == HttpStatusCode.Redirect
            && response.Headers.Location?.ToString().Contains("Login", StringComparison.OrdinalIgnoreCase) == false
            && _cookies.Keys.Any(k => k.StartsWith("__Host-GrantsCommissioning", StringComparison.Ordinal));
    }

    public static string? AntiforgeryToken(string html) =>
        TokenPattern().Match(html) is { Success: true } m ? WebUtility.HtmlDecode(m.Groups[1].Value) : null;

    public static string? IdempotencyKey(string html) =>
        KeyPattern().Match(html) is { Success: true } m ? m.Groups[1].Value : null;

    public static string? ReceiptReference(string html) =>
        ReferencePattern().Match(html) is { Success: true } m ? WebUtility.HtmlDecode(m.Groups[1].Value).Trim() : null;

    /// <summary>The messages of the page's error summary (or its title), to say why a post was not accepted.</summary>
    public static string ErrorSummary(string html)
    {
        var at = html.IndexOf("error-summary__list", StringComparison.Ordinal);
        var end = at < 0 ? -1 : html.IndexOf("</ul>", at, StringComparison.Ordinal);
        var list = at < 0 || end < 0 ? "" : html[at..end];
        var items = ErrorItemPattern().Matches(list).Select(m => WebUtility.HtmlDecode(TagPattern().Replace(m.Groups[1].Value, "")).Trim()).ToList();
        if (items.Count > 0)
        {
            return string.Join(" | ", items);
        }
        return TitlePattern().Match(html) is { Success: true } t ? "page: " + WebUtility.HtmlDecode(t.Groups[1].Value).Trim() : "";
    }

    private void Store(string header)
    {
        var parts = header.Split(';', StringSplitOptions.TrimEntries);
        var eq = parts[0].IndexOf('=', StringComparison.Ordinal);
        if (eq <= 0)
        {
            return;
        }
        var name = parts[0][..eq];
        var value = parts[0][(eq + 1)..];
        var expired = value.Length == 0 || parts.Skip(1).Any(p =>
            p.StartsWith("expires=", StringComparison.OrdinalIgnoreCase)
            && DateTimeOffset.TryParse(p[8..], System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var at)
            && at < DateTimeOffset.UtcNow);
        if (expired)
        {
            _cookies.Remove(name);
        }
        else
        {
            _cookies[name] = value;
        }
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();

    [GeneratedRegex("name=\"IdempotencyKey\" value=\"([0-9a-f]+)\"")]
    private static partial Regex KeyPattern();

    [GeneratedRegex("<li>(.*?)</li>", RegexOptions.Singleline)]
    private static partial Regex ErrorItemPattern();

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex TagPattern();

    [GeneratedRegex("<title>([^<]*)</title>")]
    private static partial Regex TitlePattern();

    [GeneratedRegex("id=\"reference\">([^<]+)<")]
    private static partial Regex ReferencePattern();
}
