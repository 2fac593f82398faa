using System.Diagnostics;

namespace GrantsCommissioning.Bench;

/// <summary>
/// Counts what EF Core does in this process while <see cref="Counting"/> is on: SQL statements executed, connections
/// opened and transactions committed (EF's DiagnosticListener events; the app's configuration is not touched).
/// Quartz's own ADO.NET statements are not seen here; fsyncs, Quartz's included, are counted with strace
/// (see <see cref="FsyncMarker"/>).
/// </summary>
internal sealed class DbActivity : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
{
    private readonly IDisposable subscription;
    private readonly List<IDisposable> listeners = [];
    private long statements;
    private long opens;
    private long commits;

    public DbActivity() => subscription = DiagnosticListener.AllListeners.Subscribe(this);

    public bool Counting { get; set; }

    public long Statements => Interlocked.Read(ref statements);

    public long Opens => Interlocked.Read(ref opens);

    public long Commits => Interlocked.Read(ref commits);

    public void OnNext(DiagnosticListener value)
    {
        if (value.Name == "Microsoft.EntityFrameworkCore")
        {
            lock (listeners)
            {
                listeners.Add(value.Subscribe(this));
            }
        }
    }

    public void OnNext(KeyValuePair<string, object?> value)
    {
        if (!Counting)
        {
            return;
        }
        switch (value.Key)
        {
            case "Microsoft.EntityFrameworkCore.Database.Command.CommandExecuted":
                Interlocked.Increment(ref statements);
                break;
            case "Microsoft.EntityFrameworkCore.Database.Connection.ConnectionOpened":
                Interlocked.Increment(ref opens);
                break;
            case "Microsoft.EntityFrameworkCore.Database.Transaction.TransactionCommitted":
                Interlocked.Increment(ref commits);
                break;
        }
    }

    public void OnCompleted()
    {
    }

    public void OnError(Exception error)
    {
    }

    public void Dispose()
    {
        subscription.Dispose();
        lock (listeners)
        {
            listeners.ForEach(l => l.Dispose());
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
