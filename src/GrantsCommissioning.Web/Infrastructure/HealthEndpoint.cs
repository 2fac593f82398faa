using GrantsCommissioning.Core.Features.Health;

namespace GrantsCommissioning.Web.Infrastructure;

internal static class HealthEndpoint
{
    public static IEndpointRouteBuilder MapHealthEndpoint(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/health", async (HealthCheck health, CancellationToken ct) =>
        {
            var report = await health.CheckAsync(ct);
            return Results.Json(report, statusCode: report.Healthy ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
        }).AllowAnonymous().WithName("Health");
        return endpoints;
    }
}
