using System.Net.Sockets;
using GrantsCommissioning.Core.Configuration;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace GrantsCommissioning.Core.Data;

/// <summary>
/// Creates the data folder and applies migrations for the configured provider: on SQLite it then switches the file to WAL;
/// on PostgreSQL it (re)creates the append-only triggers that the SQLite migrations hold as raw SQL, and keeps the planner's
/// statistics current (<see cref="PostgresDatabaseObjects.PlannerStatistics"/>).
/// </summary>
public sealed partial class DatabaseInitializer(
    IDbContextFactory<GrantsDbContext> factory, DataPaths paths, ILogger<DatabaseInitializer> logger)
{
    public async Task MigrateAsync(CancellationToken cancellationToken = default)
    {
        EnsureWritableFolder(paths.DataDirectory, "Grants:DataDirectory");
        if (paths.DatabaseFolder is { } folder)
        {
            EnsureWritableFolder(folder, "Grants:ConnectionString");
        }
        var db = await factory.CreateDbContextAsync(cancellationToken);
        await using (db)
        {
            try
            {
                var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
                if (pending.Count > 0)
                {
                    LogMigrating(logger, pending.Count, paths.DatabaseDescription);
                    await db.Database.MigrateAsync(cancellationToken);
                }
                if (paths.Provider == DatabaseProvider.Postgres)
                {
                    await db.Database.ExecuteSqlRawAsync(PostgresDatabaseObjects.AppendOnlyTriggers, cancellationToken);
                    await db.Database.ExecuteSqlRawAsync(PostgresDatabaseObjects.PlannerStatistics, cancellationToken);
                }
                else
                {
                    await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
                }
            }
            catch (SqliteException ex)
            {
                throw new StartupException(
                    $"The database at {paths.DatabaseDescription} could not be opened or migrated (Grants:DataDirectory / Grants:ConnectionString): {ex.Message}", ex);
            }
            catch (Exception ex) when (ex is NpgsqlException or SocketException or TimeoutException
                || (ex is InvalidOperationException && ex.InnerException is NpgsqlException or SocketException or TimeoutException))
            {
                throw new StartupException(
                    $"The {paths.DatabaseDescription} could not be reached or migrated (Grants:Database:ConnectionString): {(ex.InnerException ?? ex).Message}", ex);
            }
        }
    }

    private static void EnsureWritableFolder(string folder, string setting)
    {
        try
        {
            Directory.CreateDirectory(folder);
            var probe = Path.Combine(folder, $".write-test-{Guid.NewGuid():N}");
            File.WriteAllText(probe, "ok");
            File.Delete(probe);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new StartupException($"{setting}: the folder '{folder}' is not writable ({ex.Message}).", ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Applying {Count} migration(s) to {Database}")]
    private static partial void LogMigrating(ILogger logger, int count, string database);
}
