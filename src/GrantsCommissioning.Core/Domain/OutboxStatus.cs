namespace GrantsCommissioning.Core.Domain;

public enum OutboxStatus
{
    Pending = 1,
    Sent = 2,
    Failed = 3,
    /// <summary>Handed to the mail server (committed before the message is transmitted); the outcome is not yet recorded.</summary>
    Sending = 4,
    /// <summary>
    /// The message was transmitted but the server's reply was lost, or the app stopped mid-send: it may have been
    /// delivered, so it is not sent again automatically (at most once); an administrator decides.
    /// </summary>
    InDoubt = 5,
}
