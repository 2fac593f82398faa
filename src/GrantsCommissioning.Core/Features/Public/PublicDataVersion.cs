using System.Collections.Concurrent;

namespace GrantsCommissioning.Core.Features.Public;

/// <summary>
/// Counts committed changes to what anonymous pages show (see <c>Data.PublicDataChanges</c>), so their data can be
/// kept in memory between requests and reloaded after the next change.
/// </summary>
public sealed class PublicDataVersion
{
    private long version;

    public long Current => Interlocked.Read(ref version);

    public void Bump() => Interlocked.Increment(ref version);
}

/// <summary>
/// The public pages' data, loaded once per <see cref="PublicDataVersion"/> and kept at most <see cref="MaxAge"/> (a
/// change written by another process is seen within that). Values hold no time-dependent filtering: callers filter
/// by the current time on every request, so a round still opens and closes on the second.
/// </summary>
public sealed class PublicDataCache(PublicDataVersion version, TimeProvider clock)
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(60);

    private readonly ConcurrentDictionary<string, Entry> entries = new(StringComparer.Ordinal);

    public async Task<T> GetAsync<T>(string key, Func<CancellationToken, Task<T>> load, CancellationToken ct = default)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(load);
        var current = version.Current;
        var now = clock.GetUtcNow();
        if (entries.TryGetValue(key, out var entry) && entry.Version == current && now >= entry.LoadedAt && now - entry.LoadedAt < MaxAge
            && entry.Value is T cached)
        {
            return cached;
        }
        var value = await load(ct);
        entries[key] = new Entry(current, now, value);
        return value;
    }

    private sealed record Entry(long Version, DateTimeOffset LoadedAt, object Value);
}
