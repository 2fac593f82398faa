using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Core.Email;
using GrantsCommissioning.TestCommon.Fixtures;
using GrantsCommissioning.TestCommon.Workflow;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace GrantsCommissioning.Core.Tests.Email;

/// <summary>The outbox drained through MailKit to a real SMTP server (aiosmtpd) started by the test.</summary>
public sealed class OutboxDeliveryTests : IDisposable
{
    private readonly SmtpTestServer smtp = new();

    public void Dispose() => smtp.Dispose();

    [Fact]
    public async Task DrainAsync_WhenServerUp_DeliversOnceWithStableMessageId()
    {
        smtp.Start();
        await using var host = await SmtpHostAsync(NewClock());
        var email = await EnqueueAsync(host, "payment-paid", "treasurer@example.org");

        var first = await host.Dispatcher.DrainAsync();
        var second = await host.Dispatcher.DrainAsync();

        Assert.Equal(new OutboxDrainResult(1, 0, 0), first);
        Assert.Equal(new OutboxDrainResult(0, 0, 0), second);
        var message = Assert.Single(smtp.Messages);
        Assert.Contains($"Message-Id: <{email.MessageId}>", message, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("Subject: Payment PAY-1 made", message, StringComparison.Ordinal);
        Assert.Contains("treasurer@example.org", message, StringComparison.Ordinal);
        using var db = host.Db();
        var row = await db.Outbox.SingleAsync(e => e.Id == email.Id);
        Assert.Equal((OutboxStatus.Sent, 1), (row.Status, row.Attempts));
    }

    [Fact]
    public async Task DrainAsync_WhenServerDownThenUp_KeepsMailRetriesWithBackoffAndDeliversExactlyOnce()
    {
        var clock = NewClock();
        await using var host = await SmtpHostAsync(clock);
        var email = await EnqueueAsync(host, "payment-paid", "treasurer@example.org");

        var whileDown = await host.Dispatcher.DrainAsync();
        using (var db = host.Db())
        {
            var row = await db.Outbox.SingleAsync(e => e.Id == email.Id);
            Assert.Equal((OutboxStatus.Pending, 1), (row.Status, row.Attempts));
            Assert.NotNull(row.LastError);
            Assert.Equal(clock.GetUtcNow() + TimeSpan.FromSeconds(1), row.NextAttemptAt);
        }
        smtp.Start();
        var beforeBackoff = await host.Dispatcher.DrainAsync();
        clock.Advance(TimeSpan.FromSeconds(2));
        var afterBackoff = await host.Dispatcher.DrainAsync();
        var later = await host.Dispatcher.DrainAsync();

        Assert.Equal(new OutboxDrainResult(0, 1, 0), whileDown);
        Assert.Equal(new OutboxDrainResult(0, 0, 0), beforeBackoff);
        Assert.Equal(new OutboxDrainResult(1, 0, 0), afterBackoff);
        Assert.Equal(new OutboxDrainResult(0, 0, 0), later);
        Assert.Single(smtp.Messages);
    }

    [Fact]
    public async Task DrainAsync_WhenTheServerTakesTheMessageButItsReplyIsLost_DeliversExactlyOnceAndLeavesTheRowInDoubt()
    {
        smtp.Start();
        smtp.DropReplyAfterData = true;
        var clock = NewClock();
        await using var host = await SmtpHostAsync(clock);
        var email = await EnqueueAsync(host, "payment-paid", "treasurer@example.org");

        var first = await host.Dispatcher.DrainAsync();
        smtp.DropReplyAfterData = false;
        clock.Advance(TimeSpan.FromHours(2));
        var later = await host.Dispatcher.DrainAsync();

        Assert.Equal(new OutboxDrainResult(0, 0, 0, InDoubt: 1), first);
        Assert.Equal(new OutboxDrainResult(0, 0, 0), later);
        Assert.Contains($"Message-Id: <{email.MessageId}>", Assert.Single(smtp.Messages), StringComparison.OrdinalIgnoreCase);
        using var db = host.Db();
        var row = await db.Outbox.SingleAsync(e => e.Id == email.Id);
        Assert.Equal((OutboxStatus.InDoubt, 1), (row.Status, row.Attempts));
        Assert.Equal(clock.GetUtcNow() - TimeSpan.FromHours(2), row.LastAttemptAt);
        Assert.Contains("did not confirm", row.LastError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DrainAsync_WhenTheServerRefusesTheRecipientForNow_RetriesAndDeliversOnce()
    {
        smtp.Start();
        smtp.RejectRecipients = true;
        var clock = NewClock();
        await using var host = await SmtpHostAsync(clock);
        await EnqueueAsync(host, "payment-paid", "treasurer@example.org");

        var refused = await host.Dispatcher.DrainAsync();
        smtp.RejectRecipients = false;
        clock.Advance(TimeSpan.FromSeconds(2));
        var accepted = await host.Dispatcher.DrainAsync();

        Assert.Equal(new OutboxDrainResult(0, 1, 0), refused);
        Assert.Equal(new OutboxDrainResult(1, 0, 0), accepted);
        Assert.Single(smtp.Messages);
    }

    [Fact]
    public async Task DrainAsync_AfterTheAppStoppedMidSend_DoesNotSendThatMessageAgain()
    {
        smtp.Start();
        await using var host = await SmtpHostAsync(NewClock());
        var email = await EnqueueAsync(host, "payment-paid", "treasurer@example.org");
        using (var db = host.Db())
        {
            (await db.Outbox.SingleAsync(e => e.Id == email.Id)).Status = OutboxStatus.Sending;
            await db.SaveChangesAsync();
        }

        var result = await host.Dispatcher.DrainAsync();

        Assert.Equal(new OutboxDrainResult(0, 0, 0), result);
        Assert.Empty(smtp.Messages);
        using var check = host.Db();
        Assert.Equal(OutboxStatus.InDoubt, (await check.Outbox.SingleAsync(e => e.Id == email.Id)).Status);
    }

    [Fact]
    public async Task DrainAsync_WhenRunByQuartzJob_DeliversQueuedMail()
    {
        smtp.Start();
        await using var host = await SmtpHostAsync(clock: null);
        await EnqueueAsync(host, "payment-paid", "finance@example.org");

        await host.StartSchedulerAsync();

        Assert.True(await WorkflowTestHost.EventuallyAsync(() => Task.FromResult(smtp.Messages.Count == 1), TimeSpan.FromSeconds(30)));
    }

    [Fact]
    public async Task DrainAsync_WhenPickupMode_WritesOneEmlPerMessageEvenIfRetried()
    {
        await using var host = await WorkflowTestHost.CreateAsync();
        var email = await EnqueueAsync(host, "payment-paid", "a@example.org");
        var transport = host.Services.GetRequiredService<IMailTransport>();

        await host.Dispatcher.DrainAsync();
        await transport.SendAsync(new MimeKit.MimeMessage { MessageId = email.MessageId, Subject = "again" }, CancellationToken.None);

        var file = Assert.Single(Directory.GetFiles(host.PickupDirectory, "*.eml"));
        Assert.Contains(email.MessageId.Replace('@', '_'), file, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DrainAsync_WhenMaxAttemptsReached_MarksFailedAndKeepsRow()
    {
        var clock = NewClock();
        await using var host = await SmtpHostAsync(clock, new Dictionary<string, string?> { ["Email:MaxAttempts"] = "2" });
        var email = await EnqueueAsync(host, "payment-paid", "a@example.org");

        await host.Dispatcher.DrainAsync();
        clock.Advance(TimeSpan.FromMinutes(5));
        var last = await host.Dispatcher.DrainAsync();

        Assert.Equal(new OutboxDrainResult(0, 0, 1), last);
        using var db = host.Db();
        Assert.Equal(OutboxStatus.Failed, (await db.Outbox.SingleAsync(e => e.Id == email.Id)).Status);
    }

    [Fact]
    public async Task DrainAsync_WhenTwoDispatchersShareOneDatabase_SendsEachMessageExactlyOnce()
    {
        smtp.Start();
        await using var first = await SmtpHostAsync(clock: null);
        await using var second = await SmtpHostAsync(clock: null, directory: first.Directory);
        var queued = new List<string>();
        for (var i = 0; i < 40; i++)
        {
            queued.Add((await EnqueueAsync(first, "payment-paid", $"payee{i}@example.org")).MessageId);
        }

        var results = new List<OutboxDrainResult>();
        for (var round = 0; round < 10 && await PendingAsync(first) > 0; round++)
        {
            results.AddRange(await Task.WhenAll(
                Task.Run(() => first.Dispatcher.DrainAsync()), Task.Run(() => second.Dispatcher.DrainAsync())));
        }

        Assert.Equal(40, results.Sum(r => r.Sent));
        Assert.All(results, r => Assert.Equal((0, 0, 0), (r.Retrying, r.Failed, r.InDoubt)));
        var delivered = smtp.Messages.Select(MessageIdOf).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(queued.Order(StringComparer.Ordinal), delivered);
        using var db = first.Db();
        var rows = await db.Outbox.Select(e => new { e.Status, e.Attempts }).ToListAsync();
        Assert.All(rows, r => Assert.Equal((OutboxStatus.Sent, 1), (r.Status, r.Attempts)));
    }

    [Fact]
    public async Task DrainAsync_WhenAnotherDispatcherIsSendingARow_LeavesItUntilThatDispatcherLetsGo()
    {
        smtp.Start();
        await using var host = await SmtpHostAsync(NewClock());
        var email = await EnqueueAsync(host, "payment-paid", "treasurer@example.org");
        await using var other = host.Db();
        await OutboxClaims.KeepConnectionAsync(other, CancellationToken.None);
        Assert.True(await OutboxClaims.TryHoldAsync(other, email.Id, CancellationToken.None));
        var row = await other.Outbox.SingleAsync(e => e.Id == email.Id);
        row.Status = OutboxStatus.Sending;
        await other.SaveChangesAsync();

        var whileHeld = await host.Dispatcher.DrainAsync();
        var statusWhileHeld = await StatusAsync(host, email.Id);
        await OutboxClaims.ReleaseAsync(other, email.Id);
        var afterRelease = await host.Dispatcher.DrainAsync();

        Assert.Equal(new OutboxDrainResult(0, 0, 0), whileHeld);
        Assert.Equal(OutboxStatus.Sending, statusWhileHeld);
        Assert.Equal(new OutboxDrainResult(0, 0, 0), afterRelease);
        Assert.Equal(OutboxStatus.InDoubt, await StatusAsync(host, email.Id));
        Assert.Empty(smtp.Messages);
    }

    /// <summary>A fake clock at a whole second: PostgreSQL keeps microseconds, so times read back compare equal.</summary>
    private static FakeTimeProvider NewClock() =>
        new(DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds()));

    private static async Task<int> PendingAsync(WorkflowTestHost host)
    {
        using var db = host.Db();
        return await db.Outbox.CountAsync(e => e.Status == OutboxStatus.Pending);
    }

    private static async Task<OutboxStatus> StatusAsync(WorkflowTestHost host, long id)
    {
        using var db = host.Db();
        return (await db.Outbox.SingleAsync(e => e.Id == id)).Status;
    }

    private static string MessageIdOf(string message) =>
        message.Split('\n').Select(l => l.TrimEnd('\r'))
            .Single(l => l.StartsWith("Message-Id:", StringComparison.OrdinalIgnoreCase))["Message-Id:".Length..].Trim().Trim('<', '>');

    private Task<WorkflowTestHost> SmtpHostAsync(FakeTimeProvider? clock, Dictionary<string, string?>? extra = null, string? directory = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Email:Mode"] = "Smtp",
            ["Email:Smtp:Host"] = "127.0.0.1",
            ["Email:Smtp:Port"] = smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Email:Smtp:UseStartTls"] = "false",
            ["Email:Smtp:TimeoutSeconds"] = "5",
        };
        foreach (var (k, v) in extra ?? [])
        {
            settings[k] = v;
        }
        return WorkflowTestHost.CreateAsync(directory, clock: clock, settings: settings);
    }

    private static async Task<OutboxEmail> EnqueueAsync(WorkflowTestHost host, string template, string to)
    {
        using var db = host.Db();
        var values = new Dictionary<string, string> { ["RecipientName"] = "Tess", ["Reference"] = "PAY-1", ["Amount"] = "£500.00" };
        var email = host.Services.GetRequiredService<IOutbox>().Enqueue(db, template, to, "Tess", values, Guid.NewGuid().ToString())!;
        await db.SaveChangesAsync();
        return email;
    }
}
