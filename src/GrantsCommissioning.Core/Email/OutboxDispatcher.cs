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
        await SettleInterruptedAsync(db, cancellationToken);
        var now = clock.GetUtcNow();
        var due = await db.Outbox
            .Where(e => e.Status == OutboxStatus.Pending && e.NextAttemptAt <= now)
            .OrderBy(e => e.NextAttemptAt).ThenBy(e => e.Id)
            .Take(settings.BatchSize)
            .ToListAsync(cancellationToken);
        int sent = 0, retrying = 0, failed = 0, inDoubt = 0;
        foreach (var email in due)
        {
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
                sent++;
            }
            catch (MailDeliveryInDoubtException ex)
            {
                email.Status = OutboxStatus.InDoubt;
                email.LastError = Truncate(ex.Message, 1000);
                inDoubt++;
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
                    failed++;
                    LogGaveUp(logger, email.Id, email.Attempts, ex.Message);
                }
                else
                {
                    email.Status = OutboxStatus.Pending;
                    email.NextAttemptAt = clock.GetUtcNow() + Backoff(email.Attempts, settings);
                    retrying++;
                    LogRetry(logger, email.Id, email.Attempts, email.NextAttemptAt, ex.Message);
                }
            }
            await db.SaveChangesAsync(CancellationToken.None);
        }
        return new OutboxDrainResult(sent, retrying, failed, inDoubt);
    }

    /// <summary>
    /// Rows still Sending when a run starts were left by a process that stopped mid-send (runs never overlap: one
    /// node, one gate). Whether the server got them is unknown, so they are in doubt unless a retry is harmless.
    /// </summary>
    private async Task SettleInterruptedAsync(GrantsDbContext db, CancellationToken cancellationToken)
    {
        var interrupted = await db.Outbox.Where(e => e.Status == OutboxStatus.Sending).ToListAsync(cancellationToken);
        foreach (var email in interrupted)
        {
            email.Status = transport.RetryIsHarmless ? OutboxStatus.Pending : OutboxStatus.InDoubt;
            email.LastError = "The app stopped while this message was being sent.";
            if (email.Status == OutboxStatus.InDoubt)
            {
                LogInDoubt(logger, email.Id, email.MessageId, email.LastError);
            }
        }
        await db.SaveChangesAsync(CancellationToken.None);
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
