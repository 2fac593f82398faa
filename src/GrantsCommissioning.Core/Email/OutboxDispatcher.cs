using System.Collections.Concurrent;
using GrantsCommissioning.Core.Data;
using GrantsCommissioning.Core.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MimeKit;

namespace GrantsCommissioning.Core.Email;

public sealed record OutboxDrainResult(int Sent, int Retrying, int Failed, int InDoubt = 0);

/// <summary>
/// Sends due outbox rows one at a time and records each outcome straight away. Before a message goes to the server its
/// row is marked Sending in a committed write; a message is marked Sent only after the server accepted it, so mail is
/// never lost. A failure before the message was handed over (server down, sign-in refused, recipient refused) is
/// retried with back-off. When the message was handed over but the server's reply was lost, or the app stopped
/// mid-send, the row becomes InDoubt and is not sent again automatically: delivery is at most once from that point,
/// and the row stays in the outbox (logged, and counted on the administrator's dashboard) for a person to check.
/// Several dispatchers may share one database (two app nodes on PostgreSQL): each row is claimed one at a time under
/// <see cref="OutboxClaims"/>, so a message is sent by one dispatcher only, and a Sending row is settled as interrupted
/// only when no live dispatcher holds it.
/// </summary>
public sealed partial class OutboxDispatcher(
    IDbContextFactory<GrantsDbContext> factory, IMailTransport transport, IOptions<EmailOptions> options,
    TimeProvider clock, ILogger<OutboxDispatcher> logger)
{
    private readonly SemaphoreSlim gate = new(1, 1);

    public async Task<OutboxDrainResult> DrainAsync(CancellationToken cancellationToken = default)
    {
        await gate.WaitAsync(cancellationToken);
        try
        {
            return await DrainOnceAsync(cancellationToken);
        }
        finally
        {
            gate.Release();
        }
    }

    private async Task<OutboxDrainResult> DrainOnceAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        await OutboxClaims.KeepConnectionAsync(db, cancellationToken);
        await SettleInterruptedAsync(db, cancellationToken);
        var now = clock.GetUtcNow();
        var due = await db.Outbox
            .Where(e => e.Status == OutboxStatus.Pending && e.NextAttemptAt <= now)
            .OrderBy(e => e.NextAttemptAt).ThenBy(e => e.Id)
            .Take(settings.BatchSize)
            .ToListAsync(cancellationToken);
        var counts = new int[4];
        foreach (var email in due)
        {
            // Another dispatcher holds it (sending it now), or sent or claimed it since the list was read: skip it.
            if (!await OutboxClaims.TryHoldAsync(db, email.Id, cancellationToken))
            {
                continue;
            }
            try
            {
                if (await StillDueAsync(db, email, now, cancellationToken))
                {
                    counts[(int)await SendOneAsync(db, email, settings, cancellationToken)]++;
                }
            }
            finally
            {
                await OutboxClaims.ReleaseAsync(db, email.Id);
            }
        }
        return new OutboxDrainResult(counts[(int)Outcome.Sent], counts[(int)Outcome.Retrying], counts[(int)Outcome.Failed], counts[(int)Outcome.InDoubt]);
    }

    private enum Outcome
    {
        Sent,
        Retrying,
        Failed,
        InDoubt,
    }

    private static async Task<bool> StillDueAsync(GrantsDbContext db, OutboxEmail email, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var entry = db.Entry(email);
        await entry.ReloadAsync(cancellationToken);
        return entry.State != EntityState.Detached && email.Status == OutboxStatus.Pending && email.NextAttemptAt <= now;
    }

    private async Task<Outcome> SendOneAsync(GrantsDbContext db, OutboxEmail email, EmailOptions settings, CancellationToken cancellationToken)
    {
        Outcome outcome;
        email.Status = OutboxStatus.Sending;
        email.LastAttemptAt = clock.GetUtcNow();
        email.Attempts++;
        await db.SaveChangesAsync(CancellationToken.None);
        try
        {
            await transport.SendAsync(ToMime(email, settings), cancellationToken);
            email.Status = OutboxStatus.Sent;
            email.SentAt = clock.GetUtcNow();
            email.LastError = null;
            outcome = Outcome.Sent;
        }
        catch (MailDeliveryInDoubtException ex)
        {
            email.Status = OutboxStatus.InDoubt;
            email.LastError = Truncate(ex.Message, 1000);
            outcome = Outcome.InDoubt;
            LogInDoubt(logger, email.Id, email.MessageId, ex.Message);
        }
        catch (OperationCanceledException)
        {
            // Stopped before the message was handed over: it simply waits for the next run.
            email.Status = OutboxStatus.Pending;
            email.Attempts--;
            await db.SaveChangesAsync(CancellationToken.None);
            throw;
        }
        catch (Exception ex)
        {
            email.LastError = Truncate(ex.Message, 1000);
            if (email.Attempts >= settings.MaxAttempts)
            {
                email.Status = OutboxStatus.Failed;
                outcome = Outcome.Failed;
                LogGaveUp(logger, email.Id, email.Attempts, ex.Message);
            }
            else
            {
                email.Status = OutboxStatus.Pending;
                email.NextAttemptAt = clock.GetUtcNow() + Backoff(email.Attempts, settings);
                outcome = Outcome.Retrying;
                LogRetry(logger, email.Id, email.Attempts, email.NextAttemptAt, ex.Message);
            }
        }
        await db.SaveChangesAsync(CancellationToken.None);
        return outcome;
    }

    /// <summary>
    /// A row Sending that no dispatcher holds was left by a process that stopped mid-send (within a process runs never
    /// overlap: one gate; across nodes the hold says who is sending). Whether the server got it is unknown, so it is in
    /// doubt unless a retry is harmless.
    /// </summary>
    private async Task SettleInterruptedAsync(GrantsDbContext db, CancellationToken cancellationToken)
    {
        var interrupted = await db.Outbox.Where(e => e.Status == OutboxStatus.Sending).ToListAsync(cancellationToken);
        foreach (var email in interrupted)
        {
            if (!await OutboxClaims.TryHoldAsync(db, email.Id, cancellationToken))
            {
                continue;
            }
            try
            {
                var entry = db.Entry(email);
                await entry.ReloadAsync(cancellationToken);
                if (entry.State == EntityState.Detached || email.Status != OutboxStatus.Sending)
                {
                    continue;
                }
                email.Status = transport.RetryIsHarmless ? OutboxStatus.Pending : OutboxStatus.InDoubt;
                email.LastError = "The app stopped while this message was being sent.";
                if (email.Status == OutboxStatus.InDoubt)
                {
                    LogInDoubt(logger, email.Id, email.MessageId, email.LastError);
                }
                await db.SaveChangesAsync(CancellationToken.None);
            }
            finally
            {
                await OutboxClaims.ReleaseAsync(db, email.Id);
            }
        }
    }

    internal static TimeSpan Backoff(int attempts, EmailOptions settings)
    {
        var seconds = settings.RetryBaseSeconds * Math.Pow(2, Math.Min(attempts - 1, 20));
        return TimeSpan.FromSeconds(Math.Min(seconds, settings.RetryMaxSeconds));
    }

    private static MimeMessage ToMime(OutboxEmail email, EmailOptions settings)
    {
        var message = new MimeMessage { MessageId = email.MessageId, Subject = email.Subject, Date = email.CreatedAt };
        message.From.Add(new MailboxAddress(settings.FromName, settings.FromAddress));
        message.To.Add(new MailboxAddress(email.ToName ?? "", email.ToAddress));
        message.Body = new TextPart("plain") { Text = email.BodyText };
        return message;
    }

    private static string Truncate(string s, int max) => s.Length <= max ? s : s[..max];

    [LoggerMessage(Level = LogLevel.Warning, Message = "Email {Id} not sent (attempt {Attempts}); retrying at {NextAttempt}: {Error}")]
    private static partial void LogRetry(ILogger logger, long id, int attempts, DateTimeOffset nextAttempt, string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "Email {Id} ({MessageId}) may or may not have been delivered, so it is not sent again; it is left in the outbox as InDoubt: {Error}")]
    private static partial void LogInDoubt(ILogger logger, long id, string messageId, string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "Email {Id} not sent after {Attempts} attempts; left in the outbox as Failed: {Error}")]
    private static partial void LogGaveUp(ILogger logger, long id, int attempts, string error);
}

/// <summary>
/// Which outbox rows a dispatcher is working on right now. A dispatcher holds a row from before it claims it (Pending
/// to Sending) until its outcome is saved, so one message is only ever sent by one dispatcher, and a row left Sending
/// that nobody holds was interrupted. On PostgreSQL the hold is a session advisory lock on the dispatcher's connection:
/// other nodes see it, and a node that dies (kill -9, lost network) loses its connection and with it every hold. On
/// SQLite, one node's embedded file, it is a set in this process, so a restarted process settles at once, as before.
/// </summary>
internal static class OutboxClaims
{
    /// <summary>The first key of the two-key advisory lock: "OUTB" in ASCII; the second is the row's id.</summary>
    private const int LockSpace = 0x4F555442;

    private static readonly ConcurrentDictionary<(string Database, long Id), byte> Held = new();

    /// <summary>On PostgreSQL the holds live on one connection, so it stays open until the context is disposed.</summary>
    public static async Task KeepConnectionAsync(GrantsDbContext db, CancellationToken cancellationToken)
    {
        if (db.Database.IsNpgsql())
        {
            await db.Database.OpenConnectionAsync(cancellationToken);
        }
    }

    public static async Task<bool> TryHoldAsync(GrantsDbContext db, long id, CancellationToken cancellationToken)
    {
        if (db.Database.IsNpgsql())
        {
            var held = await db.Database
                .SqlQuery<bool>($"SELECT pg_try_advisory_lock({LockSpace}, {RowKey(id)}) AS \"Value\"")
                .ToListAsync(cancellationToken);
            return held.Single();
        }
        return Held.TryAdd((db.Database.GetConnectionString() ?? "", id), 0);
    }

    public static async Task ReleaseAsync(GrantsDbContext db, long id)
    {
        if (db.Database.IsNpgsql())
        {
            await db.Database
                .SqlQuery<bool>($"SELECT pg_advisory_unlock({LockSpace}, {RowKey(id)}) AS \"Value\"")
                .ToListAsync(CancellationToken.None);
            return;
        }
        Held.TryRemove((db.Database.GetConnectionString() ?? "", id), out _);
    }

    private static int RowKey(long id) => unchecked((int)id);
}
