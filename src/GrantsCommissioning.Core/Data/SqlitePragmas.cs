using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace GrantsCommissioning.Core.Data;

/// <summary>
/// Every connection waits on a busy database rather than failing, and commits with synchronous=FULL so a receipt
/// shown after commit survives a power cut. WAL itself is a property of the file, set once at start-up.
/// These PRAGMAs belong to the physical SQLite connection, which Microsoft.Data.Sqlite's pool keeps open across
/// <c>Open</c>/<c>Close</c>, so they run once per physical connection (keyed on its native handle), not on every open.
/// </summary>
internal sealed class SqlitePragmas : DbConnectionInterceptor
{
    internal const string Pragmas = "PRAGMA synchronous=FULL; PRAGMA busy_timeout=10000; PRAGMA foreign_keys=ON;";

    private static readonly ConditionalWeakTable<object, object> Initialised = new();

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        if (FirstOpen(connection))
        {
            using var command = connection.CreateCommand();
            command.CommandText = Pragmas;
            command.ExecuteNonQuery();
        }
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        if (FirstOpen(connection))
        {
            var command = connection.CreateCommand();
            await using (command)
            {
                command.CommandText = Pragmas;
                await command.ExecuteNonQueryAsync(cancellationToken);
            }
        }
    }

    /// <summary>True the first time this physical connection is seen (always true for a provider without a native handle).</summary>
    private static bool FirstOpen(DbConnection connection) =>
        connection is not SqliteConnection { Handle: { } handle } || Initialised.TryAdd(handle, handle);
}
