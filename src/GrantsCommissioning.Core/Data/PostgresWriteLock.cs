using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace GrantsCommissioning.Core.Data;

/// <summary>
/// On PostgreSQL, every transaction first takes one transaction-scoped advisory lock, so writers queue exactly as they do
/// under SQLite's BEGIN IMMEDIATE (which Microsoft.Data.Sqlite issues for every transaction): the audit hash chain's
/// "last row + 1", the workflow's version checks and every read-then-write in a feature see the previous writer's commit
/// instead of racing it. The lock is released by the commit or rollback. Waiting is bounded like SQLite's busy_timeout.
/// Statements outside a transaction (plain reads) do not take it.
/// </summary>
internal sealed class PostgresWriteLock : DbTransactionInterceptor
{
    /// <summary>The lock's key is arbitrary, this application's own: 0x4752414E54535752, "GRANTSWR" in ASCII.</summary>
    internal const string Sql = "SET LOCAL lock_timeout = '30s'; SELECT pg_advisory_xact_lock(5139241929461159762); SET LOCAL lock_timeout TO DEFAULT;";

    public override DbTransaction TransactionStarted(DbConnection connection, TransactionEndEventData eventData, DbTransaction result)
    {
        ArgumentNullException.ThrowIfNull(connection);
        using var command = connection.CreateCommand();
        command.Transaction = result;
        command.CommandText = Sql;
        command.ExecuteNonQuery();
        return result;
    }

    public override async ValueTask<DbTransaction> TransactionStartedAsync(
        DbConnection connection, TransactionEndEventData eventData, DbTransaction result, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var command = connection.CreateCommand();
        await using (command)
        {
            command.Transaction = result;
            command.CommandText = Sql;
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        return result;
    }
}
