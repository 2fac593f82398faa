using System.Globalization;
using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Core.Features.Audit;
using GrantsCommissioning.TestCommon.Workflow;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace GrantsCommissioning.Core.Tests.Features.Audit;

/// <summary>
/// The keyed and anchored chain: an attacker with the database but not the key cannot forge a row, and cannot delete
/// rows from the end without the verifier comparing against the anchor file noticing. Each test has its own database.
/// </summary>
public sealed class AuditAnchorTests : AuditLogTestBase
{
    private AuditAnchor Anchor => Host.Services.GetRequiredService<AuditAnchor>();

    [Fact]
    public async Task ShutdownAnchor_WhenShutdownHasRunOutOfTime_DoesNotFailTheShutdown_AndStartUpAnchorsInstead()
    {
        await AppendAsync(3);
        var service = new AuditAnchorService(Anchor, Host.Services.GetRequiredService<IOptions<AuditOptions>>(), TimeProvider.System);
        using var outOfTime = new CancellationTokenSource();
        await outOfTime.CancelAsync();

        var stopping = await Record.ExceptionAsync(() => service.StopAsync(outOfTime.Token));
        var anchored = await Anchor.WriteAsync();

        Assert.Null(stopping);
        Assert.Equal(3, anchored?.RowId);
    }

    [Fact]
    public async Task VerifyAsync_WhenTheLastRowIsDeletedAfterAnAnchor_ReportsTheChainShorterThanTheAnchor()
    {
        await AppendAsync(30);
        await Anchor.WriteAsync();

        await TamperAsync(DropTrigger("AuditLog_NoDelete") + "DELETE FROM \"AuditLog\" WHERE \"Id\" = 30;");
        var result = await Verifier.VerifyAsync();

        Assert.Equal((false, AuditCheck.ShorterThanAnchor), (result.IsIntact, result.Failed));
        Assert.StartsWith("the chain is shorter than the anchor: it ends at row 29, but row 30 was anchored", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task VerifyAsync_WhenTheLastRowIsReplacedAfterAnAnchor_ReportsTheHeadHashDiffers()
    {
        await AppendAsync(30);
        await Anchor.WriteAsync();

        await TamperAsync(DropTrigger("AuditLog_NoDelete") + "DELETE FROM \"AuditLog\" WHERE \"Id\" = 30;");
        await AppendAsync(1);
        var result = await Verifier.VerifyAsync();

        Assert.Equal((false, 30L, AuditCheck.HeadDiffersFromAnchor), (result.IsIntact, result.BrokenRowId, result.Failed));
    }

    [Fact]
    public async Task VerifyAsync_WhenAForgedRowWithAnUnkeyedSha256IsAppended_ReportsItsHmac()
    {
        await AppendAsync(30);

        using (var db = Host.Db())
        {
            var last = await db.AuditLog.AsNoTracking().SingleAsync(e => e.Id == 30);
            var forged = new AuditEntry
            {
                Id = 31, OccurredAt = DateTimeOffset.UtcNow, ActorUserId = "finance-1", ActorName = "Sam Patel", Action = "Payment.Pay", EntityType = "Payment",
                EntityId = "7", After = "{\"state\":\"Paid\"}", PreviousHash = last.Hash, Hash = "",
            };
            forged.Hash = AuditHash.ComputeLegacy(forged);
            db.AuditLog.Add(forged);
            await db.SaveChangesAsync();
        }
        var result = await Verifier.VerifyAsync();

        Assert.Equal((false, 31L, AuditCheck.HmacMismatch), (result.IsIntact, result.BrokenRowId, result.Failed));
        Assert.StartsWith("row 31: HMAC mismatch", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WriteAsync_AppendsOneMacedLinePerNewHead_AndNeverGoesBackwards()
    {
        await AppendAsync(3);
        await Anchor.WriteAsync();
        await Anchor.WriteAsync();
        await TamperAsync(DropTrigger("AuditLog_NoDelete") + "DELETE FROM \"AuditLog\" WHERE \"Id\" = 3;");
        await Anchor.WriteAsync();

        var lines = await File.ReadAllLinesAsync(Anchor.FilePath);

        Assert.Equal(2, lines.Length);
        Assert.Contains(" row=0 hash=" + AuditHash.Genesis + " mac=", lines[0], StringComparison.Ordinal);
        Assert.Contains(" row=3 hash=", lines[1], StringComparison.Ordinal);
        Assert.Equal(3, Anchor.Read().Latest!.RowId);
        Assert.Equal(AuditCheck.ShorterThanAnchor, (await Verifier.VerifyAsync()).Failed);
    }

    [Fact]
    public async Task VerifyAsync_WhenTheAnchorFileIsEditedOrDeleted_SaysTheAnchorCannotBeUsed()
    {
        await AppendAsync(3);
        await Anchor.WriteAsync();
        var text = await File.ReadAllTextAsync(Anchor.FilePath);

        await File.WriteAllTextAsync(Anchor.FilePath, text.Replace(" row=3 ", " row=2 ", StringComparison.Ordinal));
        var edited = await Verifier.VerifyAsync();
        File.Delete(Anchor.FilePath);
        var deleted = await Verifier.VerifyAsync();

        Assert.Equal((false, AuditCheck.AnchorUnusable), (edited.IsIntact, edited.Failed));
        Assert.StartsWith("anchor file line 2 is not a valid anchor", edited.Reason, StringComparison.Ordinal);
        Assert.Equal((false, AuditCheck.AnchorUnusable), (deleted.IsIntact, deleted.Failed));
    }

    [Fact]
    public async Task Startup_OnALogWrittenBeforeTheChainWasKeyed_ClosesItWithOneKeyedRow_AfterWhichUnkeyedRowsAreRefused()
    {
        await using var legacy = await WorkflowTestHost.CreateAsync(runStartup: false);
        using (var db = legacy.Db())
        {
            var previous = AuditHash.Genesis;
            // A whole second: the legacy hash covers the time, which every provider stores exactly at this precision.
            var writtenAt = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds());
            for (var id = 1; id <= 3; id++)
            {
                var row = new AuditEntry
                {
                    Id = id, OccurredAt = writtenAt, ActorName = "Gina Officer", Action = "Payment.Authorise", EntityType = "Payment",
                    EntityId = id.ToString(CultureInfo.InvariantCulture), PreviousHash = previous, Hash = "",
                };
                row.Hash = previous = AuditHash.ComputeLegacy(row);
                db.AuditLog.Add(row);
            }
            await db.SaveChangesAsync();
        }
        var verifier = legacy.Services.GetRequiredService<AuditVerifier>();
        var before = await verifier.VerifyAsync();

        await legacy.Services.GetRequiredService<AuditStartup>().RunAsync();
        await legacy.Services.GetRequiredService<AuditStartup>().RunAsync();
        var after = await verifier.VerifyAsync();

        Assert.Equal((false, 3L, AuditCheck.HmacMismatch), (before.IsIntact, before.BrokenRowId, before.Failed));
        Assert.True(after.IsIntact, after.Reason);
        using var check = legacy.Db();
        Assert.Equal([AuditStartup.KeyedAction], await check.AuditLog.Where(e => e.Id > 3).Select(e => e.Action).ToListAsync());
    }

    [Fact]
    public async Task Key_IsAFileReadableOnlyByTheAppsUser_AndABadKeySettingStopsStartUpNamingIt()
    {
        var key = Host.Services.GetRequiredService<AuditKey>();
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(key.KeyFilePath));
        }

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() =>
            WorkflowTestHost.CreateAsync(settings: new Dictionary<string, string?> { ["Audit:HmacKey"] = "c2hvcnQ=" }));

        Assert.StartsWith("Audit:HmacKey must be base64 of at least 32 random bytes", error.Message, StringComparison.Ordinal);
    }
}
