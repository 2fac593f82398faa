using System.Globalization;
using System.Threading.RateLimiting;
using GrantsCommissioning.Core.Features;
using GrantsCommissioning.Core.Features.Api;
using GrantsCommissioning.Web.Endpoints;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;

namespace GrantsCommissioning.Web.Infrastructure;

/// <summary>The API's limits (Grants:Api): requests per window for each token, and for each address without one.</summary>
public sealed class ApiOptions
{
    public const string SectionName = "Grants:Api";

    public int PermitsPerWindow { get; set; } = 120;
    public int AnonymousPermitsPerWindow { get; set; } = 60;
    public int WindowSeconds { get; set; } = 60;
}

/// <summary>
/// What the REST API needs from the host: problem details, the OpenAPI document (only /api/v1, with the bearer scheme
/// and each operation's scope), and the rate limiter (a fixed window per token prefix, or per IP address without one;
/// 429 with Retry-After as problem details).
/// </summary>
internal static class ApiHosting
{
    public const string RateLimitPolicy = "api";
    public const string BearerScheme = "Bearer";

    public static IServiceCollection AddApiHosting(this IServiceCollection services)
    {
        services.AddOptions<ApiOptions>().BindConfiguration(ApiOptions.SectionName);
        services.AddProblemDetails();
        services.AddOpenApi("v1", o =>
        {
            o.ShouldInclude = d => d.RelativePath?.StartsWith("api/v1/", StringComparison.Ordinal) == true;
            o.AddDocumentTransformer((document, _, _) =>
            {
                document.Info = new OpenApiInfo
                {
                    Title = "GrantsCommissioning API", Version = "v1",
                    Description = "Open funding rounds and published grants (no token); awards, payments, returns and the finance system's payment-status import (bearer token from an administrator).",
                };
                document.Components ??= new OpenApiComponents();
                document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
                document.Components.SecuritySchemes[BearerScheme] = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.Http, Scheme = "bearer", BearerFormat = "gc_PREFIX_SECRET",
                    Description = "An API token created by an administrator on /admin/api-tokens, with the scope each operation names.",
                };
                return Task.CompletedTask;
            });
            o.AddOperationTransformer((operation, context, _) =>
            {
                if (context.Description.ActionDescriptor.EndpointMetadata.OfType<ApiScopeFilter>().FirstOrDefault() is { } scope)
                {
                    operation.Security ??= [];
                    operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(BearerScheme, context.Document)] = [scope.Scope] });
                }
                return Task.CompletedTask;
            });
        });
        services.AddRateLimiter(o =>
        {
            o.AddPolicy(RateLimitPolicy, context =>
            {
                var limits = context.RequestServices.GetRequiredService<IOptions<ApiOptions>>().Value;
                var prefix = ApiTokens.PrefixOf(ApiScopeFilter.Bearer(context.Request));
                var (key, permits) = prefix is null
                    ? ("ip:" + (context.Connection.RemoteIpAddress?.ToString() ?? "unknown"), limits.AnonymousPermitsPerWindow)
                    : ("token:" + prefix, limits.PermitsPerWindow);
                return RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = Math.Max(1, permits), Window = TimeSpan.FromSeconds(Math.Max(1, limits.WindowSeconds)), QueueLimit = 0,
                });
            });
            o.OnRejected = async (context, ct) =>
            {
                var seconds = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? (int)Math.Ceiling(after.TotalSeconds) : 60;
                context.HttpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                await ApiProblems.Write(context.HttpContext, StatusCodes.Status429TooManyRequests, new TooManyRequests(seconds));
            };
        });
        return services;
    }

    /// <summary>
    /// An /api response that ended with an error status and no body (a query value that is not a number, an unknown
    /// route) gets a problem-details body instead of the site's HTML error page.
    /// </summary>
    public static WebApplication UseApiProblemPages(this WebApplication app)
    {
        app.UseWhen(c => c.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase), api => api.UseStatusCodePages(async context =>
        {
            var http = context.HttpContext;
            await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
            {
                HttpContext = http,
                ProblemDetails = { Status = http.Response.StatusCode, Detail = http.Response.StatusCode == StatusCodes.Status404NotFound
                    ? "There is no such API route: see /openapi/v1.json." : "The request could not be read: check the values in its query and body." },
            });
        }));
        return app;
    }
}
