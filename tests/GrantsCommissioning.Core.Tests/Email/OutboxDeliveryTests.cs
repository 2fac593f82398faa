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
        await using var host = await SmtpHostAsync(WholeSecondClock());
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
        var clock = WholeSecondClock();
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
        var clock = WholeSecondClock();
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
        var clock = WholeSecondClock();
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
        await using var host = await SmtpHostAsync(WholeSecondClock());
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
        var clock = WholeSecondClock();
        await using var host = await SmtpHostAsync(clock, new Dictionary<string, string?> { ["Email:MaxAttempts"] = "2" });
        var email = await EnqueueAsync(host, "payment-paid", "a@example.org");

        await host.Dispatcher.DrainAsync();
        clock.Advance(TimeSpan.FromMinutes(5));
        var last = await host.Dispatcher.DrainAsync();

        Assert.Equal(new OutboxDrainResult(0, 0, 1), last);
        using var db = host.Db();
        Assert.Equal(OutboxStatus.Failed, (await db.Outbox.SingleAsync(e => e.Id == email.Id)).Status);
    }

    /// <summary>A test clock at a whole second, so the times the outbox stores read back exactly on every provider
    /// (PostgreSQL keeps microseconds, .NET ticks of 100 ns).</summary>
    private static FakeTimeProvider WholeSecondClock()
    {
        var now = DateTimeOffset.UtcNow;
        return new FakeTimeProvider(new DateTimeOffset(now.UtcTicks - (now.UtcTicks % TimeSpan.TicksPerSecond), TimeSpan.Zero));
    }

    private Task<WorkflowTestHost> SmtpHostAsync(FakeTimeProvider? clock, Dictionary<string, string?>? extra = null)
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
        return WorkflowTestHost.CreateAsync(clock: clock, settings: settings);
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
