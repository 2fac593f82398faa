using System.Net.Sockets;
using GrantsCommissioning.Core.Configuration;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Migrations;
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
                var pending = await PendingMigrationsAsync(db, cancellationToken);
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

    /// <summary>
    /// The migrations the database has not had. EF Core's <c>GetPendingMigrationsAsync</c> first builds a model of its
    /// history table, conventions and all, to name one column: about a twentieth of a second of every restart (bench B7).
    /// The table is read here with one query instead. A database that does not exist yet, or has no history table, has
    /// every migration pending, as EF Core would say; <c>MigrateAsync</c> then creates what is missing.
    /// </summary>
    private static async Task<List<string>> PendingMigrationsAsync(GrantsDbContext db, CancellationToken ct)
    {
        var applied = new HashSet<string>(StringComparer.Ordinal);
        try
        {
            await db.Database.OpenConnectionAsync(ct);
            try
            {
                var command = db.Database.GetDbConnection().CreateCommand();
                await using (command)
                {
                    command.CommandText = $"SELECT \"MigrationId\" FROM \"{HistoryRepository.DefaultTableName}\"";
                    var reader = await command.ExecuteReaderAsync(ct);
                    await using (reader)
                    {
                        while (await reader.ReadAsync(ct))
                        {
                            applied.Add(reader.GetString(0));
                        }
                    }
                }
            }
            finally
            {
                await db.Database.CloseConnectionAsync();
            }
        }
        catch (SqliteException ex) when (ex.SqliteErrorCode == 1 && ex.Message.Contains("no such table", StringComparison.Ordinal))
        {
            // A new SQLite file.
        }
        catch (PostgresException ex) when (ex.SqlState is PostgresErrorCodes.UndefinedTable or PostgresErrorCodes.InvalidCatalogName)
        {
            // A PostgreSQL database not migrated yet, or not created yet.
        }
        return db.Database.GetMigrations().Where(m => !applied.Contains(m)).ToList();
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
