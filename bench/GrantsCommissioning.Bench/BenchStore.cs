using System.Data.Common;
using System.Security.Cryptography;
using System.Text;
using GrantsCommissioning.Core.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace GrantsCommissioning.Bench;

/// <summary>
/// Where a benchmark's databases live: SQLite files (the default, as `dotnet run`), or databases on a PostgreSQL server
/// when `bash bench/run.sh --postgres …` has started one (its connection string, without a database, is in
/// <see cref="Variable"/>). A database is named by <see cref="Name"/>: a file path on SQLite, a database name on
/// PostgreSQL. Everything a benchmark does outside the app (the bare baselines, copies, integrity checks) goes
/// through here, so each benchmark runs unchanged on both and prints a ratio for each.
/// </summary>
internal abstract class BenchStore
{
    public const string Variable = "GC_BENCH_POSTGRES";

    public static BenchStore Sqlite { get; } = new SqliteStore();

    /// <summary>SQLite, and PostgreSQL too when bench/run.sh started a server.</summary>
    public static IReadOnlyList<BenchStore> All =>
        Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } server ? [Sqlite, new PostgresStore(server)] : [Sqlite];

    public abstract string Title { get; }

    /// <summary>The app's database for its data folder (the same folder, the same database).</summary>
    public abstract string DatabaseFor(string dataDirectory);

    /// <summary>A database kept between runs (B6's cache), by a plain name such as "b6-demo".</summary>
    public abstract string Name(string folder, string plainName);

    /// <summary>The Grants:Database settings that put the app on <paramref name="database"/>.</summary>
    public abstract IReadOnlyDictionary<string, string?> AppSettings(string database);

    /// <summary>An open ADO.NET connection to <paramref name="database"/> for a bare baseline.</summary>
    public abstract Task<DbConnection> OpenAsync(string database, bool readOnly = false);

    /// <summary>The app's registered EF Core options (interceptors, model) pointed at <paramref name="database"/>.</summary>
    public abstract DbContextOptions<GrantsDbContext> ContextOptions(IServiceProvider services, string database);

    /// <summary>How a timestamp column is compared in bare SQL (SQLite: UTC ticks as the app stores them).</summary>
    public abstract object Timestamp(DateTimeOffset at);

    /// <summary>The statement a bare writer starts its transaction with (SQLite takes the write lock at once, as the app does).</summary>
    public abstract string Begin { get; }

    /// <summary>What a bare writer's connection sets once (SQLite: the app's pragmas; PostgreSQL: nothing, synchronous_commit is on).</summary>
    public abstract string WriterSetup { get; }

    /// <summary>An integer key the database assigns.</summary>
    public abstract string IdentityColumn { get; }

    /// <summary>A new empty database for a baseline, in <paramref name="folder"/> on SQLite (in WAL mode, as the app's).</summary>
    public abstract Task<string> CreateAsync(string folder, string plainName);

    public abstract bool Exists(string database);

    /// <summary>Copies a database no one is connected to (replacing the target).</summary>
    public abstract Task CopyAsync(string from, string to);

    public abstract Task RenameAsync(string from, string to);

    public abstract Task DropAsync(string database);

    /// <summary>"ok" when the database's structures check out (SQLite's integrity_check; PostgreSQL's amcheck on every B-tree index).</summary>
    public abstract Task<string> IntegrityCheckAsync(string database);

    public abstract void ClearPools();

    /// <summary>
    /// Gives the database the planner statistics a server in use has. PostgreSQL: ANALYZE, since a copied database
    /// (CREATE DATABASE … TEMPLATE) starts with no count of changes for autovacuum to act on, and the statistics of the
    /// generated history may predate most of it. SQLite: nothing, since the app's SQLite plans without statistics, and
    /// ANALYZE would give plans it never has.
    /// </summary>
    public abstract Task AnalyzeAsync(string database);

    public static async Task ExecuteAsync(DbConnection connection, string sql, params (string Name, object Value)[] parameters)
    {
        await using var command = Command(connection, sql, parameters);
        await command.ExecuteNonQueryAsync();
    }

    public static DbCommand Command(DbConnection connection, string sql, params (string Name, object Value)[] parameters)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value;
            command.Parameters.Add(parameter);
        }
        return command;
    }

    private sealed class SqliteStore : BenchStore
    {
        public override string Title => "SQLite";

        public override string Begin => "BEGIN IMMEDIATE;";

        public override string DatabaseFor(string dataDirectory) => Path.Combine(dataDirectory, "grants.db");

        public override string WriterSetup => "PRAGMA synchronous=FULL; PRAGMA busy_timeout=10000; PRAGMA foreign_keys=ON;";

        public override string IdentityColumn => "INTEGER PRIMARY KEY";

        public override async Task<string> CreateAsync(string folder, string plainName)
        {
            var file = Name(folder, plainName);
            await using var connection = await OpenAsync(file);
            await ExecuteAsync(connection, "PRAGMA journal_mode=WAL;");
            return file;
        }

        public override string Name(string folder, string plainName) => Path.Combine(folder, plainName + ".db");

        /// <summary>None: the app's default, grants.db in its data folder, with its own connection settings.</summary>
        public override IReadOnlyDictionary<string, string?> AppSettings(string database) => new Dictionary<string, string?>();

        public override async Task<DbConnection> OpenAsync(string database, bool readOnly = false)
        {
            var connection = new SqliteConnection(ConnectionString(database, readOnly));
            await connection.OpenAsync();
            return connection;
        }

        public override DbContextOptions<GrantsDbContext> ContextOptions(IServiceProvider services, string database) =>
            new DbContextOptionsBuilder<GrantsDbContext>(services.GetRequiredService<DbContextOptions<GrantsDbContext>>())
                .UseSqlite(ConnectionString(database, readOnly: false)).Options;

        public override object Timestamp(DateTimeOffset at) => at.UtcTicks;

        public override bool Exists(string database) => File.Exists(database);

        /// <summary>Folds the WAL into the file and copies it, so the copy is the whole database.</summary>
        public override async Task CopyAsync(string from, string to)
        {
            await using (var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = from, Pooling = false }.ToString()))
            {
                await connection.OpenAsync();
                await ExecuteAsync(connection, "PRAGMA wal_checkpoint(TRUNCATE);");
            }
            File.Copy(from, to, overwrite: true);
        }

        public override Task RenameAsync(string from, string to)
        {
            File.Move(from, to, overwrite: true);
            return Task.CompletedTask;
        }

        public override Task DropAsync(string database)
        {
            SqliteConnection.ClearAllPools();
            foreach (var file in new[] { database, database + "-wal", database + "-shm" })
            {
                File.Delete(file);
            }
            return Task.CompletedTask;
        }

        public override async Task<string> IntegrityCheckAsync(string database)
        {
            await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = database, Pooling = false }.ToString());
            await connection.OpenAsync();
            await using var command = Command(connection, "PRAGMA integrity_check;");
            var rows = new List<string>();
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                rows.Add(reader.GetString(0));
            }
            return string.Join("; ", rows);
        }

        public override void ClearPools() => SqliteConnection.ClearAllPools();

        public override Task AnalyzeAsync(string database) => Task.CompletedTask;

        private static string ConnectionString(string file, bool readOnly) => new SqliteConnectionStringBuilder
        {
            DataSource = file, Mode = readOnly ? SqliteOpenMode.ReadOnly : SqliteOpenMode.ReadWriteCreate, Pooling = true, DefaultTimeout = 30,
        }.ToString();
    }

    private sealed class PostgresStore(string server) : BenchStore
    {
        public override string Title => "PostgreSQL";

        public override string Begin => "BEGIN;";

        public override string DatabaseFor(string dataDirectory) =>
            "gc_bench_" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Path.GetFullPath(dataDirectory))))[..16];

        public override string Name(string folder, string plainName) => "gc_" + plainName.Replace('-', '_');

        public override string WriterSetup => "";

        public override string IdentityColumn => "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY";

        public override async Task<string> CreateAsync(string folder, string plainName)
        {
            var database = Name(folder, plainName) + "_" + Guid.NewGuid().ToString("N")[..8];
            await using var connection = Server();
            await ExecuteAsync(connection, $"CREATE DATABASE \"{database}\";");
            return database;
        }

        public override IReadOnlyDictionary<string, string?> AppSettings(string database) => new Dictionary<string, string?>
        {
            ["Grants:Database:Provider"] = "Postgres",
            ["Grants:Database:ConnectionString"] = ConnectionString(database),
        };

        public override async Task<DbConnection> OpenAsync(string database, bool readOnly = false)
        {
            // Read-only as a startup option of the (pooled) connection, so it costs nothing per open.
            var connection = new NpgsqlConnection(readOnly
                ? new NpgsqlConnectionStringBuilder(ConnectionString(database)) { Options = "-c default_transaction_read_only=on" }.ConnectionString
                : ConnectionString(database));
            await connection.OpenAsync();
            return connection;
        }

        public override DbContextOptions<GrantsDbContext> ContextOptions(IServiceProvider services, string database) =>
            new DbContextOptionsBuilder<GrantsDbContext>(services.GetRequiredService<DbContextOptions<GrantsDbContext>>())
                .UseNpgsql(ConnectionString(database)).Options;

        public override object Timestamp(DateTimeOffset at) => at.ToUniversalTime();

        public override bool Exists(string database)
        {
            using var connection = Server();
            using var command = Command(connection, "SELECT COUNT(*) FROM pg_database WHERE datname = @name;", ("name", database));
            return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) > 0;
        }

        public override async Task CopyAsync(string from, string to)
        {
            ClearPools();
            await using var connection = Server();
            // A stopped app can leave idle connections behind (Quartz's own data source keeps a pool): end them, since
            // PostgreSQL copies only a database no one is connected to.
            await ExecuteAsync(connection, "SELECT COUNT(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = @name AND pid <> pg_backend_pid();", ("name", from));
            await ExecuteAsync(connection, $"DROP DATABASE IF EXISTS \"{to}\" WITH (FORCE);");
            await ExecuteAsync(connection, $"CREATE DATABASE \"{to}\" TEMPLATE \"{from}\";");
        }

        public override async Task RenameAsync(string from, string to)
        {
            ClearPools();
            await using var connection = Server();
            await ExecuteAsync(connection, $"DROP DATABASE IF EXISTS \"{to}\" WITH (FORCE);");
            await ExecuteAsync(connection, $"ALTER DATABASE \"{from}\" RENAME TO \"{to}\";");
        }

        public override async Task DropAsync(string database)
        {
            ClearPools();
            await using var connection = Server();
            await ExecuteAsync(connection, $"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE);");
        }

        public override async Task<string> IntegrityCheckAsync(string database)
        {
            await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(ConnectionString(database)) { Pooling = false }.ConnectionString);
            await connection.OpenAsync();
            await ExecuteAsync(connection, "CREATE EXTENSION IF NOT EXISTS amcheck;");
            await using var command = Command(connection,
                "SELECT COUNT(bt_index_check(c.oid)) FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_am am ON am.oid = c.relam "
                + "WHERE am.amname = 'btree' AND c.relnamespace = 'public'::regnamespace;");
            try
            {
                await command.ExecuteScalarAsync();
                return "ok";
            }
            catch (PostgresException ex)
            {
                return ex.MessageText;
            }
        }

        public override void ClearPools() => NpgsqlConnection.ClearAllPools();

        public override async Task AnalyzeAsync(string database)
        {
            await using var connection = await OpenAsync(database);
            await ExecuteAsync(connection, "ANALYZE;");
        }

        private string ConnectionString(string database) =>
            new NpgsqlConnectionStringBuilder(server) { Database = database, Pooling = true, MaxPoolSize = 100 }.ConnectionString;

        private NpgsqlConnection Server()
        {
            var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(server) { Database = "postgres", Pooling = false }.ConnectionString);
            connection.Open();
            return connection;
        }
    }
}
