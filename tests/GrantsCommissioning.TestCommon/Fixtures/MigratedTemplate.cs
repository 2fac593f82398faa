using GrantsCommissioning.TestCommon.Workflow;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace GrantsCommissioning.TestCommon.Fixtures;

/// <summary>
/// A database migrated once per test process, copied for each new test host instead of migrating it again: applying
/// every migration to an empty database took 1 to 4 seconds a host (one commit per migration), and the suites create
/// hundreds of hosts. The copy is the migrations' own result (the template is made by the same
/// <c>DatabaseInitializer</c>), and the host still runs the initializer, which finds nothing pending. On SQLite the copy
/// is the file; on PostgreSQL it is <c>CREATE DATABASE … TEMPLATE</c>, from a template database no session stays
/// connected to (PostgreSQL refuses to copy one that has).
/// </summary>
internal static class MigratedTemplate
{
    private static readonly Lazy<Task<string>> Template = new(CreateAsync);

    private static readonly Lazy<Task<string>> PostgresTemplate = new(CreatePostgresAsync);

    public const string SqliteFile = "grants.db";

    /// <summary>
    /// Puts a migrated, empty database where a host on <paramref name="dataDirectory"/> (a new, empty folder) looks for
    /// it, on the provider the tests run on: the SQLite file in the folder, or the folder's PostgreSQL database.
    /// </summary>
    public static async Task CopyToAsync(string dataDirectory)
    {
        if (TestDatabaseProvider.IsPostgres)
        {
            await ServerCommandAsync($"CREATE DATABASE \"{TestDatabaseProvider.DatabaseName(dataDirectory)}\" TEMPLATE \"{await PostgresTemplate.Value}\"");
            return;
        }
        var template = await Template.Value;
        File.Copy(Path.Combine(template, SqliteFile), Path.Combine(dataDirectory, SqliteFile));
    }

    private static async Task<string> CreatePostgresAsync()
    {
        await DropTemplatesOfEndedProcessesAsync();
        var directory = Path.Combine(Path.GetTempPath(), "gc-template-" + Guid.NewGuid().ToString("N"));
        await using (await WorkflowTestHost.CreateAsync(directory, runStartup: false, fromTemplate: false))
        {
        }
        WorkflowTestHost.TryDelete(directory);
        var migrated = TestDatabaseProvider.DatabaseName(directory);
        // The host's pooled connections would stay open on the database, and PostgreSQL renames and copies only a database
        // nobody is connected to: close them on the server's side (nothing uses that pool again). The name carries this
        // process's id, so a later run can drop the template of a run that has ended (a test process is stopped too soon
        // after its last test for a drop at exit to finish).
        var name = $"{TemplatePrefix}{Environment.ProcessId}_{Guid.NewGuid().ToString("N")[..8]}";
        await ServerCommandAsync(
            $"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{migrated}' AND pid <> pg_backend_pid()");
        await ServerCommandAsync($"ALTER DATABASE \"{migrated}\" RENAME TO \"{name}\"");
        return name;
    }

    private const string TemplatePrefix = "gc_template_";

    /// <summary>Drops the templates of test processes on this machine that are no longer running.</summary>
    private static async Task DropTemplatesOfEndedProcessesAsync()
    {
        var ended = new List<string>();
        await using (var connection = await OpenServerAsync())
        {
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT datname FROM pg_database WHERE starts_with(datname, '{TemplatePrefix}')";
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                var name = reader.GetString(0);
                if (int.TryParse(name[TemplatePrefix.Length..].Split('_')[0], out var pid) && !IsRunning(pid))
                {
                    ended.Add(name);
                }
            }
        }
        foreach (var name in ended)
        {
            await ServerCommandAsync($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
        }
    }

    private static bool IsRunning(int pid)
    {
        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private static async Task ServerCommandAsync(string sql)
    {
        await using var connection = await OpenServerAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>A connection to the server's own <c>postgres</c> database, where databases are created, renamed and dropped.</summary>
    private static async Task<NpgsqlConnection> OpenServerAsync()
    {
        var connection = new NpgsqlConnection(TestDatabaseProvider.ServerConnectionString("postgres"));
        await connection.OpenAsync();
        return connection;
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
