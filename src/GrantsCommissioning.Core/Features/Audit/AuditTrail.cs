using System.Text.Json;
using System.Text.Json.Serialization;
using GrantsCommissioning.Core.Data;
using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Core.Workflow;
using Microsoft.EntityFrameworkCore;

namespace GrantsCommissioning.Core.Features.Audit;

/// <summary>
/// Appends hash-chained rows to the audit log, each hash an HMAC under the <see cref="AuditKey"/>. Call <see cref="AppendAsync"/> inside the caller's write transaction.
/// The chain's order is held by the database: each row's id is the last id + 1, so two writers that read the same last
/// row collide on the primary key and one fails (and retries, as <see cref="ICaseWorkflow.FireAsync"/> does) instead of
/// forking the chain; on SQLite the transaction is also BEGIN IMMEDIATE, so writers queue.
/// </summary>
public sealed class AuditTrail(IDbContextFactory<GrantsDbContext> factory, AuditKey key, TimeProvider clock)
{
    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>The "reason" an audit row's after-state records (a round extended, a flag removed), or null.</summary>
    public static string? ReasonOf(string? after)
    {
        if (string.IsNullOrEmpty(after))
        {
            return null;
        }
        using var json = JsonDocument.Parse(after);
        return json.RootElement.ValueKind == JsonValueKind.Object && json.RootElement.TryGetProperty("reason", out var reason) ? reason.GetString() : null;
    }

    /// <summary>Adds a row to <paramref name="db"/> (the caller saves); before/after are stored as JSON.</summary>
    public async Task<AuditEntry> AppendAsync(GrantsDbContext db, Actor actor, string action, string entityType, string entityId,
        object? before, object? after, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentException.ThrowIfNullOrWhiteSpace(action);
        var (lastId, lastHash) = await LastAsync(db, ct);
        // The id is assigned here, not by SQLite: it is part of the hash, rows added in one SaveChanges chain in the
        // order they were appended, and two writers that somehow read the same last row collide on the key instead
        // of forking the chain.
        var entry = new AuditEntry
        {
            Id = lastId + 1, OccurredAt = WholeMicroseconds(clock.GetUtcNow()), ActorUserId = actor.UserId, ActorName = actor.DisplayName, Action = action,
            EntityType = entityType, EntityId = entityId, Before = Serialise(before), After = Serialise(after), PreviousHash = lastHash, Hash = "",
        };
        entry.Hash = key.Hash(entry);
        db.AuditLog.Add(entry);
        return entry;
    }

    /// <summary>Records that <paramref name="actor"/> saw sensitive data (e.g. full bank details), in its own short transaction.</summary>
    public async Task RecordAccessAsync(Actor actor, string action, string entityType, string entityId, CancellationToken ct = default)
    {
        var db = await factory.CreateDbContextAsync(ct);
        await using (db)
        {
            var tx = await db.Database.BeginTransactionAsync(ct);
            await using (tx)
            {
                await AppendAsync(db, actor, action, entityType, entityId, null, null, ct);
                await db.SaveChangesAsync(ct);
                await tx.CommitAsync(ct);
            }
        }
    }

    private static async Task<(long Id, string Hash)> LastAsync(GrantsDbContext db, CancellationToken ct)
    {
        var pending = db.AddedRows<AuditEntry>().MaxBy(e => e.Id);
        if (pending is not null)
        {
            return (pending.Id, pending.Hash);
        }
        // Read under the chain head's lock where this transaction holds only its case's lock (PostgreSQL), else directly.
        var last = await WriteLocks.LockAuditHeadAsync(db, ct)
            ?? await Head.For(db)(db, ct);
        return last?.Hash is { } hash ? (last.Id, hash) : (0, AuditHash.Genesis);
    }

    // Read by every write that is audited (each transition), so compiled.
    private static readonly CompiledPerModel<Func<GrantsDbContext, CancellationToken, Task<LockedAuditHead?>>> Head = new(() => EF.CompileAsyncQuery(
        (GrantsDbContext db, CancellationToken ct) => db.AuditLog.OrderByDescending(e => e.Id).Select(e => new LockedAuditHead(e.Id, e.Hash)).FirstOrDefault()));

    /// <summary>The time is part of the hash, so it is kept to what every database stores exactly (PostgreSQL: microseconds).</summary>
    private static DateTimeOffset WholeMicroseconds(DateTimeOffset at) => new(at.UtcTicks - (at.UtcTicks % 10), TimeSpan.Zero);

    private static string? Serialise(object? value) => value is null ? null : JsonSerializer.Serialize(value, value.GetType(), Json);
}
