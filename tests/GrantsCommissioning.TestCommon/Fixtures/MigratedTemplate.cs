using GrantsCommissioning.TestCommon.Workflow;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace GrantsCommissioning.TestCommon.Fixtures;

/// <summary>
/// A database migrated once per test process, copied into each new test host's data folder instead of migrating it
/// again: applying every migration to an empty database took 1 to 4 seconds a host (one commit per migration), and the
/// suites create hundreds of hosts. The copy is the migrations' own result (the template is made by the same
/// <c>DatabaseInitializer</c>), and the host still runs the initializer, which finds nothing pending. On SQLite the copy
/// is the file; on PostgreSQL it is <c>CREATE DATABASE … TEMPLATE</c>, which copies a database of this process's own
/// that nothing else connects to.
/// </summary>
internal static class MigratedTemplate
{
    private static readonly Lazy<Task<string>> Template = new(CreateAsync);
    private static readonly SemaphoreSlim PostgresCopies = new(1, 1);

    public const string SqliteFile = "grants.db";

    /// <summary>Puts a migrated, empty database where a host on <paramref name="dataDirectory"/> (a new, empty folder) looks for it.</summary>
    public static async Task CopyToAsync(string dataDirectory)
    {
        var template = await Template.Value;
        if (TestDatabaseProvider.IsPostgres)
        {
            await PostgresCopies.WaitAsync();
            try
            {
                await using var connection = new NpgsqlConnection(TestDatabaseProvider.ServerConnectionString("postgres"));
                await connection.OpenAsync();
                await using var command = connection.CreateCommand();
                command.CommandText = $"CREATE DATABASE \"{TestDatabaseProvider.DatabaseName(dataDirectory)}\" TEMPLATE \"{TestDatabaseProvider.DatabaseName(template)}\"";
                await command.ExecuteNonQueryAsync();
            }
            finally
            {
                PostgresCopies.Release();
            }
            return;
        }
        File.Copy(Path.Combine(template, SqliteFile), Path.Combine(dataDirectory, SqliteFile));
    }

    private static async Task<string> CreateAsync()
    {
        var directory = Path.Combine(Path.GetTempPath(), "gc-template-" + Guid.NewGuid().ToString("N"));
        await using (await WorkflowTestHost.CreateAsync(directory, runStartup: false, fromTemplate: false))
        {
        }
        // No connection may stay open on a template: SQLite's last close folds the write-ahead log into the file, and
        // PostgreSQL refuses to copy a database that has sessions.
        SqliteConnection.ClearAllPools();
        NpgsqlConnection.ClearAllPools();
        if (!TestDatabaseProvider.IsPostgres && File.Exists(Path.Combine(directory, SqliteFile + "-wal"))
            && new FileInfo(Path.Combine(directory, SqliteFile + "-wal")).Length > 0)
        {
            using var connection = new SqliteConnection($"Data Source={Path.Combine(directory, SqliteFile)};Pooling=False");
            connection.Open();
            using var checkpoint = connection.CreateCommand();
            checkpoint.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
            checkpoint.ExecuteNonQuery();
        }
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try
            {
                TestDatabaseProvider.Drop(directory);
            }
            catch (NpgsqlException)
            {
                // The throwaway cluster may already be stopping; it goes with the cluster then.
            }
            WorkflowTestHost.TryDelete(directory);
        };
        return directory;
    }
}
