using System.Net;
using System.Text.Json;
using GrantsCommissioning.Web.Tests.Infrastructure;

namespace GrantsCommissioning.Web.Tests;

[Collection(DemoSiteCollection.Second)]
public class SiteTests(GrantsWebFactory site)
{
    [Fact]
    public async Task Health_ReportsDatabaseMigrationsAndSeededObjectives()
    {
        using var client = site.NewClient();

        var response = await client.GetAsync(new Uri("/health", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("Healthy", json.RootElement.GetProperty("status").GetString());
        Assert.True(json.RootElement.GetProperty("database").GetBoolean());
        Assert.Equal(0, json.RootElement.GetProperty("pendingMigrations").GetArrayLength());
        Assert.Equal(11, json.RootElement.GetProperty("seededObjectives").GetInt32());
    }

    [Fact]
    public async Task HomePage_ShowsTheOpenRoundsWithUkClosingTimesAndHowToApply()
    {
        using var client = site.NewClient();

        var html = WebUtility.HtmlDecode(await client.GetStringAsync(new Uri("/", UriKind.Relative)));

        Assert.Contains("Office of the Police and Crime Commissioner for West Mercia", html, StringComparison.Ordinal);
        Assert.Contains("Commissioner's Grant Scheme – community safety projects", html, StringComparison.Ordinal);
        Assert.Contains("Commissioner's Small Fund – grants up to £500", html, StringComparison.Ordinal);
        Assert.Contains("12:00 on ", html, StringComparison.Ordinal);
        Assert.Contains("(UK time)", html, StringComparison.Ordinal);
        Assert.Contains("How to apply", html, StringComparison.Ordinal);
        Assert.DoesNotContain("spring round", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/officer")]
    [InlineData("/finance")]
    [InlineData("/panel")]
    [InlineData("/assessor")]
    [InlineData("/decisions")]
    [InlineData("/admin")]
    [InlineData("/applicant")]
    [InlineData("/dashboard")]
    public async Task StaffAndApplicantPages_WhenSignedOut_RedirectToSignIn(string path)
    {
        using var client = site.NewClient();

        var response = await client.GetAsync(new Uri(path, UriKind.Relative));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("https://localhost/Account/Login", response.Headers.Location?.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("officer@demo.opcc-grants.example", "/officer", "Applications by state")]
    [InlineData("assessor@demo.opcc-grants.example", "/assess", "CGS-CY-0102")]
    [InlineData("chief.executive@demo.opcc-grants.example", "/decisions", "Recommended applications awaiting a decision")]
    [InlineData("commissioner@demo.opcc-grants.example", "/decisions", "Decision notices")]
    [InlineData("finance@demo.opcc-grants.example", "/finance", "Commissioner's Grant Scheme")]
    [InlineData("panel@demo.opcc-grants.example", "/panel", "Grants by objective")]
    [InlineData("panel@demo.opcc-grants.example", "/panel", "Grants by national priority for policing")]
    [InlineData("panel@demo.opcc-grants.example", "/panel", "Success measures by RAG over time")]
    [InlineData("officer@demo.opcc-grants.example", "/officer", "Monitoring returns still to come in")]
    [InlineData("admin@demo.opcc-grants.example", "/admin", "Users by role")]
    [InlineData("applicant@demo.opcc-grants.example", "/applicant", "Hereford Street Angels")]
    public async Task EachRole_SeesItsLandingPageWithRealWork(string email, string path, string expected)
    {
        using var client = await site.SignedInClientAsync(email);

        var landing = await client.GetAsync(new Uri("/dashboard", UriKind.Relative));
        var response = await client.GetAsync(new Uri(path, UriKind.Relative));

        Assert.Equal(HttpStatusCode.Redirect, landing.StatusCode);
        Assert.Equal(path, landing.Headers.Location?.AbsolutePath ?? landing.Headers.Location?.ToString());
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Contains(expected, System.Text.RegularExpressions.Regex.Replace(html, @"\s+", " "), StringComparison.Ordinal);
        Assert.True(response.Headers.CacheControl?.NoStore, "pages with personal data are not cached");
    }

    [Theory]
    [InlineData("applicant@demo.opcc-grants.example", "/finance")]
    [InlineData("panel@demo.opcc-grants.example", "/officer")]
    [InlineData("officer@demo.opcc-grants.example", "/decisions")]
    [InlineData("assessor@demo.opcc-grants.example", "/admin")]
    [InlineData("finance@demo.opcc-grants.example", "/applicant")]
    public async Task RolePages_WhenSignedInWithAnotherRole_AreDenied(string email, string path)
    {
        using var client = await site.SignedInClientAsync(email);

        var response = await client.GetAsync(new Uri(path, UriKind.Relative));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("https://localhost/Account/AccessDenied", response.Headers.Location?.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task FinanceLanding_ShowsThisYearsBudgetAgainstCommitmentsAndPayments()
    {
        using var client = await site.SignedInClientAsync("finance@demo.opcc-grants.example");

        var html = WebUtility.HtmlDecode(await client.GetStringAsync(new Uri("/finance", UriKind.Relative)));

        Assert.Contains("£2,000,000.00", html, StringComparison.Ordinal);
        Assert.Contains("£20,000.00", html, StringComparison.Ordinal);
        Assert.Contains("Payments needing action", html, StringComparison.Ordinal);
        // The demo terminates the award whose payment was held for an overdue return (its payment is cancelled); the suspended one still shows why.
        Assert.Contains("Award suspended pending safeguarding review The award is suspended", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignInPost_WithoutAntiforgeryToken_IsRejected()
    {
        using var client = site.NewClient();
        using var content = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "login", ["Input.Email"] = "officer@demo.opcc-grants.example", ["Input.Password"] = GrantsWebFactory.DemoPassword,
        });

        var response = await client.PostAsync(new Uri("/Account/Login", UriKind.Relative), content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var cookies = response.Headers.TryGetValues("Set-Cookie", out var values) ? values : [];
        Assert.DoesNotContain(cookies, c => c.StartsWith("__Host-GrantsCommissioning=", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Responses_CarrySecurityHeaders()
    {
        using var client = site.NewClient();

        var response = await client.GetAsync(new Uri("/", UriKind.Relative));

        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Contains("frame-ancestors 'none'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
    }
}
