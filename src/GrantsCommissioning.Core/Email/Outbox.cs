using GrantsCommissioning.Core.Data;
using GrantsCommissioning.Core.Domain;
using Microsoft.Extensions.Options;

namespace GrantsCommissioning.Core.Email;

/// <summary>Queues email in the caller's own transaction: the caller saves, and the outbox job sends after commit.</summary>
public interface IOutbox
{
    /// <summary>
    /// Adds a rendered <see cref="OutboxEmail"/> to <paramref name="db"/> unless one with the same dedupe key is already
    /// tracked; the unique index on the key stops a second one reaching the database. Returns the row, or null if skipped.
    /// </summary>
    OutboxEmail? Enqueue(GrantsDbContext db, string template, string toAddress, string? toName,
        IReadOnlyDictionary<string, string> values, string dedupeKey);

    /// <summary>As <see cref="Enqueue"/>, but also skips a key already saved in the database.</summary>
    Task<OutboxEmail?> EnqueueAsync(GrantsDbContext db, string template, string toAddress, string? toName,
        IReadOnlyDictionary<string, string> values, string dedupeKey, CancellationToken cancellationToken = default);
}

internal sealed class Outbox(EmailTemplates templates, IOptions<EmailOptions> options, TimeProvider clock) : IOutbox
{
    public OutboxEmail? Enqueue(GrantsDbContext db, string template, string toAddress, string? toName,
        IReadOnlyDictionary<string, string> values, string dedupeKey)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentException.ThrowIfNullOrWhiteSpace(toAddress);
        ArgumentException.ThrowIfNullOrWhiteSpace(dedupeKey);
        if (db.TrackedRows<OutboxEmail>().Any(e => e.DedupeKey == dedupeKey))
        {
            return null;
        }
        var rendered = templates.Render(template, values);
        var now = clock.GetUtcNow();
        var domain = options.Value.FromAddress.Split('@') is [_, var d] ? d : "grants.local";
        var email = new OutboxEmail
        {
            CreatedAt = now,
            ToAddress = toAddress.Trim(),
            ToName = toName,
            Subject = rendered.Subject,
            BodyText = rendered.Body,
            Template = template,
            MessageId = $"{Guid.NewGuid():N}@{domain}",
            DedupeKey = dedupeKey,
            NextAttemptAt = now,
        };
        db.Outbox.Add(email);
        return email;
    }

    public async Task<OutboxEmail?> EnqueueAsync(GrantsDbContext db, string template, string toAddress, string? toName,
        IReadOnlyDictionary<string, string> values, string dedupeKey, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var exists = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions
            .AnyAsync(db.Outbox, e => e.DedupeKey == dedupeKey, cancellationToken);
        return exists ? null : Enqueue(db, template, toAddress, toName, values, dedupeKey);
    }
}
