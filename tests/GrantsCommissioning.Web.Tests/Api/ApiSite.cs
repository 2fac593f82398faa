using System.Net.Http.Headers;
using GrantsCommissioning.Core.Data;
using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Core.Features.Api;
using GrantsCommissioning.Core.Workflow;
using GrantsCommissioning.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GrantsCommissioning.Web.Tests.Api;

/// <summary>The demo site of the API tests (its own database: the tests add tokens, imports and audit rows).</summary>
public class ApiSite : GrantsWebFactory
{
    public static readonly Actor Admin = Actor.For("api-test-admin", "API test administrator", Roles.Administrator);

    /// <summary>A new token with these scopes, made through the service the administrator's page uses; its whole secret.</summary>
    public async Task<(int Id, string Token)> TokenAsync(params string[] scopes)
    {
        var result = await Services.GetRequiredService<ApiTokens>().CreateAsync(
            new ApiTokenInput { Name = "Test " + Guid.NewGuid().ToString("N")[..8], Scopes = [.. scopes], ExpiresOn = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(30) }, Admin);
        Assert.True(result.Succeeded, string.Join(" ", result.Errors.Values));
        return (result.Value!.Id, result.Value.Token);
    }

    public HttpClient ApiClient(string? token = null)
    {
        var client = NewClient();
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
        return client;
    }

    public async Task<T> DbAsync<T>(Func<GrantsDbContext, Task<T>> query)
    {
        await using var db = await Services.GetRequiredService<IDbContextFactory<GrantsDbContext>>().CreateDbContextAsync();
        return await query(db);
    }
}

/// <summary>A site whose API allows three requests per window, a window far longer than any test, to see the 429.</summary>
public sealed class RateLimitedApiSite : ApiSite
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Grants:Api:PermitsPerWindow", "3");
        builder.UseSetting("Grants:Api:AnonymousPermitsPerWindow", "3");
        builder.UseSetting("Grants:Api:WindowSeconds", "3600");
    }
}

[CollectionDefinition(Name)]
public sealed class ApiSiteCollection : ICollectionFixture<ApiSite>
{
    public const string Name = "API site";
}
