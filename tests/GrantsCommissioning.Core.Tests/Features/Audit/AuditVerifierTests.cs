using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Core.Features.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GrantsCommissioning.Core.Tests.Features.Audit;

/// <summary>Walking the chain: edited, re-hashed and deleted rows are each reported at the right row with the check that failed.</summary>
public sealed class AuditVerifierTests : AuditLogTestBase
{
    [Fact]
    public async Task VerifyAsync_WhenLogEmpty_ReportsIntact()
    {
        var result = await Verifier.VerifyAsync();

        Assert.Equal(new AuditVerification(true, 0, null, null), result);
    }

    [Fact]
    public async Task VerifyAsync_WhenLogIntactOverManyPages_ReportsIntactWithEveryRowChecked()
    {
        await AppendAsync(500);

        var result = await Verifier.VerifyAsync();

        Assert.True(result.IsIntact, result.Reason);
        Assert.Equal(500, result.RowsChecked);
        Assert.True(result.RowsChecked > AuditVerifier.PageSize * 2);
    }

    [Fact]
    public async Task VerifyAsync_WhenRowAfterTextEdited_ReportsThatRowsHash()
    {
        await AppendAsync(30);

        await TamperAsync(DropTrigger("AuditLog_NoUpdate") + "UPDATE \"AuditLog\" SET \"After\" = replace(\"After\", '250000', '2500000') WHERE \"Id\" = 17;");
        var result = await Verifier.VerifyAsync();

        Assert.False(result.IsIntact);
        Assert.Equal((17L, AuditCheck.HmacMismatch), (result.BrokenRowId, result.Failed));
        Assert.StartsWith("row 17: HMAC mismatch", result.Reason, StringComparison.Ordinal);
        Assert.Equal(17, result.RowsChecked);
    }

    [Fact]
    public async Task VerifyAsync_WhenEditedRowRehashedWithoutTheKey_ReportsThatRowsHmac()
    {
        await AppendAsync(30);

        await RehashAsync(17, AuditHash.ComputeLegacy);
        var result = await Verifier.VerifyAsync();

        Assert.Equal((false, 17L, AuditCheck.HmacMismatch), (result.IsIntact, result.BrokenRowId, result.Failed));
    }

    [Fact]
    public async Task VerifyAsync_WhenEditedRowRehashedEvenWithTheKey_ReportsTheNextRowsLink()
    {
        await AppendAsync(30);

        await RehashAsync(17, Host.Services.GetRequiredService<AuditKey>().Hash);
        var result = await Verifier.VerifyAsync();

        Assert.Equal((false, 18L, AuditCheck.BrokenLink), (result.IsIntact, result.BrokenRowId, result.Failed));
        Assert.Equal("row 18: broken link, its previous hash does not match row 17", result.Reason);
    }

    [Fact]
    public async Task VerifyAsync_WhenMiddleRowDeleted_ReportsBrokenLinkAtTheNextRow()
    {
        await AppendAsync(30);

        await TamperAsync(DropTrigger("AuditLog_NoDelete") + "DELETE FROM \"AuditLog\" WHERE \"Id\" = 17;");
        var result = await Verifier.VerifyAsync();

        Assert.Equal((false, 18L, AuditCheck.BrokenLink), (result.IsIntact, result.BrokenRowId, result.Failed));
        Assert.Equal("row 18: broken link, its previous hash does not match row 16", result.Reason);
    }

    [Fact]
    public async Task VerifyAsync_WhenFirstRowDeleted_ReportsChainDoesNotStartAtGenesis()
    {
        await AppendAsync(3);

        await TamperAsync(DropTrigger("AuditLog_NoDelete") + "DELETE FROM \"AuditLog\" WHERE \"Id\" = 1;");
        var result = await Verifier.VerifyAsync();

        Assert.Equal((false, 2L), (result.IsIntact, result.BrokenRowId));
        Assert.Equal("row 2: broken link, its previous hash is not the start of the chain", result.Reason);
    }

    private async Task RehashAsync(long id, Func<AuditEntry, string> hash)
    {
        using var db = Host.Db();
        var row = await db.AuditLog.AsNoTracking().SingleAsync(e => e.Id == id);
        row.After = row.After!.Replace("250000", "2500000", StringComparison.Ordinal);
        await db.Database.ExecuteSqlRawAsync(DropTrigger("AuditLog_NoUpdate"));
        await db.Database.ExecuteSqlAsync($"UPDATE \"AuditLog\" SET \"After\" = {row.After}, \"Hash\" = {hash(row)} WHERE \"Id\" = {id}");
    }
}
