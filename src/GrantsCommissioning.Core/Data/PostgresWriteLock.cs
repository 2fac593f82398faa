using System.Data.Common;
using System.Globalization;
using GrantsCommissioning.Core.Workflow;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Storage;

namespace GrantsCommissioning.Core.Data;

/// <summary>
/// On PostgreSQL, every transaction first takes one transaction-scoped advisory lock, so writers queue exactly as they do
/// under SQLite's BEGIN IMMEDIATE (which Microsoft.Data.Sqlite issues for every transaction): the audit hash chain's
/// "last row + 1", the workflow's version checks and every read-then-write in a feature see the previous writer's commit
/// instead of racing it. The lock is released by the commit or rollback. Waiting is bounded like SQLite's busy_timeout.
/// Statements outside a transaction (plain reads) do not take it.
/// <para>
/// A workflow transition whose handler touches only its own case (<see cref="Workflow.Kinds.ITransitionHandler.LocksOnlyItsCase"/>)
/// takes the write lock shared instead, and then its case's own lock (<see cref="WriteLocks"/>): transitions of different
/// cases run side by side, while any other writer, which takes the write lock exclusively, still waits for all of them
/// and they for it. Such a transition locks the audit chain's head just before it reads it, so the chain stays one line.
/// </para>
/// </summary>
internal sealed class PostgresWriteLock : DbTransactionInterceptor
{
    public override DbTransaction TransactionStarted(DbConnection connection, TransactionEndEventData eventData, DbTransaction result)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(eventData);
        using var command = connection.CreateCommand();
        command.Transaction = result;
        command.CommandText = WriteLocks.SqlFor(eventData.Context as GrantsDbContext, eventData.TransactionId);
        command.ExecuteNonQuery();
        return result;
    }

    public override async ValueTask<DbTransaction> TransactionStartedAsync(
        DbConnection connection, TransactionEndEventData eventData, DbTransaction result, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(eventData);
        var command = connection.CreateCommand();
        await using (command)
        {
            command.Transaction = result;
            command.CommandText = WriteLocks.SqlFor(eventData.Context as GrantsDbContext, eventData.TransactionId);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        return result;
    }
}

/// <summary>The PostgreSQL advisory locks behind writes: their keys, and who takes which (see <see cref="PostgresWriteLock"/>).</summary>
internal static class WriteLocks
{
    /// <summary>The write lock's key is arbitrary, this application's own: 0x4752414E54535752, "GRANTSWR" in ASCII.</summary>
    internal const long Write = 5139241929461159762;

    /// <summary>The audit chain's head, taken by transactions holding only a case's lock: "GRANTSAU".</summary>
    internal const long AuditHead = 5139241929461154133;

    /// <summary>A case's lock is the two-key form (a key space apart from the one-key locks): "CAS" and the kind, then the id.</summary>
    internal const int CaseSpace = 0x43415300;

    /// <summary>What every other transaction runs first: the write lock, exclusive.</summary>
    private static readonly string WriteLockSql = Bounded($"SELECT pg_advisory_xact_lock({Write});");

    private static readonly string AuditHeadSql =
        Bounded($"SELECT pg_advisory_xact_lock({AuditHead});") + """ SELECT "Id", "Hash" FROM "AuditLog" ORDER BY "Id" DESC LIMIT 1;""";

    /// <summary>
    /// Begins a transaction on <paramref name="db"/> that on PostgreSQL takes the write lock shared and then
    /// <paramref name="onlyCase"/>'s lock, or the write lock alone when it is null. SQLite takes its one write lock either way.
    /// </summary>
    internal static async Task<IDbContextTransaction> BeginAsync(GrantsDbContext db, CaseRef? onlyCase, CancellationToken ct)
    {
        db.CaseLockRequested = onlyCase;
        try
        {
            return await db.Database.BeginTransactionAsync(ct);
        }
        finally
        {
            // The context is pooled: a request the interceptor did not take (SQLite, or a failed begin) must not outlive this.
            db.CaseLockRequested = null;
        }
    }

    internal static string SqlFor(GrantsDbContext? db, Guid transactionId)
    {
        if (db?.CaseLockRequested is not { } caseRef)
        {
            return WriteLockSql;
        }
        db.CaseLockRequested = null;
        db.CaseLockedTransaction = transactionId;
        return Bounded($"SELECT pg_advisory_xact_lock_shared({Write}); SELECT pg_advisory_xact_lock({CaseSpace + (int)caseRef.Kind}, {caseRef.Id});");
    }

    /// <summary>
    /// For a transaction that holds only its case's lock, when it appends to the audit chain: waits for any other such
    /// transaction that has appended to commit, then reads the chain's last row, in one round trip (the read is a statement
    /// of its own, so it sees what that transaction committed; taken again, the lock is already this transaction's). Null
    /// when the caller reads the head itself.
    /// </summary>
    internal static async Task<LockedAuditHead?> LockAuditHeadAsync(GrantsDbContext db, CancellationToken ct)
    {
        // EF's id for the transaction is new with each one begun, unlike Npgsql's transaction object, which it reuses.
        var current = db.Database.CurrentTransaction;
        if (current is null || current.TransactionId != db.CaseLockedTransaction)
        {
            return null;
        }
        var command = db.Database.GetDbConnection().CreateCommand();
        await using (command)
        {
            command.Transaction = current.GetDbTransaction();
            command.CommandText = AuditHeadSql;
            var reader = await command.ExecuteReaderAsync(ct);
            await using (reader)
            {
                var head = new LockedAuditHead(0, null);
                do
                {
                    if (reader.FieldCount == 2 && await reader.ReadAsync(ct))
                    {
                        head = new LockedAuditHead(reader.GetInt64(0), reader.GetString(1));
                    }
                }
                while (await reader.NextResultAsync(ct));
                return head;
            }
        }
    }

    /// <summary>Waiting for a lock is bounded like SQLite's busy_timeout; the keys are integers, written invariantly.</summary>
    private static string Bounded(FormattableString locks) =>
        "SET LOCAL lock_timeout = '30s'; " + locks.ToString(CultureInfo.InvariantCulture) + " SET LOCAL lock_timeout TO DEFAULT;";
}

/// <summary>The audit chain's last row (id 0 and no hash when the chain is empty).</summary>
internal sealed record LockedAuditHead(long Id, string? Hash);
