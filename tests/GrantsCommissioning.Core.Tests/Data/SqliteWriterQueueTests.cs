using GrantsCommissioning.TestCommon.Fixtures;
using Microsoft.EntityFrameworkCore;

namespace GrantsCommissioning.Core.Tests.Data;

/// <summary>
/// Writers in one process queue for the SQLite file before BEGIN IMMEDIATE (not in SQLite's sleeping busy handler):
/// every writer still gets its turn and sees the one before it, a queued writer can give up, and a transaction that ends
/// without commit or rollback does not keep its place.
/// </summary>
public sealed class SqliteWriterQueueTests : IAsyncLifetime
{
    private TestDatabase _test = null!;

    public async Task InitializeAsync()
    {
        _test = await TestDatabase.CreateAsync();
        await using var db = _test.NewContext();
        await db.Database.ExecuteSqlRawAsync("CREATE TABLE QueueProbe (N INTEGER PRIMARY KEY)", CancellationToken.None);
    }

    public async Task DisposeAsync() => await _test.DisposeAsync();

    [Fact]
    public async Task Concurrent_read_then_write_transactions_each_see_the_previous_commit()
    {
        var ct = CancellationToken.None;
        await Parallel.ForEachAsync(Enumerable.Range(0, 24), new ParallelOptions { MaxDegreeOfParallelism = 24, CancellationToken = ct }, async (_, token) =>
        {
            await using var db = _test.NewContext();
            await using var tx = await db.Database.BeginTransactionAsync(token);
            var last = await CountAsync(db, token);
            await db.Database.ExecuteSqlAsync($"INSERT INTO QueueProbe (N) VALUES ({last + 1})", token);
            await tx.CommitAsync(token);
        });

        await using var check = _test.NewContext();
        var numbers = await check.Database.SqlQueryRaw<int>("SELECT N AS Value FROM QueueProbe ORDER BY N").ToListAsync(ct);
        Assert.Equal(Enumerable.Range(1, 24), numbers);
    }

    [Fact]
    public async Task A_writer_queued_behind_another_can_give_up_without_disturbing_it()
    {
        var ct = CancellationToken.None;
        await using var holder = _test.NewContext();
        await using var held = await holder.Database.BeginTransactionAsync(ct);
        await holder.Database.ExecuteSqlAsync($"INSERT INTO QueueProbe (N) VALUES (1)", ct);
        await CountAsync(holder, ct);

        await using (var waiter = _test.NewContext())
        {
            using var giveUp = CancellationTokenSource.CreateLinkedTokenSource(ct);
            giveUp.CancelAfter(TimeSpan.FromMilliseconds(300));
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiter.Database.BeginTransactionAsync(giveUp.Token));
        }

        await holder.Database.ExecuteSqlAsync($"INSERT INTO QueueProbe (N) VALUES (2)", ct);
        await held.CommitAsync(ct);
        await WriteInTurnAsync(3, ct);
        await using var check = _test.NewContext();
        Assert.Equal(3, await CountAsync(check, ct));
    }

    [Fact]
    public async Task A_transaction_disposed_unfinished_gives_up_its_place_and_its_writes()
    {
        var ct = CancellationToken.None;
        await using (var db = _test.NewContext())
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            await db.Database.ExecuteSqlAsync($"INSERT INTO QueueProbe (N) VALUES (1)", ct);
        }
        await WriteInTurnAsync(2, ct);

        // The same with a connection the context keeps open: its next command outside a transaction frees the place.
        await using var open = _test.NewContext();
        await open.Database.OpenConnectionAsync(ct);
        await using (var tx = await open.Database.BeginTransactionAsync(ct))
        {
            await open.Database.ExecuteSqlAsync($"INSERT INTO QueueProbe (N) VALUES (3)", ct);
        }
        Assert.Equal(1, await CountAsync(open, ct));
        await WriteInTurnAsync(4, ct);

        await using var check = _test.NewContext();
        var numbers = await check.Database.SqlQueryRaw<int>("SELECT N AS Value FROM QueueProbe ORDER BY N").ToListAsync(ct);
        Assert.Equal([2, 4], numbers);
    }

    /// <summary>Writes <paramref name="n"/> in its own transaction, failing rather than waiting long if the queue is stuck.</summary>
    private async Task WriteInTurnAsync(int n, CancellationToken ct)
    {
        using var notStuck = CancellationTokenSource.CreateLinkedTokenSource(ct);
        notStuck.CancelAfter(TimeSpan.FromSeconds(5));
        await using var db = _test.NewContext();
        await using var tx = await db.Database.BeginTransactionAsync(notStuck.Token);
        await db.Database.ExecuteSqlAsync($"INSERT INTO QueueProbe (N) VALUES ({n})", ct);
        await tx.CommitAsync(ct);
    }

    private static async Task<int> CountAsync(DbContext db, CancellationToken ct) =>
        (await db.Database.SqlQueryRaw<int>("SELECT COUNT(*) AS Value FROM QueueProbe").ToListAsync(ct)).Single();
}
