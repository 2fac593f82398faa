using System.Collections.Concurrent;
using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace GrantsCommissioning.Core.Data;

/// <summary>
/// Writers in this process queue for a SQLite file here, first come first served and without holding a thread, before
/// their <c>BEGIN IMMEDIATE</c>. Without it they queue inside SQLite's busy handler, which sleeps in steps of up to
/// 100 ms and retries: on deadline day the write lock sat free while thirty-odd waiters slept, and every waiter held a
/// thread-pool thread. The lock itself is still SQLite's (other processes still wait in busy_timeout); this only orders
/// this process's writers. The place is released when the transaction commits, rolls back or fails, or at the latest when
/// its connection closes or runs a command outside a transaction (a transaction disposed without either). Plain reads outside a transaction do not queue.
/// </summary>
internal sealed class SqliteWriterQueue : DbTransactionInterceptor, IDbConnectionInterceptor, IDbCommandInterceptor
{
    /// <summary>As long as a writer may wait for the others before it is told the database is busy (SQLite's DefaultTimeout).</summary>
    internal static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(30);

    private const int SqliteBusy = 5;

    /// <summary>One queue per file (full path), so two spellings of one file share it.</summary>
    private static readonly ConcurrentDictionary<string, SemaphoreSlim> Queues = new(StringComparer.Ordinal);

    /// <summary>The queue by the connection's Data Source as written, so a transaction's start does not re-resolve the path.</summary>
    private static readonly ConcurrentDictionary<string, SemaphoreSlim> ByDataSource = new(StringComparer.Ordinal);

    private readonly ConditionalWeakTable<DbConnection, Place> _held = new();

    public static SqliteWriterQueue Instance { get; } = new();

    public override InterceptionResult<DbTransaction> TransactionStarting(
        DbConnection connection, TransactionStartingEventData eventData, InterceptionResult<DbTransaction> result)
    {
        if (QueueFor(connection) is { } queue)
        {
            // A place still held by an earlier transaction on this connection that was disposed without commit or rollback.
            Release(connection);
            if (!queue.Wait(MaxWait))
            {
                throw Busy();
            }
            Hold(connection, queue);
        }
        return result;
    }

    public override async ValueTask<InterceptionResult<DbTransaction>> TransactionStartingAsync(
        DbConnection connection, TransactionStartingEventData eventData, InterceptionResult<DbTransaction> result, CancellationToken cancellationToken = default)
    {
        if (QueueFor(connection) is { } queue)
        {
            // A place still held by an earlier transaction on this connection that was disposed without commit or rollback.
            Release(connection);
            if (!await queue.WaitAsync(MaxWait, cancellationToken))
            {
                throw Busy();
            }
            Hold(connection, queue);
        }
        return result;
    }

    public override void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => Release(ConnectionOf(transaction, eventData));

    public override Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Release(ConnectionOf(transaction, eventData));
        return Task.CompletedTask;
    }

    public override void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => Release(ConnectionOf(transaction, eventData));

    public override Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Release(ConnectionOf(transaction, eventData));
        return Task.CompletedTask;
    }

    /// <summary>BEGIN, COMMIT or ROLLBACK failed: SQLite has ended (or never started) the transaction.</summary>
    public override void TransactionFailed(DbTransaction transaction, TransactionErrorEventData eventData) => Release(ConnectionOf(transaction, eventData));

    public override Task TransactionFailedAsync(DbTransaction transaction, TransactionErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Release(ConnectionOf(transaction, eventData));
        return Task.CompletedTask;
    }

    /// <summary>A command outside any transaction on a connection still holding a place: its transaction was disposed unfinished.</summary>
    public DbCommand CommandInitialized(CommandEndEventData eventData, DbCommand result)
    {
        if (result is { Transaction: null, Connection: { } connection })
        {
            Release(connection);
        }
        return result;
    }

    public void ConnectionClosed(DbConnection connection, ConnectionEndEventData eventData) => Release(connection);

    public Task ConnectionClosedAsync(DbConnection connection, ConnectionEndEventData eventData)
    {
        Release(connection);
        return Task.CompletedTask;
    }

    public void ConnectionDisposed(DbConnection connection, ConnectionEndEventData eventData) => Release(connection);

    public Task ConnectionDisposedAsync(DbConnection connection, ConnectionEndEventData eventData)
    {
        Release(connection);
        return Task.CompletedTask;
    }

    /// <summary>The queue for the connection's file; none for a private in-memory database, which no one else can write.</summary>
    private static SemaphoreSlim? QueueFor(DbConnection connection) =>
        connection is SqliteConnection { DataSource: { Length: > 0 } file } && file != ":memory:"
            ? ByDataSource.GetOrAdd(file, f => Queues.GetOrAdd(Path.GetFullPath(f), _ => new SemaphoreSlim(1, 1)))
            : null;

    /// <summary>The connection (a SqliteTransaction forgets its connection once it has committed or rolled back).</summary>
    private static DbConnection? ConnectionOf(DbTransaction? transaction, TransactionEventData? eventData) =>
        eventData?.Context?.Database.GetDbConnection() ?? transaction?.Connection;

    private static SqliteException Busy() =>
        new($"database is locked: other writers in this process held it for more than {MaxWait.TotalSeconds:F0} seconds", SqliteBusy);

    private void Hold(DbConnection connection, SemaphoreSlim queue) => _held.AddOrUpdate(connection, new Place(queue));

    private void Release(DbConnection? connection)
    {
        if (connection is not null && _held.TryGetValue(connection, out var place))
        {
            _held.Remove(connection);
            place.Release();
        }
    }

    private sealed class Place(SemaphoreSlim queue)
    {
        private int _released;

        public void Release()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                queue.Release();
            }
        }
    }
}
