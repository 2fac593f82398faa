using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Core.Features.Audit;
using GrantsCommissioning.Core.Features.Decisions;
using GrantsCommissioning.Core.Features.Payments;
using GrantsCommissioning.Core.Tests.Workflow;
using GrantsCommissioning.Core.Workflow;
using GrantsCommissioning.TestCommon.Workflow;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GrantsCommissioning.Core.Tests.Features.Audit;

/// <summary>Writing the audit log: the chain, the workflow and feature rows, and the database refusing changes.</summary>
public sealed class AuditTrailTests(WorkflowHostFixture fixture) : IClassFixture<WorkflowHostFixture>
{
    private AuditTrail Trail => fixture.Host.Services.GetRequiredService<AuditTrail>();

    [Fact]
    public async Task AppendAsync_InAContextThatTracksOlderRowsAndSavesBetweenAppends_ChainsEachRowToTheHeadBeforeIt()
    {
        var actor = await fixture.Data.UserAsync("Ada", Roles.Administrator);
        await using (var seed = fixture.Host.Db())
        await using (var seedTx = await seed.Database.BeginTransactionAsync())
        {
            // At least two rows, so the oldest one tracked below is not the chain's head.
            await Trail.AppendAsync(seed, actor, "Test.Earlier", "Test", "1", null, null);
            await Trail.AppendAsync(seed, actor, "Test.Earlier", "Test", "2", null, null);
            await seed.SaveChangesAsync();
            await seedTx.CommitAsync();
        }

        using var db = fixture.Host.Db();
        await using (var tx = await db.Database.BeginTransactionAsync())
        {
            // A page that showed the log tracks rows from the start of the chain; they are not its head.
            var oldest = await db.AuditLog.OrderBy(e => e.Id).FirstAsync();
            var head = await db.AuditLog.AsNoTracking().OrderByDescending(e => e.Id).FirstAsync();
            Assert.NotEqual(oldest.Id, head.Id);
            var first = await Trail.AppendAsync(db, actor, "Test.Tracked", "Test", "a", null, null);
            await db.SaveChangesAsync();
            var second = await Trail.AppendAsync(db, actor, "Test.Tracked", "Test", "b", null, null);
            await db.SaveChangesAsync();
            await tx.CommitAsync();

            Assert.Equal((head.Id + 1, head.Hash), (first.Id, first.PreviousHash));
            Assert.Equal((first.Id + 1, first.Hash), (second.Id, second.PreviousHash));
        }
    }

    [Fact]
    public async Task AppendAsync_WhenSeveralRowsSavedTogether_ChainsEachToThePrevious()
    {
        var actor = await fixture.Data.UserAsync("Ada", Roles.Administrator);
        string lastHash;
        using (var read = fixture.Host.Db())
        {
            lastHash = await read.AuditLog.OrderByDescending(e => e.Id).Select(e => e.Hash).FirstOrDefaultAsync() ?? AuditHash.Genesis;
        }

        using var db = fixture.Host.Db();
        await using (var tx = await db.Database.BeginTransactionAsync())
        {
            for (var i = 0; i < 3; i++)
            {
                await Trail.AppendAsync(db, actor, "Test.Chained", "Test", i.ToString(CultureInfo.InvariantCulture), null, new { i });
            }
            await db.SaveChangesAsync();
            await tx.CommitAsync();
        }

        using var check = fixture.Host.Db();
        var rows = await check.AuditLog.Where(e => e.Action == "Test.Chained").OrderBy(e => e.Id).ToListAsync();
        Assert.Equal(3, rows.Count);
        Assert.Equal(lastHash, rows[0].PreviousHash);
        Assert.Equal(rows[0].Hash, rows[1].PreviousHash);
        Assert.Equal(rows[1].Hash, rows[2].PreviousHash);
        var key = fixture.Host.Services.GetRequiredService<AuditKey>();
        Assert.All(rows, r => Assert.Equal(key.Hash(r), r.Hash));
        Assert.All(rows, r => Assert.NotEqual(AuditHash.ComputeLegacy(r), r.Hash));
        Assert.Equal([rows[0].Id + 1, rows[0].Id + 2], rows.Skip(1).Select(r => r.Id));
    }

    [Fact]
    public async Task FireAsync_WhenTransitionSucceeds_WritesOneAuditRowWithBeforeAndAfterState()
    {
        var officer = await fixture.Data.UserAsync("Gina", Roles.GrantsOfficer);
        var app = await fixture.Data.ApplicationAsync(ApplicationStates.Submitted);

        var result = await fixture.Host.Workflow.FireAsync(new TransitionRequest(CaseRef.Of(app), ApplicationTriggers.StartChecks, officer, Guid.NewGuid().ToString()));

        Assert.True(result.Succeeded, result.Message);
        var row = Assert.Single(await RowsForAsync("Application", app.Id));
        Assert.Equal("Application.StartChecks", row.Action);
        Assert.Equal((officer.UserId, officer.DisplayName), (row.ActorUserId, row.ActorName));
        using var before = JsonDocument.Parse(row.Before!);
        using var after = JsonDocument.Parse(row.After!);
        Assert.Equal(ApplicationStates.Submitted, before.RootElement.GetProperty("state").GetString());
        Assert.Equal(app.Version, before.RootElement.GetProperty("version").GetInt32());
        Assert.Equal(result.State, after.RootElement.GetProperty("state").GetString());
        Assert.Equal(result.Version, after.RootElement.GetProperty("version").GetInt32());
    }

    [Fact]
    public async Task FireAsync_WhenEffectsThrow_WritesNoAuditRow()
    {
        var officer = await fixture.Data.UserAsync("Gina", Roles.GrantsOfficer);
        var app = await fixture.Data.ApplicationAsync(ApplicationStates.Submitted);
        var count = await CountAsync();

        await Assert.ThrowsAsync<InvalidOperationException>(() => fixture.Host.Workflow.FireAsync(
            new TransitionRequest(CaseRef.Of(app), ApplicationTriggers.StartChecks, officer, Guid.NewGuid().ToString())
            {
                Payload = new InjectedWrite(_ => throw new InvalidOperationException("effect failed")),
            }));

        Assert.Equal(count, await CountAsync());
        Assert.Empty(await RowsForAsync("Application", app.Id));
    }

    [Fact]
    public async Task DecideAsync_WhenApproved_WritesDecisionRowAndTransitionRowInOneChain()
    {
        var maker = await fixture.Data.UserAsync("Dee", Roles.DecisionMaker);
        var app = await fixture.Data.ApplicationAsync(ApplicationStates.Recommendation, requestedPence: 100_000);
        using (var db = fixture.Host.Db())
        {
            await db.Rounds.Where(r => r.Id == app.RoundId).ExecuteUpdateAsync(s => s.SetProperty(r => r.MaxAwardPence, 1_000_000));
        }

        var result = await fixture.Host.Services.GetRequiredService<DecisionService>().DecideAsync(
            new DecisionInput(app.Id, DecisionOutcome.Approve, new Money(100_000), "Meets objectives two and four.", null, null, null), maker, Guid.NewGuid().ToString());

        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Values));
        var rows = await RowsForAsync("Application", app.Id);
        Assert.Equal(["Decision.Recorded", "Application.Approve"], rows.Select(r => r.Action));
        Assert.Equal(rows[0].Hash, rows[1].PreviousHash);
        using var decision = JsonDocument.Parse(rows[0].After!);
        Assert.Equal("Approve", decision.RootElement.GetProperty("outcome").GetString());
        Assert.Equal(100_000, decision.RootElement.GetProperty("amountPence").GetInt64());
        Assert.Equal(nameof(AuthorityLevel.DecisionMaker), decision.RootElement.GetProperty("authority").GetString());
        using var transition = JsonDocument.Parse(rows[1].After!);
        Assert.Equal(100_000, transition.RootElement.GetProperty("amountPence").GetInt64());
    }

    [Fact]
    public async Task PayAsync_WhenPaid_AuditRowCarriesAmountAndFinanceReference()
    {
        var finance = await fixture.Data.UserAsync("Fin", Roles.Finance);
        var payment = await fixture.Data.PaymentAsync(PaymentStates.Authorised, recordedBy: null);
        var paidOn = UkTime.ToUkDate(DateTimeOffset.UtcNow).AddDays(-1);

        var result = await fixture.Host.Services.GetRequiredService<PaymentService>().PayAsync(payment.Id, paidOn, "BACS-0042", finance, Guid.NewGuid().ToString());

        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Values));
        var row = Assert.Single(await RowsForAsync("Payment", payment.Id));
        Assert.Equal("Payment.Pay", row.Action);
        using var after = JsonDocument.Parse(row.After!);
        Assert.Equal(PaymentStates.Paid, after.RootElement.GetProperty("state").GetString());
        Assert.Equal(payment.AmountPence, after.RootElement.GetProperty("amountPence").GetInt64());
        Assert.Equal("BACS-0042", after.RootElement.GetProperty("financeReference").GetString());
    }

    [Fact]
    public async Task RecordAccessAsync_WhenBankDetailsViewed_WritesAccessRow()
    {
        var officer = await fixture.Data.UserAsync("Gina", Roles.GrantsOfficer);
        var orgId = await fixture.Data.OrganisationAsync();

        await Trail.RecordAccessAsync(officer, "Organisation.BankDetails.Viewed", "Organisation", orgId.ToString(CultureInfo.InvariantCulture));

        var row = Assert.Single(await RowsForAsync("Organisation", orgId));
        Assert.Equal(("Organisation.BankDetails.Viewed", officer.UserId), (row.Action, row.ActorUserId));
        Assert.Null(row.Before);
        Assert.Null(row.After);
    }

    [Theory]
    [InlineData("UPDATE \"AuditLog\" SET \"After\" = 'tampered'")]
    [InlineData("DELETE FROM \"AuditLog\"")]
    public async Task ExecuteSql_WhenAuditRowUpdatedOrDeleted_IsRefusedAsAppendOnly(string sql)
    {
        var officer = await fixture.Data.UserAsync("Gina", Roles.GrantsOfficer);
        await Trail.RecordAccessAsync(officer, "Test.Refused", "Test", "1");
        var count = await CountAsync();

        using var db = fixture.Host.Db();
        var error = await Assert.ThrowsAnyAsync<DbException>(() => db.Database.ExecuteSqlRawAsync(sql));

        Assert.Contains("The audit log is append-only", error.Message, StringComparison.Ordinal);
        Assert.Equal(count, await CountAsync());
        Assert.Empty(await db.AuditLog.Where(e => e.After == "tampered").ToListAsync());
    }

    private async Task<List<AuditEntry>> RowsForAsync(string entityType, int id)
    {
        using var db = fixture.Host.Db();
        var entityId = id.ToString(CultureInfo.InvariantCulture);
        return await db.AuditLog.Where(e => e.EntityType == entityType && e.EntityId == entityId).OrderBy(e => e.Id).ToListAsync();
    }

    private async Task<int> CountAsync()
    {
        using var db = fixture.Host.Db();
        return await db.AuditLog.CountAsync();
    }
}
