using System.Globalization;
using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Core.Features.Audit;
using GrantsCommissioning.Core.Workflow;
using GrantsCommissioning.TestCommon.Workflow;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GrantsCommissioning.Core.Tests.Features.Audit;

/// <summary>
/// Each test has its own database, because tampering needs the append-only triggers dropped first: the test plays an
/// attacker with direct access to the file (DROP TRIGGER, then UPDATE or DELETE), which the verifier must catch.
/// </summary>
public sealed class AuditVerifierTests : IAsyncLifetime
{
    private WorkflowTestHost host = null!;

    public async Task InitializeAsync() => host = await WorkflowTestHost.CreateAsync();

    public async Task DisposeAsync() => await host.DisposeAsync();

    private AuditVerifier Verifier => host.Services.GetRequiredService<AuditVerifier>();

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

        await TamperAsync("DROP TRIGGER AuditLog_NoUpdate; UPDATE AuditLog SET After = replace(After, '250000', '2500000') WHERE Id = 17;");
        var result = await Verifier.VerifyAsync();

        Assert.False(result.IsIntact);
        Assert.Equal(17, result.BrokenRowId);
        Assert.Equal("row 17: hash does not match its contents", result.Reason);
        Assert.Equal(17, result.RowsChecked);
    }

    [Fact]
    public async Task VerifyAsync_WhenEditedRowAlsoRehashed_ReportsTheNextRowsLink()
    {
        await AppendAsync(30);
        using (var db = host.Db())
        {
            var row = await db.AuditLog.AsNoTracking().SingleAsync(e => e.Id == 17);
            row.After = row.After!.Replace("250000", "2500000", StringComparison.Ordinal);
            await db.Database.ExecuteSqlRawAsync("DROP TRIGGER AuditLog_NoUpdate;");
            await db.Database.ExecuteSqlAsync($"UPDATE AuditLog SET After = {row.After}, Hash = {AuditHash.Compute(row)} WHERE Id = 17");
        }

        var result = await Verifier.VerifyAsync();

        Assert.Equal((false, 18L), (result.IsIntact, result.BrokenRowId));
        Assert.Equal("row 18: previous hash does not match row 17", result.Reason);
    }

    [Fact]
    public async Task VerifyAsync_WhenMiddleRowDeleted_ReportsBrokenLinkAtTheNextRow()
    {
        await AppendAsync(30);

        await TamperAsync("DROP TRIGGER AuditLog_NoDelete; DELETE FROM AuditLog WHERE Id = 17;");
        var result = await Verifier.VerifyAsync();

        Assert.Equal((false, 18L), (result.IsIntact, result.BrokenRowId));
        Assert.Equal("row 18: previous hash does not match row 16", result.Reason);
    }

    [Fact]
    public async Task VerifyAsync_WhenFirstRowDeleted_ReportsChainDoesNotStartAtGenesis()
    {
        await AppendAsync(3);

        await TamperAsync("DROP TRIGGER AuditLog_NoDelete; DELETE FROM AuditLog WHERE Id = 1;");
        var result = await Verifier.VerifyAsync();

        Assert.Equal((false, 2L), (result.IsIntact, result.BrokenRowId));
        Assert.Equal("row 2: previous hash is not the start of the chain", result.Reason);
    }

    /// <summary>Rows 1..n in transactions of up to 50 rows, each transaction one SaveChanges, as the app writes them.</summary>
    private async Task AppendAsync(int count)
    {
        var trail = host.Services.GetRequiredService<AuditTrail>();
        var actor = Actor.For("officer-1", "Gina Officer", Roles.GrantsOfficer);
        for (var start = 1; start <= count; start += 50)
        {
            using var db = host.Db();
            await using var tx = await db.Database.BeginTransactionAsync();
            for (var i = start; i < Math.Min(start + 50, count + 1); i++)
            {
                await trail.AppendAsync(db, actor, "Payment.Authorise", "Payment", i.ToString(CultureInfo.InvariantCulture),
                    new { state = "Ready", version = 1 }, new { state = "Authorised", version = 2, amountPence = 250_000 });
            }
            await db.SaveChangesAsync();
            await tx.CommitAsync();
        }
    }

    private async Task TamperAsync(string sql)
    {
        using var db = host.Db();
        await db.Database.ExecuteSqlRawAsync(sql);
    }
}
