using System.Security.Cryptography;
using System.Text;
using Npgsql;

namespace GrantsCommissioning.TestCommon.Fixtures;

/// <summary>
/// Which database the fixtures run on. By default each test host has its own SQLite file in its data folder; when the
/// environment variable <see cref="Variable"/> holds a PostgreSQL server's connection string (as `bash tests/run.sh
/// --postgres` sets it), each has its own PostgreSQL database instead, named after its data folder (so reopening the
/// same folder, as restart tests do, reopens the same database), created by the migrations and dropped by <see cref="Drop"/>.
/// </summary>
public static class TestDatabaseProvider
{
    public const string Variable = "GC_TEST_POSTGRES";

    /// <summary>The server's connection string (without a database), or null on SQLite.</summary>
    public static string? PostgresServer => Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } server ? server : null;

    public static bool IsPostgres => PostgresServer is not null;

    /// <summary>The Grants:Database settings for a host whose data folder is <paramref name="dataDirectory"/>; empty on SQLite.</summary>
    public static IReadOnlyDictionary<string, string?> Settings(string dataDirectory) => PostgresServer is { } server
        ? new Dictionary<string, string?>
        {
            ["Grants:Database:Provider"] = "Postgres",
            ["Grants:Database:ConnectionString"] = ConnectionString(server, dataDirectory),
        }
        : new Dictionary<string, string?>();

    /// <summary>Drops the database of <paramref name="dataDirectory"/> (nothing on SQLite, where it goes with the folder).</summary>
    public static void Drop(string dataDirectory)
    {
        if (PostgresServer is not { } server)
        {
            return;
        }
        using (var own = new NpgsqlConnection(ConnectionString(server, dataDirectory)))
        {
            NpgsqlConnection.ClearPool(own);
        }
        using var connection = new NpgsqlConnection(ServerConnectionString("postgres"));
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"DROP DATABASE IF EXISTS \"{DatabaseName(dataDirectory)}\" WITH (FORCE)";
        command.ExecuteNonQuery();
    }

    /// <summary>The PostgreSQL connection string of the database of <paramref name="dataDirectory"/> (only when <see cref="IsPostgres"/>).</summary>
    public static string PostgresConnectionString(string dataDirectory) =>
        ConnectionString(PostgresServer ?? throw new InvalidOperationException($"{Variable} is not set."), dataDirectory);

    private static string ConnectionString(string server, string dataDirectory) =>
        new NpgsqlConnectionStringBuilder(server) { Database = DatabaseName(dataDirectory) }.ConnectionString;

    /// <summary>A connection string to <paramref name="database"/> on the server (only when <see cref="IsPostgres"/>).</summary>
    internal static string ServerConnectionString(string database) =>
        new NpgsqlConnectionStringBuilder(PostgresServer ?? throw new InvalidOperationException($"{Variable} is not set.")) { Database = database, Pooling = false }
            .ConnectionString;

    internal static string DatabaseName(string dataDirectory) =>
        "gc_" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Path.GetFullPath(dataDirectory))))[..24];
}
