using System.Net;
using System.Security.Claims;
using System.Text;
using System.Text.RegularExpressions;
using GrantsCommissioning.Core.Data;
using GrantsCommissioning.Core.Features.Public;
using GrantsCommissioning.Web.Infrastructure;
using GrantsCommissioning.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace GrantsCommissioning.Web.Tests.Public;

/// <summary>
/// The in-memory copies of anonymous public pages: served with this response's own nonce, never to a signed-in
/// visitor, and dropped when a round opens or closes, the public data changes, or the copy is older than the shared
/// max-age. The cache runs on the site's real database and public queries, driven with a fake clock.
/// </summary>
[Collection(DemoSiteCollection.Fourth)]
public partial class PublicPageOutputCacheTests(GrantsWebFactory site)
{
    [Fact]
    public async Task ACopyServedFromMemory_CarriesThisResponsesNonce_InItsHeaderAndPage()
    {
        using var client = site.NewClient();
        await client.GetAsync(new Uri("/privacy", UriKind.Relative));

        var response = await client.GetAsync(new Uri("/privacy", UriKind.Relative));
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var nonce = Nonce().Match(response.Headers.GetValues("Content-Security-Policy").Single()).Groups[1].Value;
        Assert.NotEmpty(nonce);
        Assert.Contains($"nonce=\"{nonce}\"", html, StringComparison.Ordinal);
        Assert.Equal(1, Regex.Count(html, "nonce=\""));
        Assert.Contains("Privacy", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ASignedInVisitor_NeverGetsTheAnonymousCopy()
    {
        using var anonymous = site.NewClient();
        await anonymous.GetStringAsync(new Uri("/funding", UriKind.Relative));
        Assert.Contains("Create an account", await anonymous.GetStringAsync(new Uri("/funding", UriKind.Relative)), StringComparison.Ordinal);
        var email = $"copy-{Guid.NewGuid():N}@example.org";
        await site.CreateUserAsync(email, "a-long-test-password-1");
        using var signedIn = await site.SignedInClientAsync(email, "a-long-test-password-1");

        var html = await signedIn.GetStringAsync(new Uri("/funding", UriKind.Relative));

        Assert.Contains("Sign out", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Create an account", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ASecondAnonymousGet_IsServedFromTheCopy_WithItsOwnNonce()
    {
        var (cache, _, _) = await CacheAsync();
        var renders = 0;

        var first = await GetAsync(cache, "/funding", () => renders++);
        var second = await GetAsync(cache, "/funding", () => renders++);

        Assert.Equal(1, renders);
        Assert.Equal(first.Body.Replace(first.Nonce, "N", StringComparison.Ordinal), second.Body.Replace(second.Nonce, "N", StringComparison.Ordinal));
        Assert.Contains(second.Nonce, second.Body, StringComparison.Ordinal);
        Assert.DoesNotContain(first.Nonce, second.Body, StringComparison.Ordinal);
        Assert.Equal("text/html; charset=utf-8", second.ContentType);
    }

    [Fact]
    public async Task ARoundClosing_DropsTheCopy_EvenWithinTheMaxAge()
    {
        var (cache, clock, closesAt) = await CacheAsync();
        clock.SetUtcNow(closesAt.AddSeconds(-1));
        var renders = 0;
        await GetAsync(cache, "/", () => renders++);
        await GetAsync(cache, "/", () => renders++);
        Assert.Equal(1, renders);

        clock.Advance(TimeSpan.FromSeconds(2));
        await GetAsync(cache, "/", () => renders++);

        Assert.Equal(2, renders);
    }

    [Fact]
    public async Task ACommittedChangeOrTheMaxAge_DropsTheCopy()
    {
        var (cache, clock, _) = await CacheAsync();
        var version = site.Services.GetRequiredService<PublicDataVersion>();
        var renders = 0;
        await GetAsync(cache, "/privacy", () => renders++);

        version.Bump();
        await GetAsync(cache, "/privacy", () => renders++);
        clock.Advance(PublicPages.SharedMaxAge);
        await GetAsync(cache, "/privacy", () => renders++);
        await GetAsync(cache, "/privacy", () => renders++);

        Assert.Equal(3, renders);
    }

    [Fact]
    public async Task SignedInRequests_PagesNotMarked_AndResponsesSettingACookie_AreNeverKept()
    {
        var (cache, _, _) = await CacheAsync();
        var renders = 0;

        await GetAsync(cache, "/privacy", () => renders++, signedIn: true);
        await GetAsync(cache, "/privacy", () => renders++, signedIn: true);
        await GetAsync(cache, "/funding/R1", () => renders++, marked: false);
        await GetAsync(cache, "/funding/R1", () => renders++, marked: false);
        await GetAsync(cache, "/accessibility", () => renders++, setsCookie: true);
        await GetAsync(cache, "/accessibility", () => renders++, setsCookie: true);

        Assert.Equal(6, renders);
        Assert.Equal(0, cache.Count);
    }

    /// <summary>A cache of its own on the site's database, at a fake "now" just before the first open round closes.</summary>
    private async Task<(PublicPageOutputCache Cache, FakeTimeProvider Clock, DateTimeOffset ClosesAt)> CacheAsync()
    {
        await using var db = await site.Services.GetRequiredService<IDbContextFactory<GrantsDbContext>>().CreateDbContextAsync();
        var now = DateTimeOffset.UtcNow;
        var closesAt = (await db.Rounds.Where(r => !r.IsDraft && r.OpensAt <= now && r.ClosesAt > now).Select(r => r.ClosesAt).ToListAsync()).Min();
        var clock = new FakeTimeProvider(closesAt.AddMinutes(-10));
        var version = site.Services.GetRequiredService<PublicDataVersion>();
        var queries = new PublicQueries(site.Services.GetRequiredService<IDbContextFactory<GrantsDbContext>>(), new PublicDataCache(version, clock), clock);
        return (new PublicPageOutputCache(version, queries, clock), clock, closesAt);
    }

    private static async Task<(string Body, string Nonce, string? ContentType)> GetAsync(PublicPageOutputCache cache, string path, Action rendered,
        bool signedIn = false, bool marked = true, bool setsCookie = false)
    {
        var context = new DefaultHttpContext();
        context.Request.Method = "GET";
        context.Request.Path = path;
        var body = new MemoryStream();
        context.Response.Body = body;
        var nonce = Guid.NewGuid().ToString("N");
        context.Items[SecurityHeaders.NonceKey] = nonce;
        if (signedIn)
        {
            context.User = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, "someone")], "test"));
        }
        context.SetEndpoint(new Endpoint(null, marked ? new EndpointMetadataCollection(new PublicPageAttribute { OutputCache = true }) : EndpointMetadataCollection.Empty, path));
        await cache.InvokeAsync(context, async c =>
        {
            rendered();
            c.Response.ContentType = "text/html; charset=utf-8";
            if (setsCookie)
            {
                c.Response.Headers.SetCookie = "a=b";
            }
            await c.Response.WriteAsync($"<script type=\"importmap\" nonce=\"{SecurityHeaders.Nonce(c)}\"></script><p>{path}</p>");
        });
        return (Encoding.UTF8.GetString(body.ToArray()), nonce, context.Response.ContentType);
    }

    [GeneratedRegex("'nonce-([^']+)'")]
    private static partial Regex Nonce();
}
