using GrantsCommissioning.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace GrantsCommissioning.Core.Features.Health;

public sealed record HealthReport(string Status, bool Database, IReadOnlyList<string> PendingMigrations, int SeededObjectives, string? Error)
{
    public bool Healthy => Status == "Healthy";
}

/// <summary>Whether the database answers, is fully migrated and holds the reference data: what /health reports.</summary>
public sealed class HealthCheck(IDbContextFactory<GrantsDbContext> factory)
{
    public async Task<HealthReport> CheckAsync(CancellationToken ct)
    {
        try
        {
            await using var db = await factory.CreateDbContextAsync(ct);
            var canConnect = await db.Database.CanConnectAsync(ct);
            var pending = canConnect ? (await db.Database.GetPendingMigrationsAsync(ct)).ToList() : [];
            var objectives = canConnect && pending.Count == 0 ? await db.Objectives.CountAsync(ct) : 0;
            var healthy = canConnect && pending.Count == 0;
            return new HealthReport(healthy ? "Healthy" : "Unhealthy", canConnect, pending, objectives, null);
        }
        catch (Exception ex) when (ex is System.Data.Common.DbException or InvalidOperationException)
        {
            return new HealthReport("Unhealthy", false, [], 0, ex.Message);
        }
    }
}
