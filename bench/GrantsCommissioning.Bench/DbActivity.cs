using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace GrantsCommissioning.Bench;

/// <summary>
/// Counts what EF Core does in this process while <see cref="Counting"/> is on: SQL statements executed (and, per
/// statement text, how often and for how long), connections opened and transactions committed (EF's DiagnosticListener
/// events; the app's configuration is not touched). Quartz's own ADO.NET statements are not seen here; fsyncs, Quartz's
/// included, are counted with strace (see <see cref="FsyncMarker"/>).
/// </summary>
internal sealed partial class DbActivity : EfEvents
{
    private readonly ConcurrentDictionary<string, StatementTally> byText = new();
    private long statements;
    private long opens;
    private long commits;
    private readonly ConcurrentDictionary<string, int> compiled = new();

    public bool Counting { get; set; }

    public long Statements => Interlocked.Read(ref statements);

    public long Opens => Interlocked.Read(ref opens);

    public long Commits => Interlocked.Read(ref commits);

    /// <summary>LINQ queries EF Core had to translate (query cache misses) while counting, by expression, most frequent first.</summary>
    public IEnumerable<KeyValuePair<string, int>> Compiled => compiled.OrderByDescending(p => p.Value);

    /// <summary>The statements seen, most frequent first: the SQL (whitespace collapsed), how many times, total milliseconds.</summary>
    public IReadOnlyList<(string Sql, long Count, double TotalMs)> ByText() =>
        [.. byText.Select(kv => (kv.Key, kv.Value.Count, kv.Value.Ms)).OrderByDescending(s => s.Count).ThenByDescending(s => s.Ms)];

    protected override void OnEvent(string name, object? payload)
    {
        if (!Counting)
        {
            return;
        }
        switch (name)
        {
            case "Microsoft.EntityFrameworkCore.Database.Command.CommandExecuted":
                Interlocked.Increment(ref statements);
                if (payload is CommandExecutedEventData executed)
                {
                    byText.GetOrAdd(Whitespace().Replace(executed.Command.CommandText, " ").Trim(), _ => new StatementTally())
                        .Add(executed.Duration);
                }
                break;
            case "Microsoft.EntityFrameworkCore.Database.Connection.ConnectionOpened":
                Interlocked.Increment(ref opens);
                break;
            case "Microsoft.EntityFrameworkCore.Query.QueryCompilationStarting":
                if (payload is QueryExpressionEventData query)
                {
                    compiled.AddOrUpdate(query.Expression.ToString(), 1, (_, n) => n + 1);
                }
                break;
            case "Microsoft.EntityFrameworkCore.Database.Transaction.TransactionCommitted":
                Interlocked.Increment(ref commits);
                break;
        }
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    private sealed class StatementTally
    {
        private long count;
        private long ticks;

        public long Count => Interlocked.Read(ref count);

        public double Ms => TimeSpan.FromTicks(Interlocked.Read(ref ticks)).TotalMilliseconds;

        public void Add(TimeSpan duration)
        {
            Interlocked.Increment(ref count);
            Interlocked.Add(ref ticks, duration.Ticks);
        }
    }
}

/// <summary>
/// Marks the start and end of each timed block of submissions with an fsync of a file named for it, so a run under
/// <c>strace -f -y -e trace=fsync,fdatasync</c> can count the fsyncs of grants.db and quartz.db inside the blocks
/// (bench/fsyncs.sh does this).
/// </summary>
internal static class FsyncMarker
{
    public static void Mark(string name)
    {
        var path = Path.Combine(Path.GetTempPath(), "gc-bench-mark-" + name);
        using (var file = new FileStream(path, FileMode.Create, FileAccess.Write))
        {
            file.WriteByte(1);
            file.Flush(flushToDisk: true);
        }
        File.Delete(path);
    }
}
