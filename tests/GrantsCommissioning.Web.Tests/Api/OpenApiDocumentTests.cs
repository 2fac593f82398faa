using System.Net;
using GrantsCommissioning.Core.Features.Api;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.OpenApi;
using Microsoft.OpenApi.Reader;

namespace GrantsCommissioning.Web.Tests.Api;

/// <summary>The OpenAPI document: served without sign-in, read by Microsoft.OpenApi's reader with no errors, and naming every /api/v1 route.</summary>
[Collection(ApiSiteCollection.Name)]
public class OpenApiDocumentTests(ApiSite site)
{
    [Fact]
    public async Task TheDocument_ParsesWithNoErrors_AndHasEveryApiRoute_WithOperationIdsAndTheBearerScheme()
    {
        using var client = site.ApiClient();
        var response = await client.GetAsync(new Uri("/openapi/v1.json", UriKind.Relative));
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var (document, diagnostic) = OpenApiDocument.Parse(text, "json");
        Assert.NotNull(document);
        Assert.Empty(diagnostic!.Errors);
        Assert.Empty(document.Validate(ValidationRuleSet.GetDefaultRuleSet()) ?? []);

        var routes = site.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api/v1/", StringComparison.Ordinal) == true)
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? []).Select(m => (Path: e.RoutePattern.RawText!, Method: m)))
            .ToList();
        Assert.Equal(6, routes.Count);
        foreach (var (path, method) in routes)
        {
            Assert.True(document.Paths.TryGetValue(path, out var item), $"{path} is not in the document");
            var operation = item!.Operations![HttpMethod.Parse(method)];
            Assert.False(string.IsNullOrWhiteSpace(operation.OperationId), $"{method} {path} has no operation id");
            Assert.False(string.IsNullOrWhiteSpace(operation.Summary), $"{method} {path} has no summary");
            Assert.True(operation.Responses!.ContainsKey("200"), $"{method} {path} documents no 200");
            Assert.True(operation.Responses.ContainsKey("429"), $"{method} {path} documents no 429");
        }
        Assert.Equal("bearer", document.Components!.SecuritySchemes!["Bearer"].Scheme);
        var awards = document.Paths["/api/v1/awards"].Operations![HttpMethod.Get];
        Assert.Equal([ApiScopes.AwardsRead], Assert.Single(Assert.Single(awards.Security!).Values));
        Assert.True(awards.Responses!.ContainsKey("401") && awards.Responses.ContainsKey("403") && awards.Responses.ContainsKey("400"));
        Assert.Null(document.Paths["/api/v1/rounds"].Operations![HttpMethod.Get].Security);
        Assert.DoesNotContain(document.Paths.Keys, p => !p.StartsWith("/api/v1/", StringComparison.Ordinal));
    }
}

/// <summary>The rate limiter: past the limit, 429 as problem details with Retry-After.</summary>
public sealed class ApiRateLimitTests : IClassFixture<RateLimitedApiSite>
{
    private readonly RateLimitedApiSite _site;

    public ApiRateLimitTests(RateLimitedApiSite site) => _site = site;

    [Fact]
    public async Task PastTheLimit_TheAnswerIs429_WithRetryAfter_AndAnotherTokenHasItsOwnLimit()
    {
        using var anonymous = _site.ApiClient();
        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            answers.Add((await anonymous.GetAsync(new Uri("/api/v1/rounds", UriKind.Relative))).StatusCode);
        }
        var refused = await anonymous.GetAsync(new Uri("/api/v1/grants", UriKind.Relative));
        var (_, token) = await _site.TokenAsync(ApiScopes.AwardsRead);
        using var withToken = _site.ApiClient(token);
        var tokenAnswer = await withToken.GetAsync(new Uri("/api/v1/awards?pageSize=1", UriKind.Relative));

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], answers);
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.True(refused.Headers.RetryAfter?.Delta is { TotalSeconds: > 0 }, $"Retry-After: {refused.Headers.RetryAfter}");
        Assert.Contains("Too many requests: try again in", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, tokenAnswer.StatusCode);
    }
}
