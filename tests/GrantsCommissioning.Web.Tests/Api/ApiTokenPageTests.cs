using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Core.Features.Api;
using GrantsCommissioning.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace GrantsCommissioning.Web.Tests.Api;

/// <summary>The administrator's API token page: Administrator only; a new token's secret shown once and stored hashed; revoke with confirmation.</summary>
[Collection(ApiSiteCollection.Name)]
public partial class ApiTokenPageTests(ApiSite site)
{
    private const string Path = "/admin/api-tokens";

    public static TheoryData<string, string> Users => DemoUsers.OneOfEachRole;

    [Theory]
    [MemberData(nameof(Users))]
    public async Task TheTokenPage_IsForAdministratorsOnly(string role, string email)
    {
        using var client = await site.SignedInClientAsync(email);

        var response = await client.GetAsync(new Uri(Path, UriKind.Relative));

        if (role == Roles.Administrator)
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
            Assert.Contains("Finance system (demo record – no working secret)", html, StringComparison.Ordinal);
            Assert.Contains("Revoked", html, StringComparison.Ordinal);
            Assert.DoesNotContain(ApiTokenDemoHash, html, StringComparison.Ordinal);
        }
        else
        {
            Assert.True(response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Forbidden, $"{role}: {response.StatusCode}");
            Assert.StartsWith("https://localhost/Account/AccessDenied", response.Headers.Location?.ToString() ?? "https://localhost/Account/AccessDenied", StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task SignedOut_IsSentToSignIn_AndAnUnknownTokenToRevokeShowsNoConfirmation()
    {
        using var anonymous = site.NewClient();
        var response = await anonymous.GetAsync(new Uri(Path, UriKind.Relative));
        using var admin = await site.SignedInClientAsync("admin@demo.opcc-grants.example");
        var unknown = await admin.GetStringAsync(new Uri($"{Path}?confirm=revoke&id=999999", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("https://localhost/Account/Login", response.Headers.Location?.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("Yes, revoke the token", unknown, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ANewToken_IsShownOnce_StoredHashed_Works_AndStopsWhenRevoked()
    {
        using var admin = await site.SignedInClientAsync("admin@demo.opcc-grants.example");
        var name = "Page test " + Guid.NewGuid().ToString("N")[..6];
        var page = await admin.GetStringAsync(new Uri(Path, UriKind.Relative));
        var fields = new List<KeyValuePair<string, string>>
        {
            new("__RequestVerificationToken", GrantsWebFactory.AntiforgeryToken(page)), new("_handler", "create"), new("Input.Name", name),
            new("Input.Scopes", ApiScopes.AwardsRead), new("Input.Scopes", ApiScopes.ReturnsRead),
            new("Input.ExpiresOn", DateTime.UtcNow.AddDays(60).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)),
        };
        using var form = new FormUrlEncodedContent(fields);
        var created = await admin.PostAsync(new Uri(Path, UriKind.Relative), form);
        var html = WebUtility.HtmlDecode(await created.Content.ReadAsStringAsync());
        var token = TokenPattern().Match(html).Value;
        var stored = await site.DbAsync(db => db.Set<ApiToken>().SingleAsync(t => t.Name == name));
        var later = WebUtility.HtmlDecode(await admin.GetStringAsync(new Uri(Path, UriKind.Relative)));

        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        Assert.Contains("Token created: copy it now", html, StringComparison.Ordinal);
        Assert.Matches("^gc_[0-9a-f]{12}_[0-9a-f]{64}$", token);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Convert.FromHexString(token[16..]))), stored.SecretHash);
        Assert.Equal(token[3..15], stored.Prefix);
        Assert.Equal("awards:read returns:read", stored.Scopes);
        Assert.Contains(name, later, StringComparison.Ordinal);
        Assert.DoesNotContain(token[16..], later, StringComparison.Ordinal);
        Assert.DoesNotContain(stored.SecretHash, later, StringComparison.Ordinal);
        using var api = site.ApiClient(token);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync(new Uri("/api/v1/awards", UriKind.Relative))).StatusCode);

        var confirmPath = $"{Path}?confirm=revoke&id={stored.Id}";
        var confirm = await admin.GetStringAsync(new Uri(confirmPath, UriKind.Relative));
        Assert.Contains("Yes, revoke the token", confirm, StringComparison.Ordinal);
        var revoked = await GrantsWebFactory.PostFormAsync(admin, confirmPath, "revoke", new() { ["RevokeId"] = stored.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) });

        Assert.Equal(HttpStatusCode.Redirect, revoked.StatusCode);
        Assert.EndsWith($"{Path}?done=revoked", revoked.Headers.Location?.ToString(), StringComparison.Ordinal);
        Assert.NotNull((await site.DbAsync(db => db.Set<ApiToken>().SingleAsync(t => t.Id == stored.Id))).RevokedAt);
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.GetAsync(new Uri("/api/v1/awards", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task TheCreateForm_SaysWhatIsWrong_AndMakesNoToken()
    {
        using var admin = await site.SignedInClientAsync("admin@demo.opcc-grants.example");
        var before = await site.DbAsync(db => db.Set<ApiToken>().CountAsync());

        var response = await GrantsWebFactory.PostFormAsync(admin, Path, "create", new() { ["Input.Name"] = "", ["Input.ExpiresOn"] = "2001-01-01" });
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

        Assert.Contains("Enter a name that says which system uses the token.", html, StringComparison.Ordinal);
        Assert.Contains("Select at least one scope.", html, StringComparison.Ordinal);
        Assert.Contains("The expiry date must be after today.", html, StringComparison.Ordinal);
        Assert.DoesNotMatch(TokenPattern(), html);
        Assert.Equal(before, await site.DbAsync(db => db.Set<ApiToken>().CountAsync()));
    }

    private const string ApiTokenDemoHash = "demo-placeholder-no-secret-matches-this";

    [GeneratedRegex("gc_[0-9a-f]{12}_[0-9a-f]{64}")]
    private static partial Regex TokenPattern();
}
