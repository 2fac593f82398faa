using Microsoft.EntityFrameworkCore;

namespace GrantsCommissioning.Core.Data;

/// <summary>
/// Reading the rows a context tracks without EF Core's change-detection scan. <c>DbSet.Local</c> and
/// <c>ChangeTracker.Entries</c> first compare every tracked row's every property with its snapshot; a transition asked
/// them five times before its save (the Start row, the journal's sequence, each email's key, the audit chain's head),
/// each a scan of the whole application. What these callers look for are rows they added with <c>Add</c>, which are
/// tracked from that moment: a scan finds edited properties and rows attached only through a navigation, and none of
/// these callers reads either. <c>SaveChanges</c> still scans, once, before it writes.
/// </summary>
public partial class GrantsDbContext
{
    /// <summary>As <c>Set&lt;T&gt;().Local</c> (every tracked row not deleted), without the scan.</summary>
    internal IEnumerable<T> TrackedRows<T>() where T : class => WithoutScan(() => Set<T>().Local);

    /// <summary>The <typeparamref name="T"/> rows added to this context and not yet saved, without the scan.</summary>
    internal IEnumerable<T> AddedRows<T>() where T : class =>
        WithoutScan(() => ChangeTracker.Entries<T>()).Where(e => e.State == EntityState.Added).Select(e => e.Entity);

    /// <summary>Both EF calls scan when they are made, not as they are enumerated, so switching detection off around the call suffices.</summary>
    private TResult WithoutScan<TResult>(Func<TResult> read)
    {
        var detect = ChangeTracker.AutoDetectChangesEnabled;
        ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            return read();
        }
        finally
        {
            ChangeTracker.AutoDetectChangesEnabled = detect;
        }
    }
}
