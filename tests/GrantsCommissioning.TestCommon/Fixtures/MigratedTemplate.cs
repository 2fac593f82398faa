using GrantsCommissioning.TestCommon.Workflow;
using Microsoft.Data.Sqlite;

namespace GrantsCommissioning.TestCommon.Fixtures;

/// <summary>
/// A database migrated once per test process, copied into each new test host's data folder instead of migrating it
/// again: applying every migration to an empty database took 1 to 4 seconds a host (one commit per migration), and the
/// suites create hundreds of hosts. The copy is the migrations' own result (the template is made by the same
/// <c>DatabaseInitializer</c>), and the host still runs the initializer, which finds nothing pending. SQLite only (the
/// copy is the file): on PostgreSQL each host still migrates its own database (a run with CREATE DATABASE … TEMPLATE
/// coincided with the two-node test failing to start, so it is left out until that is understood).
/// </summary>
internal static class MigratedTemplate
{
    private static readonly Lazy<Task<string>> Template = new(CreateAsync);

    public const string SqliteFile = "grants.db";

    /// <summary>Puts a migrated, empty database where a host on <paramref name="dataDirectory"/> (a new, empty folder) looks for it.</summary>
    public static async Task CopyToAsync(string dataDirectory)
    {
        var template = await Template.Value;
        File.Copy(Path.Combine(template, SqliteFile), Path.Combine(dataDirectory, SqliteFile));
    }

    private static async Task<string> CreateAsync()
    {
        var directory = Path.Combine(Path.GetTempPath(), "gc-template-" + Guid.NewGuid().ToString("N"));
        await using (await WorkflowTestHost.CreateAsync(directory, runStartup: false, fromTemplate: false))
        {
        }
        // No connection may stay open on the template: SQLite's last close folds the write-ahead log into the file.
        SqliteConnection.ClearAllPools();
        if (File.Exists(Path.Combine(directory, SqliteFile + "-wal"))
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
            WorkflowTestHost.TryDelete(directory);
        };
        return directory;
    }
}
