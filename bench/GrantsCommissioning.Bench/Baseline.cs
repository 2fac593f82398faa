using System.Diagnostics;
using Microsoft.Data.Sqlite;

namespace GrantsCommissioning.Bench;

internal sealed record BaselineResult(int Inserts, TimeSpan Elapsed, LatencySummary Latency, int RowsInTable, string IntegrityCheck)
{
    public double PerSecond => Inserts / Elapsed.TotalSeconds;
}

/// <summary>
/// The floor the submit path is compared with: on its own SQLite file with the app's settings (WAL, synchronous=FULL,
/// busy_timeout=10000, through Microsoft.Data.Sqlite), concurrent writers each insert single rows, one
/// <c>BEGIN IMMEDIATE … COMMIT</c> transaction per row, so every insert pays one durable commit as a submission does.
/// </summary>
internal sealed class Baseline : IAsyncDisposable
{
    private const string Pragmas = "PRAGMA synchronous=FULL; PRAGMA busy_timeout=10000; PRAGMA foreign_keys=ON;";

    private readonly string folder = Path.Combine(Path.GetTempPath(), "gc-bench-baseline-" + Guid.NewGuid().ToString("N"));
    private readonly List<double> latencies = [];
    private readonly string connectionString;
    private TimeSpan elapsed;
    private int inserted;

    private Baseline()
    {
        Directory.CreateDirectory(folder);
        connectionString = new SqliteConnectionStringBuilder { DataSource = File, Pooling = true, DefaultTimeout = 30 }.ToString();
    }

    private string File => Path.Combine(folder, "baseline.db");

    public static async Task<Baseline> CreateAsync()
    {
        var baseline = new Baseline();
        await using var setup = new SqliteConnection(baseline.connectionString);
        await setup.OpenAsync();
        await ExecuteAsync(setup, "PRAGMA journal_mode=WAL;" + Pragmas
            + "CREATE TABLE Submissions (Id INTEGER PRIMARY KEY, Worker INTEGER NOT NULL, Sequence INTEGER NOT NULL, "
            + "IdempotencyKey TEXT NOT NULL UNIQUE, Payload TEXT NOT NULL, CreatedAt INTEGER NOT NULL);");
        return baseline;
    }

    /// <summary>One block of <paramref name="inserts"/> single-row transactions from <paramref name="concurrency"/> writers; time adds up over blocks.</summary>
    public async Task RunBlockAsync(int inserts, int concurrency)
    {
        var block = new double[inserts];
        var next = -1;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(worker => Task.Run(async () =>
        {
            // One connection per writer with the pragmas set once, as a pooled connection would have them.
            await using var connection = new SqliteConnection(connectionString);
            await connection.OpenAsync();
            await ExecuteAsync(connection, Pragmas);
            await using var begin = Command(connection, "BEGIN IMMEDIATE;");
            await using var commit = Command(connection, "COMMIT;");
            await using var insert = Command(connection,
                "INSERT INTO Submissions (Worker, Sequence, IdempotencyKey, Payload, CreatedAt) VALUES ($worker, $sequence, $key, $payload, $at);");
            var pWorker = insert.Parameters.Add("$worker", SqliteType.Integer);
            var pSequence = insert.Parameters.Add("$sequence", SqliteType.Integer);
            var pKey = insert.Parameters.Add("$key", SqliteType.Text);
            var pPayload = insert.Parameters.Add("$payload", SqliteType.Text);
            var pAt = insert.Parameters.Add("$at", SqliteType.Integer);
            while (Interlocked.Increment(ref next) is var i && i < inserts)
            {
                var start = Stopwatch.GetTimestamp();
                await begin.ExecuteNonQueryAsync();
                pWorker.Value = worker;
                pSequence.Value = i;
                pKey.Value = Guid.NewGuid().ToString("N");
                pPayload.Value = "Application received: one row standing in for one submission";
                pAt.Value = DateTimeOffset.UtcNow.UtcTicks;
                await insert.ExecuteNonQueryAsync();
                await commit.ExecuteNonQueryAsync();
                block[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            }
        })));
        clock.Stop();
        elapsed += clock.Elapsed;
        inserted += inserts;
        latencies.AddRange(block);
    }

    public async Task<BaselineResult> ResultAsync()
    {
        int rows;
        await using (var check = new SqliteConnection(connectionString))
        {
            await check.OpenAsync();
            await using var count = Command(check, "SELECT COUNT(*) FROM Submissions;");
            rows = Convert.ToInt32(await count.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
        }
        return new BaselineResult(inserted, elapsed, LatencySummary.Of(latencies), rows, await Verifier.IntegrityCheckAsync(File));
    }

    public ValueTask DisposeAsync()
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS to clean with the temp folder.
        }
        return ValueTask.CompletedTask;
    }

    private static SqliteCommand Command(SqliteConnection connection, string sql)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        return command;
    }

    private static async Task ExecuteAsync(SqliteConnection connection, string sql)
    {
        await using var command = Command(connection, sql);
        await command.ExecuteNonQueryAsync();
    }
}
