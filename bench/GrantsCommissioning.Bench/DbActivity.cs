namespace GrantsCommissioning.Bench;

/// <summary>
/// Counts what EF Core does in this process while <see cref="Counting"/> is on: SQL statements executed, connections
/// opened and transactions committed (EF's DiagnosticListener events; the app's configuration is not touched).
/// Quartz's own ADO.NET statements are not seen here; fsyncs, Quartz's included, are counted with strace
/// (see <see cref="FsyncMarker"/>).
/// </summary>
internal sealed class DbActivity : EfEvents
{
    private long statements;
    private long opens;
    private long commits;

    public bool Counting { get; set; }

    public long Statements => Interlocked.Read(ref statements);

    public long Opens => Interlocked.Read(ref opens);

    public long Commits => Interlocked.Read(ref commits);

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
                break;
            case "Microsoft.EntityFrameworkCore.Database.Connection.ConnectionOpened":
                Interlocked.Increment(ref opens);
                break;
            case "Microsoft.EntityFrameworkCore.Database.Transaction.TransactionCommitted":
                Interlocked.Increment(ref commits);
                break;
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
