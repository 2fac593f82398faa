using GrantsCommissioning.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace GrantsCommissioning.Web.Infrastructure;

internal static class HealthEndpoint
{
    public sealed record HealthReport(string Status, bool Database, IReadOnlyList<string> PendingMigrations, int SeededObjectives, string? Error);

    public static IEndpointRouteBuilder MapHealthEndpoint(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/health", async (IDbContextFactory<GrantsDbContext> factory, CancellationToken ct) =>
        {
            try
            {
                await using var db = await factory.CreateDbContextAsync(ct);
                var canConnect = await db.Database.CanConnectAsync(ct);
                var pending = canConnect ? (await db.Database.GetPendingMigrationsAsync(ct)).ToList() : [];
                var objectives = canConnect && pending.Count == 0 ? await db.Objectives.CountAsync(ct) : 0;
                var healthy = canConnect && pending.Count == 0;
                var report = new HealthReport(healthy ? "Healthy" : "Unhealthy", canConnect, pending, objectives, null);
                return Results.Json(report, statusCode: healthy ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
            }
            catch (Exception ex) when (ex is Microsoft.Data.Sqlite.SqliteException or InvalidOperationException)
            {
                return Results.Json(new HealthReport("Unhealthy", false, [], 0, ex.Message), statusCode: StatusCodes.Status503ServiceUnavailable);
            }
        }).AllowAnonymous().WithName("Health");
        return endpoints;
    }
}
