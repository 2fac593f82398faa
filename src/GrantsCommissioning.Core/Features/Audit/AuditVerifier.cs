using GrantsCommissioning.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace GrantsCommissioning.Core.Features.Audit;

/// <summary>The outcome of walking the chain: intact, or the first broken row and why.</summary>
/// <param name="RowsChecked">Rows examined, up to and including the first broken one.</param>
public sealed record AuditVerification(bool IsIntact, long RowsChecked, long? BrokenRowId, string? Reason);

/// <summary>Walks the audit log in id order, a page at a time, recomputing each hash and each link to the previous row.</summary>
public sealed class AuditVerifier(IDbContextFactory<GrantsDbContext> factory)
{
    internal const int PageSize = 200;

    public async Task<AuditVerification> VerifyAsync(CancellationToken ct = default)
    {
        var db = await factory.CreateDbContextAsync(ct).ConfigureAwait(false);
        await using (db.ConfigureAwait(false))
        {
            long checkedRows = 0;
            long? previousId = null;
            var previousHash = AuditHash.Genesis;
            while (true)
            {
                var after = previousId ?? long.MinValue;
                var page = await db.AuditLog.AsNoTracking().Where(e => e.Id > after).OrderBy(e => e.Id).Take(PageSize)
                    .ToListAsync(ct).ConfigureAwait(false);
                if (page.Count == 0)
                {
                    return new AuditVerification(true, checkedRows, null, null);
                }
                foreach (var row in page)
                {
                    checkedRows++;
                    if (row.PreviousHash != previousHash)
                    {
                        return new AuditVerification(false, checkedRows, row.Id, previousId is { } p
                            ? $"row {row.Id}: previous hash does not match row {p}"
                            : $"row {row.Id}: previous hash is not the start of the chain");
                    }
                    if (AuditHash.Compute(row) != row.Hash)
                    {
                        return new AuditVerification(false, checkedRows, row.Id, $"row {row.Id}: hash does not match its contents");
                    }
                    previousId = row.Id;
                    previousHash = row.Hash;
                }
            }
        }
    }
}
