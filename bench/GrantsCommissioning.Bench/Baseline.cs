using System.Data.Common;
using System.Diagnostics;

namespace GrantsCommissioning.Bench;

internal sealed record BaselineResult(int Inserts, TimeSpan Elapsed, LatencySummary Latency, int RowsInTable, string IntegrityCheck)
{
    public double PerSecond => Inserts / Elapsed.TotalSeconds;
}

/// <summary>
/// The floor the submit path is compared with: on its own database in the same store with the app's durability
/// (SQLite: WAL, synchronous=FULL, busy_timeout=10000 through Microsoft.Data.Sqlite, each transaction taking the write
/// lock at once; PostgreSQL: synchronous_commit on, through Npgsql), concurrent writers each insert single rows, one
/// transaction per row, so every insert pays one durable commit as a submission does.
/// </summary>
internal sealed class Baseline : IAsyncDisposable
{
    private readonly BenchStore store;
    private readonly string folder;
    private readonly string database;
    private readonly List<double> latencies = [];
    private TimeSpan elapsed;
    private int inserted;

    private Baseline(BenchStore store, string folder, string database)
    {
        this.store = store;
        this.folder = folder;
        this.database = database;
    }

    public static async Task<Baseline> CreateAsync(BenchStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        var folder = Path.Combine(Path.GetTempPath(), "gc-bench-baseline-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var baseline = new Baseline(store, folder, await store.CreateAsync(folder, "baseline"));
        await using var setup = await store.OpenAsync(baseline.database);
        await BenchStore.ExecuteAsync(setup, store.WriterSetup
            + $"CREATE TABLE \"Submissions\" (\"Id\" {store.IdentityColumn}, \"Worker\" INTEGER NOT NULL, \"Sequence\" INTEGER NOT NULL, "
            + "\"IdempotencyKey\" TEXT NOT NULL UNIQUE, \"Payload\" TEXT NOT NULL, \"CreatedAt\" BIGINT NOT NULL);");
        return baseline;
    }

    /// <summary>One block of <paramref name="inserts"/> single-row transactions from <paramref name="concurrency"/> writers; time adds up over blocks.</summary>
    public Task RunBlockAsync(int inserts, int concurrency) => RunAsync(inserts, concurrency, timed: true);

    /// <summary>
    /// The same loop, untimed, before the clock: the subject is warmed up before it is timed, so the baseline is too (its
    /// first block would otherwise JIT-compile its own code inside the timed phase). Its rows carry a negative worker and
    /// are not counted in <see cref="BaselineResult.RowsInTable"/>.
    /// </summary>
    public Task WarmUpAsync(int inserts, int concurrency) => RunAsync(inserts, concurrency, timed: false);

    private async Task RunAsync(int inserts, int concurrency, bool timed)
    {
        var block = new double[inserts];
        var next = -1;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(worker => Task.Run(async () =>
        {
            // One connection per writer with its settings made once, as a pooled connection would have them.
            await using var connection = await store.OpenAsync(database);
            if (store.WriterSetup.Length > 0)
            {
                await BenchStore.ExecuteAsync(connection, store.WriterSetup);
            }
            await using var begin = BenchStore.Command(connection, store.Begin);
            await using var commit = BenchStore.Command(connection, "COMMIT;");
            await using var insert = BenchStore.Command(connection,
                "INSERT INTO \"Submissions\" (\"Worker\", \"Sequence\", \"IdempotencyKey\", \"Payload\", \"CreatedAt\") VALUES (@worker, @sequence, @key, @payload, @at);",
                ("worker", 0), ("sequence", 0), ("key", ""), ("payload", ""), ("at", 0L));
            // Looked up once, not by name on every insert: the baseline's loop should cost only what the database does.
            DbParameter[] p = [.. insert.Parameters.Cast<DbParameter>()];
            while (Interlocked.Increment(ref next) is var i && i < inserts)
            {
                var start = Stopwatch.GetTimestamp();
                await begin.ExecuteNonQueryAsync();
                p[0].Value = timed ? worker : -1 - worker;
                p[1].Value = i;
                p[2].Value = Guid.NewGuid().ToString("N");
                p[3].Value = "Application received: one row standing in for one submission";
                p[4].Value = DateTimeOffset.UtcNow.UtcTicks;
                await insert.ExecuteNonQueryAsync();
                await commit.ExecuteNonQueryAsync();
                block[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            }
        })));
        clock.Stop();
        if (!timed)
        {
            return;
        }
        elapsed += clock.Elapsed;
        inserted += inserts;
        latencies.AddRange(block);
    }

    public async Task<BaselineResult> ResultAsync()
    {
        int rows;
        await using (var check = await store.OpenAsync(database))
        {
            await using var count = BenchStore.Command(check, "SELECT COUNT(*) FROM \"Submissions\" WHERE \"Worker\" >= 0;");
            rows = Convert.ToInt32(await count.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
        }
        return new BaselineResult(inserted, elapsed, LatencySummary.Of(latencies), rows, await store.IntegrityCheckAsync(database));
    }

    public async ValueTask DisposeAsync()
    {
        await store.DropAsync(database);
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS to clean with the temp folder.
        }
    }
}
