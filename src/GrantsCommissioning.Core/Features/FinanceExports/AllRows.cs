namespace GrantsCommissioning.Core.Features.FinanceExports;

/// <summary>
/// Every row of a paged query, read a page at a time through the same query a staff page uses (which caps its page
/// size), so a download holds every row the page's filters match, not only the page shown.
/// </summary>
public static class AllRows
{
    /// <summary>Rows asked for at a time: within every staff query's cap.</summary>
    public const int Batch = 100;

    /// <param name="page">The page's query for (skip, take), returning that page's rows and the count of all matching rows.</param>
    public static async Task<IReadOnlyList<T>> ReadAsync<T>(Func<int, int, Task<(IReadOnlyList<T> Items, int Count)>> page)
    {
        ArgumentNullException.ThrowIfNull(page);
        var all = new List<T>();
        while (true)
        {
            var (items, count) = await page(all.Count, Batch);
            all.AddRange(items);
            if (items.Count == 0 || all.Count >= count)
            {
                return all;
            }
        }
    }
}
