using System.Net;
using System.Text.RegularExpressions;
using GrantsCommissioning.Web.Tests.Infrastructure;

namespace GrantsCommissioning.Web.Tests.Applicants;

/// <summary>Posts static-SSR forms the way a browser does: with the page's own antiforgery token and form name.</summary>
internal static partial class PortalClient
{
    public static async Task<string> HtmlAsync(this HttpClient client, string path) =>
        WebUtility.HtmlDecode(await client.GetStringAsync(new Uri(path, UriKind.Relative)));

    public static async Task<HttpResponseMessage> PostFormAsync(this HttpClient client, string path, string formName, IEnumerable<KeyValuePair<string, string>> fields)
    {
        var page = await client.GetStringAsync(new Uri(path, UriKind.Relative));
        var values = new List<KeyValuePair<string, string>>
        {
            new("__RequestVerificationToken", GrantsWebFactory.AntiforgeryToken(page)),
            new("_handler", formName),
        };
        values.AddRange(fields);
        using var content = new FormUrlEncodedContent(values);
        return await client.PostAsync(new Uri(path, UriKind.Relative), content);
    }

    public static Task<HttpResponseMessage> PostFormAsync(this HttpClient client, string path, string formName, params (string Key, string Value)[] fields) =>
        client.PostFormAsync(path, formName, fields.Select(f => new KeyValuePair<string, string>(f.Key, f.Value)));

    public static async Task<string> BodyAsync(this HttpResponseMessage response) =>
        Regex.Replace(WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()), @"\s+", " ");

    public static int ApplicationIdFrom(Uri? location) =>
        int.Parse(ApplicationPath().Match(location?.ToString() ?? "").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);

    [GeneratedRegex(@"/applicant/applications/(\d+)")]
    private static partial Regex ApplicationPath();
}
