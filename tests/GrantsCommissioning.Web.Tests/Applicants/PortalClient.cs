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

    /// <summary>A short-form draft's last two sections, as the applicant fills them: its first objective, then the declarations.</summary>
    public static async Task CompleteShortFormAsync(this HttpClient client, string app)
    {
        var objective = ObjectiveChoice().Match(await client.GetStringAsync(new Uri($"{app}/outcomes", UriKind.Relative))).Groups[1].Value;
        Assert.Equal(HttpStatusCode.Redirect, (await client.PostFormAsync($"{app}/outcomes", "outcomes", ("Input.SingleObjectiveId", objective), ("Intent", "continue"))).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await client.PostFormAsync($"{app}/declarations", "declarations", ("Input.Accept", "true"), ("Intent", "continue"))).StatusCode);
    }

    /// <summary>The review page's submit form: the idempotency key it was rendered with and its antiforgery token.</summary>
    public static async Task<(string Key, string Token)> ReviewFormAsync(this HttpClient client, string app)
    {
        var review = await client.GetStringAsync(new Uri($"{app}/review", UriKind.Relative));
        return (IdempotencyKey().Match(review).Groups[1].Value, GrantsWebFactory.AntiforgeryToken(review));
    }

    /// <summary>Posts the review page's submit form, as the browser does (again with the same key for a double click or a retry).</summary>
    public static async Task<HttpResponseMessage> PostSubmitAsync(this HttpClient client, string app, string key, string token)
    {
        using var content = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["_handler"] = "submit", ["IdempotencyKey"] = key,
        });
        return await client.PostAsync(new Uri($"{app}/review", UriKind.Relative), content);
    }

    public static int ApplicationIdFrom(Uri? location) =>
        int.Parse(ApplicationPath().Match(location?.ToString() ?? "").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);

    [GeneratedRegex(@"/applicant/applications/(\d+)")]
    private static partial Regex ApplicationPath();

    [GeneratedRegex("name=\"IdempotencyKey\" value=\"([0-9a-f]+)\"")]
    private static partial Regex IdempotencyKey();

    [GeneratedRegex("name=\"Input.SingleObjectiveId\" value=\"(\\d+)\"")]
    private static partial Regex ObjectiveChoice();
}
