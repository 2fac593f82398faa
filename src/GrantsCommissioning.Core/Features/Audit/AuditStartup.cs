using GrantsCommissioning.Core.Data;
using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Core.Workflow;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace GrantsCommissioning.Core.Features.Audit;

/// <summary>
/// Start-up for the audit log: loads the key (a bad key or key file stops start-up), keys a log written before the
/// chain was keyed, and writes an anchor.
/// </summary>
/// <remarks>
/// The cut-over: a log whose rows are all unkeyed SHA-256 (written by an older version) gets one keyed row,
/// <see cref="KeyedAction"/>, appended once, when there is no anchor file yet. That row's HMAC covers the previous
/// hash, so the legacy rows before it can no longer be changed unnoticed, and the verifier accepts unkeyed rows only
/// before the first keyed one. A log that already has keyed rows, or a broken chain, is never "re-keyed".
/// </remarks>
public sealed partial class AuditStartup(
    IDbContextFactory<GrantsDbContext> factory, AuditKey key, AuditTrail trail, AuditAnchor anchor, ILogger<AuditStartup> logger)
{
    public const string KeyedAction = "Audit.ChainKeyed";

    public async Task RunAsync(CancellationToken ct = default)
    {
        key.EnsureLoaded();
        if (!anchor.Exists)
        {
            await KeyLegacyChainAsync(ct);
        }
        await anchor.WriteAsync(ct);
    }

    private async Task KeyLegacyChainAsync(CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var previousHash = AuditHash.Genesis;
        long rows = 0;
        await foreach (var row in db.AuditLog.AsNoTracking().OrderBy(e => e.Id).AsAsyncEnumerable().WithCancellation(ct))
        {
            rows++;
            if (row.PreviousHash != previousHash || key.Hash(row) == row.Hash || AuditHash.ComputeLegacy(row) != row.Hash)
            {
                return;
            }
            previousHash = row.Hash;
        }
        if (rows == 0)
        {
            return;
        }
        await trail.AppendAsync(db, Actor.System, KeyedAction, "AuditLog", "chain", null, new { legacyRows = rows, legacyHeadHash = previousHash }, ct);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        LogKeyed(logger, rows);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The audit log had {Rows} rows hashed without a key; a keyed row now closes them (Audit.ChainKeyed).")]
    private static partial void LogKeyed(ILogger logger, long rows);
}
