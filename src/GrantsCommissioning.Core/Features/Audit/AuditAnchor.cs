using System.Globalization;
using GrantsCommissioning.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace GrantsCommissioning.Core.Features.Audit;

/// <summary>One line of the anchor file: the log's last row and its hash at a moment.</summary>
public sealed record AuditAnchorLine(DateTimeOffset At, long RowId, string Hash);

/// <summary>What the anchor file says: its latest line, or why it cannot be trusted.</summary>
public sealed record AuditAnchorState(AuditAnchorLine? Latest, string? Problem);

/// <summary>
/// Writes the audit log's latest row number and hash outside the audit table, to an append-only file (each line MACed
/// with the <see cref="AuditKey"/>) and to the log, so that deleting rows from the end of the chain is caught by the
/// verifier. An anchor never goes backwards: if the log is found shorter than its anchor nothing is written, and the
/// error is logged.
/// </summary>
public sealed partial class AuditAnchor(
    IDbContextFactory<GrantsDbContext> factory, AuditKey key, IOptions<AuditOptions> options, DataPaths paths, TimeProvider clock, ILogger<AuditAnchor> logger)
{
    // Never disposed: a SemaphoreSlim holds no OS handle unless AvailableWaitHandle is asked for, and disposing it when
    // the container is disposed failed the shutdown anchor that was still writing (ObjectDisposedException on Release).
    private readonly SemaphoreSlim gate = new(1, 1);

    public string FilePath { get; } = Path.GetFullPath(Path.Combine(paths.DataDirectory, options.Value.AnchorFile));

    /// <summary>Anchors the current head when it has moved on since the latest anchor; returns the anchor now in force.</summary>
    public async Task<AuditAnchorLine?> WriteAsync(CancellationToken ct = default)
    {
        await gate.WaitAsync(ct);
        try
        {
            var state = Read();
            if (state.Problem is not null)
            {
                LogRefused(logger, state.Problem);
                return null;
            }
            await using var db = await factory.CreateDbContextAsync(ct);
            var head = await db.AuditLog.AsNoTracking().OrderByDescending(e => e.Id).Select(e => new { e.Id, e.Hash }).FirstOrDefaultAsync(ct);
            var (id, hash) = head is null ? (0L, AuditHash.Genesis) : (head.Id, head.Hash);
            if (state.Latest is { } latest && (id < latest.RowId || (id == latest.RowId && hash != latest.Hash)))
            {
                LogRefused(logger, $"the log ends at row {id} with hash {hash}, behind its anchor at row {latest.RowId} with hash {latest.Hash}");
                return latest;
            }
            if (state.Latest is { } same && id == same.RowId)
            {
                return same;
            }
            var line = new AuditAnchorLine(clock.GetUtcNow(), id, hash);
            await File.AppendAllTextAsync(FilePath, Format(line) + Environment.NewLine, ct);
            LogAnchored(logger, id, hash);
            return line;
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>The latest line of the anchor file; a missing file, or a line that does not parse or whose MAC is wrong, is a problem.</summary>
    public AuditAnchorState Read()
    {
        if (!File.Exists(FilePath))
        {
            return new AuditAnchorState(null, null);
        }
        AuditAnchorLine? latest = null;
        var number = 0;
        foreach (var text in File.ReadLines(FilePath))
        {
            number++;
            if (text.Length == 0)
            {
                continue;
            }
            var line = Parse(text);
            if (line is null)
            {
                return new AuditAnchorState(latest, $"anchor file line {number} is not a valid anchor (its MAC does not match)");
            }
            latest = line;
        }
        return new AuditAnchorState(latest, null);
    }

    public bool Exists => File.Exists(FilePath);

    private string Format(AuditAnchorLine line)
    {
        var body = string.Create(CultureInfo.InvariantCulture, $"{line.At.UtcDateTime:O} row={line.RowId} hash={line.Hash}");
        return $"{body} mac={key.Mac("anchor-v1;" + body)}";
    }

    private AuditAnchorLine? Parse(string text)
    {
        var macAt = text.LastIndexOf(" mac=", StringComparison.Ordinal);
        var parts = macAt < 0 ? [] : text[..macAt].Split(' ');
        if (parts.Length != 3 || !parts[1].StartsWith("row=", StringComparison.Ordinal) || !parts[2].StartsWith("hash=", StringComparison.Ordinal)
            || key.Mac("anchor-v1;" + text[..macAt]) != text[(macAt + 5)..]
            || !DateTimeOffset.TryParse(parts[0], CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
            || !long.TryParse(parts[1][4..], NumberStyles.None, CultureInfo.InvariantCulture, out var id))
        {
            return null;
        }
        return new AuditAnchorLine(at, id, parts[2][5..]);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Audit anchor: row {RowId}, hash {Hash}")]
    private static partial void LogAnchored(ILogger logger, long rowId, string hash);

    [LoggerMessage(Level = LogLevel.Error, Message = "Audit anchor not written: {Problem}. Run the audit verifier.")]
    private static partial void LogRefused(ILogger logger, string problem);
}
