using GrantsCommissioning.Core.Data;
using GrantsCommissioning.Core.Domain;
using Microsoft.EntityFrameworkCore;

namespace GrantsCommissioning.Core.Features.Audit;

/// <summary>Which check of the audit log failed.</summary>
public enum AuditCheck
{
    /// <summary>A row's previous hash is not the hash of the row before it (a row was deleted, inserted or re-hashed).</summary>
    BrokenLink = 1,
    /// <summary>A row's hash is not the HMAC of its contents under the key (changed, or forged without the key).</summary>
    HmacMismatch = 2,
    /// <summary>The log ends before the row the latest anchor recorded (rows deleted from the end).</summary>
    ShorterThanAnchor = 3,
    /// <summary>The row the latest anchor recorded has a different hash now.</summary>
    HeadDiffersFromAnchor = 4,
    /// <summary>The anchor file is missing or one of its lines is not a valid anchor.</summary>
    AnchorUnusable = 5,
}

/// <summary>The outcome of walking the chain: intact, or the first failed check, at which row and why.</summary>
/// <param name="RowsChecked">Rows examined, up to and including the first broken one.</param>
public sealed record AuditVerification(bool IsIntact, long RowsChecked, long? BrokenRowId, string? Reason, AuditCheck? Failed = null);

/// <summary>
/// Walks the audit log in id order, a page at a time, checking each link to the previous row and each row's HMAC, then
/// compares the end of the chain with the latest anchor. Rows hashed before the chain was keyed (unkeyed SHA-256) are
/// accepted only before the first keyed row, which start-up writes when it finds such a log (see <see cref="AuditStartup"/>).
/// </summary>
public sealed class AuditVerifier(IDbContextFactory<GrantsDbContext> factory, AuditKey key, AuditAnchor anchor)
{
    internal const int PageSize = 200;

    public async Task<AuditVerification> VerifyAsync(CancellationToken ct = default)
    {
        var anchorState = anchor.Read();
        var anchored = anchorState.Latest;
        await using var db = await factory.CreateDbContextAsync(ct);
        long checkedRows = 0;
        long? previousId = null;
        var previousHash = AuditHash.Genesis;
        var keyedSeen = false;
        string? hashAtAnchor = anchored?.RowId == 0 ? AuditHash.Genesis : null;
        while (true)
        {
            var after = previousId ?? long.MinValue;
            var page = await db.AuditLog.AsNoTracking().Where(e => e.Id > after).OrderBy(e => e.Id).Take(PageSize).ToListAsync(ct);
            if (page.Count == 0)
            {
                break;
            }
            foreach (var row in page)
            {
                checkedRows++;
                if (row.PreviousHash != previousHash)
                {
                    return Broken(checkedRows, row.Id, AuditCheck.BrokenLink, previousId is { } p
                        ? $"row {row.Id}: broken link, its previous hash does not match row {p}"
                        : $"row {row.Id}: broken link, its previous hash is not the start of the chain");
                }
                if (key.Hash(row) == row.Hash)
                {
                    keyedSeen = true;
                }
                else if (keyedSeen || AuditHash.ComputeLegacy(row) != row.Hash)
                {
                    return Broken(checkedRows, row.Id, AuditCheck.HmacMismatch,
                        $"row {row.Id}: HMAC mismatch, its hash is not the keyed hash of its contents (changed, or written without the key)");
                }
                if (row.Id == anchored?.RowId)
                {
                    hashAtAnchor = row.Hash;
                }
                previousId = row.Id;
                previousHash = row.Hash;
            }
        }
        if (previousId is { } last && !keyedSeen)
        {
            return Broken(checkedRows, last, AuditCheck.HmacMismatch, $"row {last}: HMAC mismatch, no row of the log is keyed");
        }
        return AgainstAnchor(checkedRows, previousId ?? 0, anchorState, hashAtAnchor);
    }

    private AuditVerification AgainstAnchor(long checkedRows, long lastId, AuditAnchorState state, string? hashAtAnchor)
    {
        if (state.Problem is { } problem)
        {
            return Broken(checkedRows, null, AuditCheck.AnchorUnusable, $"{problem} ({anchor.FilePath})");
        }
        if (state.Latest is not { } a)
        {
            return lastId == 0 ? new AuditVerification(true, checkedRows, null, null)
                : Broken(checkedRows, null, AuditCheck.AnchorUnusable, $"there is no anchor file ({anchor.FilePath}), so rows deleted from the end cannot be detected");
        }
        var when = UkTime.Describe(a.At);
        if (lastId < a.RowId)
        {
            return Broken(checkedRows, lastId + 1, AuditCheck.ShorterThanAnchor,
                $"the chain is shorter than the anchor: it ends at row {lastId}, but row {a.RowId} was anchored at {when}");
        }
        if (hashAtAnchor != a.Hash)
        {
            return Broken(checkedRows, a.RowId, AuditCheck.HeadDiffersFromAnchor, $"row {a.RowId}: its hash differs from the anchor written at {when}");
        }
        return new AuditVerification(true, checkedRows, null, null);
    }

    private static AuditVerification Broken(long checkedRows, long? rowId, AuditCheck check, string reason) => new(false, checkedRows, rowId, reason, check);
}
