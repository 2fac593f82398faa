using System.Globalization;
using GrantsCommissioning.TestCommon.Fixtures;
using MimeKit;

namespace GrantsCommissioning.EndToEnd.Infrastructure;

/// <summary>
/// A <see cref="BrowserSite"/> whose email goes through the outbox to a real SMTP server (aiosmtpd) started for the
/// collection, polled every second, so tests read the messages a person would receive.
/// </summary>
public sealed class MailSite : BrowserSite
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    public MailSite()
        : this(new SmtpTestServer())
    {
    }

    private MailSite(SmtpTestServer smtp)
        : base(new Dictionary<string, string?>
        {
            ["Email:Mode"] = "Smtp",
            ["Email:Smtp:Host"] = "127.0.0.1",
            ["Email:Smtp:Port"] = smtp.Port.ToString(CultureInfo.InvariantCulture),
            ["Email:Smtp:UseStartTls"] = "false",
            ["Email:PollSeconds"] = "1",
            ["Email:RetryBaseSeconds"] = "1",
        }) => Smtp = smtp;

    public SmtpTestServer Smtp { get; }

    public override async Task InitializeAsync()
    {
        Smtp.Start();
        await base.InitializeAsync();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        Smtp.Dispose();
    }

    /// <summary>Waits for a message to <paramref name="to"/> whose subject contains <paramref name="subjectContains"/>.</summary>
    public async Task<MimeMessage> WaitForMessageAsync(string to, string subjectContains)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            foreach (var file in Directory.GetFiles(Smtp.Inbox, "*.eml"))
            {
                var message = await MimeMessage.LoadAsync(file);
                if (message.To.Mailboxes.Any(m => string.Equals(m.Address, to, StringComparison.OrdinalIgnoreCase))
                    && (message.Subject ?? "").Contains(subjectContains, StringComparison.OrdinalIgnoreCase))
                {
                    return message;
                }
            }
            if (DateTime.UtcNow > deadline)
            {
                var subjects = Directory.GetFiles(Smtp.Inbox, "*.eml").Select(f => MimeMessage.Load(f)).Select(m => $"{m.To} · {m.Subject}");
                throw new TimeoutException($"No email to {to} about '{subjectContains}' reached the SMTP server within {Patience.TotalSeconds}s. It has: {string.Join("; ", subjects)}");
            }
            await Task.Delay(250);
        }
    }
}

/// <summary>
/// Runs alone, after the other collections: the journey waits as a person does, and on a 2-core machine the browsers of
/// the accessibility sweep running beside it once held a page back past a minute.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MailCollection : ICollectionFixture<MailSite>
{
    public const string Name = "Browser with SMTP";
}
