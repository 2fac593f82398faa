using System.Net;
using System.Text.RegularExpressions;
using GrantsCommissioning.Web.Tests.Infrastructure;

namespace GrantsCommissioning.Web.Tests.Account;

/// <summary>The Identity endpoints outside the pages: antiforgery on each, passkey sign-in while signed out, sign-out's return address.</summary>
[Collection(DemoSiteCollection.Second)]
public partial class AccountEndpointTests(GrantsWebFactory site)
{
    private const string Password = "a long enough passphrase";

    [Fact]
    public async Task DownloadPersonalData_WithoutTheAntiforgeryToken_IsRejected()
    {
        using var client = await SignedInAsync();
        using var empty = new FormUrlEncodedContent(new Dictionary<string, string>());

        var response = await client.PostAsync(new Uri("/Account/Manage/DownloadPersonalData", UriKind.Relative), empty);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(response.Content.Headers.ContentDisposition);
    }

    [Fact]
    public async Task PasskeyCreationOptions_WithoutTheToken_Is400_AndWithIt_IsJson()
    {
        using var client = await SignedInAsync();
        var token = PasskeyToken(await client.GetStringAsync(new Uri("/Account/Manage/Passkeys", UriKind.Relative)));

        await AssertNeedsTokenAndAnswersJsonAsync(client, "/Account/PasskeyCreationOptions", token);
    }

    [Fact]
    public async Task PasskeyRequestOptions_SignedOut_AnswersJson_AndWithoutTheToken_Is400()
    {
        using var client = site.NewClient();
        var token = PasskeyToken(await client.GetStringAsync(new Uri("/Account/Login", UriKind.Relative)));

        await AssertNeedsTokenAndAnswersJsonAsync(client, "/Account/PasskeyRequestOptions?username=", token);
    }

    [Theory]
    [InlineData("//x")]
    [InlineData("/\t/evil.example")]
    [InlineData("https://evil.example/")]
    [InlineData("/")]
    public async Task SignOut_WithAnyReturnAddress_SignsOutAndStaysOnThisSite(string returnUrl)
    {
        using var client = await SignedInAsync();
        var page = await client.GetStringAsync(new Uri("/Account/Manage", UriKind.Relative));
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = GrantsWebFactory.AntiforgeryToken(page), ["ReturnUrl"] = returnUrl,
        });

        var response = await client.PostAsync(new Uri("/Account/Logout", UriKind.Relative), form);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location?.OriginalString);
        var manage = await client.GetAsync(new Uri("/Account/Manage", UriKind.Relative));
        Assert.Contains("/Account/Login", manage.Headers.Location?.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://evil.example/steal", "/")]
    [InlineData("//evil.example", "/")]
    [InlineData("/\t/evil.example", "/")]
    [InlineData("https://localhost/Account/Manage", "/Account/Manage")]
    public async Task SignIn_WithAReturnAddress_GoesThereOnlyIfItIsOnThisSite(string returnUrl, string expectedPath)
    {
        var email = $"return-{Guid.NewGuid():N}@example.org";
        await site.CreateUserAsync(email, Password);
        using var client = site.NewClient();

        var response = await GrantsWebFactory.PostFormAsync(client, $"/Account/Login?ReturnUrl={Uri.EscapeDataString(returnUrl)}", "login",
            new() { ["Input.Email"] = email, ["Input.Password"] = Password });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = new Uri(new Uri("https://localhost"), response.Headers.Location!);
        Assert.Equal(("localhost", expectedPath), (location.Host, location.AbsolutePath));
    }

    private async Task<HttpClient> SignedInAsync()
    {
        var email = $"endpoint-{Guid.NewGuid():N}@example.org";
        await site.CreateUserAsync(email, Password);
        return await site.SignedInClientAsync(email, Password);
    }

    private static string PasskeyToken(string html)
    {
        var match = RequestToken().Match(html);
        return match.Success ? WebUtility.HtmlDecode(match.Groups[1].Value) : throw new InvalidOperationException("The page has no passkey button.");
    }

    /// <summary>Posts as the passkey script does (token in the RequestVerificationToken header): 400 without it, passkey options as JSON with it.</summary>
    private static async Task AssertNeedsTokenAndAnswersJsonAsync(HttpClient client, string path, string token)
    {
        var without = await client.PostAsync(new Uri(path, UriKind.Relative), null);
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(path, UriKind.Relative));
        request.Headers.Add("RequestVerificationToken", token);
        var with = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, without.StatusCode);
        Assert.Equal(HttpStatusCode.OK, with.StatusCode);
        Assert.Equal("application/json", with.Content.Headers.ContentType?.MediaType);
        Assert.Contains("\"challenge\"", await with.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [GeneratedRegex("request-token-value=\"([^\"]+)\"")]
    private static partial Regex RequestToken();
}
