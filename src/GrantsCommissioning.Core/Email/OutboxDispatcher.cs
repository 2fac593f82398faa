using GrantsCommissioning.Core.Data;
using GrantsCommissioning.Core.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MimeKit;

namespace GrantsCommissioning.Core.Email;

public sealed record OutboxDrainResult(int Sent, int Retrying, int Failed);

/// <summary>
/// Sends due outbox rows one at a time and records each outcome straight away. A row is marked sent only after the
/// transport accepted it, so mail is never lost; the stable Message-ID lets a receiver spot the one duplicate that a
/// crash between "accepted" and "marked sent" could cause.
/// </summary>
public sealed partial class OutboxDispatcher(
    IDbContextFactory<GrantsDbContext> factory, IMailTransport transport, IOptions<EmailOptions> options,
    TimeProvider clock, ILogger<OutboxDispatcher> logger)
{
    private readonly SemaphoreSlim gate = new(1, 1);

    public async Task<OutboxDrainResult> DrainAsync(CancellationToken cancellationToken = default)
    {
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await DrainOnceAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            gate.Release();
        }
    }

    private async Task<OutboxDrainResult> DrainOnceAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var db = await factory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        await using (db.ConfigureAwait(false))
        {
            var now = clock.GetUtcNow();
            var due = await db.Outbox
                .Where(e => e.Status == OutboxStatus.Pending && e.NextAttemptAt <= now)
                .OrderBy(e => e.NextAttemptAt).ThenBy(e => e.Id)
                .Take(settings.BatchSize)
                .ToListAsync(cancellationToken).ConfigureAwait(false);
            int sent = 0, retrying = 0, failed = 0;
            foreach (var email in due)
            {
                try
                {
                    await transport.SendAsync(ToMime(email, settings), cancellationToken).ConfigureAwait(false);
                    email.Status = OutboxStatus.Sent;
                    email.SentAt = clock.GetUtcNow();
                    email.Attempts++;
                    email.LastError = null;
                    sent++;
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    email.Attempts++;
                    email.LastError = Truncate(ex.Message, 1000);
                    if (email.Attempts >= settings.MaxAttempts)
                    {
                        email.Status = OutboxStatus.Failed;
                        failed++;
                        LogGaveUp(logger, email.Id, email.Attempts, ex.Message);
                    }
                    else
                    {
                        email.NextAttemptAt = clock.GetUtcNow() + Backoff(email.Attempts, settings);
                        retrying++;
                        LogRetry(logger, email.Id, email.Attempts, email.NextAttemptAt, ex.Message);
                    }
                }
                await db.SaveChangesAsync(CancellationToken.None).ConfigureAwait(false);
            }
            return new OutboxDrainResult(sent, retrying, failed);
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

    [LoggerMessage(Level = LogLevel.Error, Message = "Email {Id} not sent after {Attempts} attempts; left in the outbox as Failed: {Error}")]
    private static partial void LogGaveUp(ILogger logger, long id, int attempts, string error);
}
