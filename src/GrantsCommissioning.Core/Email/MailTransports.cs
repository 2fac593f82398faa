using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace GrantsCommissioning.Core.Email;

/// <summary>
/// Delivers one message; throws if it was not accepted, so the outbox keeps it and retries, or throws
/// <see cref="MailDeliveryInDoubtException"/> when it may have been accepted, so the outbox does not send it twice.
/// </summary>
public interface IMailTransport
{
    /// <summary>True when sending a message again cannot deliver it twice (so an interrupted attempt may simply be retried).</summary>
    bool RetryIsHarmless { get; }

    Task SendAsync(MimeMessage message, CancellationToken cancellationToken);
}

/// <summary>The message was handed over (the server had accepted its recipients and was sent the DATA) but no reply came back.</summary>
public sealed class MailDeliveryInDoubtException(string message, Exception inner) : Exception(message, inner);

/// <summary>Writes each message as &lt;Message-ID&gt;.eml; the name is stable, so a retry overwrites rather than duplicates.</summary>
internal sealed class PickupMailTransport(string directory) : IMailTransport
{
    public bool RetryIsHarmless => true;

    public async Task SendAsync(MimeMessage message, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(directory);
        var safeName = string.Concat((message.MessageId ?? Guid.NewGuid().ToString("N")).Select(c => char.IsLetterOrDigit(c) || c is '-' or '.' ? c : '_'));
        var final = Path.Combine(directory, safeName + ".eml");
        var temp = final + ".tmp";
        await message.WriteToAsync(temp, cancellationToken);
        File.Move(temp, final, overwrite: true);
    }
}

internal sealed class SmtpMailTransport(IOptions<EmailOptions> options) : IMailTransport
{
    public bool RetryIsHarmless => false;

    public async Task SendAsync(MimeMessage message, CancellationToken cancellationToken)
    {
        var smtp = options.Value.Smtp;
        using var client = new TrackingSmtpClient { Timeout = smtp.TimeoutSeconds * 1000 };
        var security = smtp.UseStartTls ? SecureSocketOptions.StartTls : SecureSocketOptions.None;
        await client.ConnectAsync(smtp.Host ?? "localhost", smtp.Port, security, cancellationToken);
        if (!string.IsNullOrEmpty(smtp.Username))
        {
            await client.AuthenticateAsync(smtp.Username, smtp.Password ?? "", cancellationToken);
        }
        try
        {
            await client.SendAsync(message, cancellationToken);
        }
        // After a recipient is accepted the next command is DATA; from then on only an explicit refusal from the server
        // (an SMTP error reply) proves the message was not taken. A dropped connection or a timeout proves nothing.
        catch (Exception ex) when (client.RecipientAccepted && ex is not SmtpCommandException)
        {
            throw new MailDeliveryInDoubtException($"The server may have accepted the message but did not confirm it: {ex.Message}", ex);
        }
        try
        {
            await client.DisconnectAsync(true, cancellationToken);
        }
        catch (Exception ex) when (ex is IOException or SmtpProtocolException or SmtpCommandException or TimeoutException or OperationCanceledException)
        {
            // The message was accepted; a failed goodbye must not make it look unsent.
        }
    }

    private sealed class TrackingSmtpClient : SmtpClient
    {
        public bool RecipientAccepted { get; private set; }

        protected override void OnRecipientAccepted(MimeMessage message, MailboxAddress mailbox, SmtpResponse response)
        {
            RecipientAccepted = true;
            base.OnRecipientAccepted(message, mailbox, response);
        }
    }
}
