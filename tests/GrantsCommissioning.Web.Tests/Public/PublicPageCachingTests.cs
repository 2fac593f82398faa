using System.Net;
using GrantsCommissioning.Core.Data;
using GrantsCommissioning.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GrantsCommissioning.Web.Tests.Public;

/// <summary>
/// Anonymous public pages are cacheable by a proxy and cost no antiforgery token or persisted component state; pages
/// with a posting form still get their token; signed-in pages stay private; a change to a round shows at once.
/// </summary>
[Collection(DemoSiteCollection.Third)]
public class PublicPageCachingTests(GrantsWebFactory site)
{
    [Theory]
    [InlineData("/")]
    [InlineData("/funding")]
    [InlineData("/funding?fund=nope&objective=2&area=Worcester")]
    [InlineData("/privacy")]
    public async Task AnonymousPublicPage_IsPubliclyCacheable_WithNoAntiforgeryCookieOrPersistedState(string path)
    {
        using var client = site.NewClient();

        var response = await client.GetAsync(new Uri(path, UriKind.Relative));
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var cacheControl = response.Headers.CacheControl;
        Assert.NotNull(cacheControl);
        Assert.True(cacheControl.Public, $"Cache-Control: {cacheControl}");
        Assert.False(cacheControl.NoStore);
        Assert.True(cacheControl.MaxAge > TimeSpan.Zero, $"Cache-Control: {cacheControl}");
        Assert.Contains("Cookie", response.Headers.Vary);
        Assert.False(response.Headers.Contains("Set-Cookie"), "an anonymous public page sets no cookie");
        Assert.DoesNotContain("Component-State", html, StringComparison.Ordinal);
        Assert.DoesNotContain("__RequestVerificationToken", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PageWithAPostingForm_StillGetsItsAntiforgeryTokenAndIsNotCached()
    {
        using var client = site.NewClient();
        var reference = await FirstOpenRoundReferenceAsync();

        var response = await client.GetAsync(new Uri($"/funding/{reference}/eligibility", UriKind.Relative));
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(response.Headers.GetValues("Set-Cookie"), c => c.Contains("Antiforgery", StringComparison.Ordinal));
        Assert.NotEmpty(GrantsWebFactory.AntiforgeryToken(html));
        Assert.False(response.Headers.CacheControl?.Public ?? false);
    }

    [Fact]
    public async Task SignedInVisitor_GetsAPrivatePageNeverStored()
    {
        var email = $"cache-{Guid.NewGuid():N}@example.org";
        await site.CreateUserAsync(email, "a-long-test-password-1");
        using var client = await site.SignedInClientAsync(email, "a-long-test-password-1");

        var response = await client.GetAsync(new Uri("/funding", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.Headers.CacheControl?.NoStore, $"Cache-Control: {response.Headers.CacheControl}");
        Assert.False(response.Headers.CacheControl?.Public ?? false);
    }

    [Fact]
    public async Task ChangingARound_ShowsOnTheNextVisitToTheFundingPages()
    {
        using var client = site.NewClient();
        var reference = await FirstOpenRoundReferenceAsync();
        Assert.Contains("funding round", await client.GetStringAsync(new Uri("/funding", UriKind.Relative)), StringComparison.Ordinal);
        Assert.DoesNotContain("Renamed for the cache test", await client.GetStringAsync(new Uri("/", UriKind.Relative)), StringComparison.Ordinal);
        var factory = site.Services.GetRequiredService<IDbContextFactory<GrantsDbContext>>();
        string original;
        await using (var db = await factory.CreateDbContextAsync())
        {
            var round = await db.Rounds.SingleAsync(r => r.Reference == reference);
            original = round.Title;
            round.Title = "Renamed for the cache test";
            await db.SaveChangesAsync();
        }
        try
        {
            Assert.Contains("Renamed for the cache test", await client.GetStringAsync(new Uri("/funding", UriKind.Relative)), StringComparison.Ordinal);
            Assert.Contains("Renamed for the cache test", await client.GetStringAsync(new Uri("/", UriKind.Relative)), StringComparison.Ordinal);
        }
        finally
        {
            await using var db = await factory.CreateDbContextAsync();
            var round = await db.Rounds.SingleAsync(r => r.Reference == reference);
            round.Title = original;
            await db.SaveChangesAsync();
        }
        Assert.DoesNotContain("Renamed for the cache test", await client.GetStringAsync(new Uri("/funding", UriKind.Relative)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ARoundChangedInsideATransaction_ShowsOnlyOnceCommitted()
    {
        using var client = site.NewClient();
        var reference = await FirstOpenRoundReferenceAsync();
        var factory = site.Services.GetRequiredService<IDbContextFactory<GrantsDbContext>>();
        await using var db = await factory.CreateDbContextAsync();
        var round = await db.Rounds.SingleAsync(r => r.Reference == reference);
        var original = round.Title;
        await using (var tx = await db.Database.BeginTransactionAsync())
        {
            round.Title = "Renamed inside a transaction";
            await db.SaveChangesAsync();
            // Read before the commit (the reader sees the old row) and cached: the commit must still invalidate it.
            Assert.DoesNotContain("Renamed inside a transaction", await client.GetStringAsync(new Uri("/funding", UriKind.Relative)), StringComparison.Ordinal);
            await tx.CommitAsync();
        }
        try
        {
            Assert.Contains("Renamed inside a transaction", await client.GetStringAsync(new Uri("/funding", UriKind.Relative)), StringComparison.Ordinal);
        }
        finally
        {
            round.Title = original;
            await db.SaveChangesAsync();
        }
    }

    private Task<string> FirstOpenRoundReferenceAsync() => FirstAsync(db =>
    {
        var now = DateTimeOffset.UtcNow;
        return db.Rounds.Where(r => r.OpensAt <= now && r.ClosesAt > now).OrderBy(r => r.ClosesAt).Select(r => r.Reference);
    });

    private async Task<string> FirstAsync(Func<GrantsDbContext, IQueryable<string>> query)
    {
        await using var db = await site.Services.GetRequiredService<IDbContextFactory<GrantsDbContext>>().CreateDbContextAsync();
        return await query(db).FirstAsync();
    }
}
