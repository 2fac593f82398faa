using GrantsCommissioning.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace GrantsCommissioning.Core.Features;

/// <summary>
/// A feature's write: one transaction (BEGIN IMMEDIATE on SQLite, so writers queue) around its rows and audit row,
/// saved and committed only when the change succeeded; on a failure nothing is written.
/// </summary>
public static class FeatureWrites
{
    /// <param name="onUniqueViolation">What to tell the user when a unique index refuses the save (someone else got there first); null lets it throw.</param>
    public static async Task<FeatureResult<T>> InTransactionAsync<T>(
        this IDbContextFactory<GrantsDbContext> factory, Func<GrantsDbContext, Task<FeatureResult<T>>> change, CancellationToken ct,
        Func<FeatureResult<T>>? onUniqueViolation = null)
    {
        ArgumentNullException.ThrowIfNull(factory);
        ArgumentNullException.ThrowIfNull(change);
        await using var db = await factory.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var result = await change(db);
        if (!result.Succeeded)
        {
            return result;
        }
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex) when (onUniqueViolation is not null && DbErrors.IsUniqueViolation(ex))
        {
            return onUniqueViolation();
        }
        await tx.CommitAsync(ct);
        return result;
    }
}
