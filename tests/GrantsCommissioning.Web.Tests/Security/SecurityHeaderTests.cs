using System.Net;
using System.Text.RegularExpressions;
using GrantsCommissioning.Web.Tests.Account;
using GrantsCommissioning.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace GrantsCommissioning.Web.Tests.Security;

/// <summary>Content-Security-Policy with a per-response nonce, headers on redirects, the antiforgery cookie.</summary>
[Collection(DemoSiteCollection.Second)]
public partial class SecurityHeaderTests(GrantsWebFactory site)
{
    [Fact]
    public async Task ContentSecurityPolicy_AllowsNoInlineScriptButThoseCarryingThisResponsesNonce()
    {
        using var client = site.NewClient();

        var first = await client.GetAsync(new Uri("/", UriKind.Relative));
        var second = await client.GetAsync(new Uri("/", UriKind.Relative));
        var policy = first.Headers.GetValues("Content-Security-Policy").Single();
        var html = await first.Content.ReadAsStringAsync();

        var scriptSrc = policy.Split(';').Select(d => d.Trim()).Single(d => d.StartsWith("script-src ", StringComparison.Ordinal));
        Assert.DoesNotContain("'unsafe-inline'", scriptSrc, StringComparison.Ordinal);
        Assert.Contains("connect-src 'self';", policy, StringComparison.Ordinal);
        var nonce = Nonce().Match(scriptSrc).Groups[1].Value;
        Assert.True(nonce.Length >= 16, $"script-src has no nonce: {scriptSrc}");
        var inline = ScriptTag().Matches(html).Select(m => m.Value).Where(tag => !tag.Contains(" src=", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(inline);
        Assert.All(inline, tag => Assert.Contains($"nonce=\"{nonce}\"", tag, StringComparison.Ordinal));
        Assert.DoesNotContain($"'nonce-{nonce}'", second.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignInRedirect_CarriesTheSecurityHeaders()
    {
        using var client = site.NewClient();

        var response = await client.GetAsync(new Uri("/officer", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Contains("frame-ancestors 'none'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
    }

    [GeneratedRegex("'nonce-([^']+)'")]
    private static partial Regex Nonce();

    [GeneratedRegex("<script[^>]*>")]
    private static partial Regex ScriptTag();
}

public class ProductionSecurityHeaderTests(ProductionTests.ProductionSite site) : IClassFixture<ProductionTests.ProductionSite>
{
    [Fact]
    public async Task InProduction_HstsAsksBrowsersToUseHttpsForAYear()
    {
        using var client = PublicHostClient();

        var response = await client.GetAsync(new Uri("/", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("max-age=31536000", response.Headers.GetValues("Strict-Transport-Security").Single());
    }

    [Fact]
    public async Task InProduction_AntiforgeryCookieIsHostPrefixedSecureAndHttpOnly()
    {
        using var client = PublicHostClient();

        var response = await client.GetAsync(new Uri("/Account/Login", UriKind.Relative));

        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.Contains("Antiforgery", StringComparison.Ordinal));
        Assert.StartsWith("__Host-GrantsCommissioning.Antiforgery=", cookie, StringComparison.Ordinal);
        var attributes = cookie.Split(';').Skip(1).Select(a => a.Trim().ToLowerInvariant()).ToList();
        Assert.Contains("secure", attributes);
        Assert.Contains("httponly", attributes);
        Assert.Contains("path=/", attributes);
        Assert.DoesNotContain(attributes, a => a.StartsWith("domain=", StringComparison.Ordinal));
    }

    /// <summary>A client asking as the site's public host would be asked (HSTS is never sent for localhost).</summary>
    private HttpClient PublicHostClient()
    {
        var allowed = site.Services.GetRequiredService<IConfiguration>()["AllowedHosts"]?.Split(';')[0];
        var host = allowed is null or "*" ? "grants.example" : allowed.TrimStart('*', '.');
        return site.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri($"https://{host}"), AllowAutoRedirect = false });
    }
}
