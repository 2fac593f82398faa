using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Core.Features;
using GrantsCommissioning.Core.Features.Cases;
using GrantsCommissioning.Core.Features.Dashboards;
using GrantsCommissioning.Core.Features.Funds;
using GrantsCommissioning.Core.Features.Payments;
using GrantsCommissioning.Core.Workflow;
using GrantsCommissioning.TestCommon.Workflow;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace GrantsCommissioning.Core.Tests.Features.Finance;

/// <summary>Recording a recovery as received (issue 12): amount, date and reference, audited, the invoice closed, spend reduced once.</summary>
public sealed class RecoveryReceiptTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 2, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task ARecoveryReceived_IsRecordedAndAudited_WrongFiguresAreRefused_AndSpendIsReducedOnceEverywhere()
    {
        await using var host = await WorkflowTestHost.CreateAsync(clock: new FakeTimeProvider(Now));
        var finance = new FinanceTestData(host);
        var rita = await finance.Data.UserAsync("Rita", Roles.Finance);
        var officer = await finance.Data.UserAsync("Grace", Roles.GrantsOfficer);
        var award = await finance.AwardAsync();
        var paid = await finance.PaymentAsync(award, PaymentStates.Paid, 1_200_000, new DateOnly(2026, 6, 1));
        await finance.PaymentAsync(award, PaymentStates.Paid, 300_000, new DateOnly(2026, 7, 1));
        var raised = await host.Workflow.FireAsync(new TransitionRequest(CaseRef.Of(paid), PaymentTriggers.Recover, rita, "recover")
        {
            Comment = "Project did not run the summer programme.", Payload = new RecoveryRaised(Money.FromPounds(12_000m), new DateOnly(2026, 11, 20), "INV-0042"),
        });
        Assert.True(raised.Succeeded, raised.Message);
        var receipts = host.Services.GetRequiredService<RecoveryReceipts>();
        var recovery = (await receipts.ForAwardAsync(award.Id)).Single();
        RecoveryReceiptInput Receipt(string amount, int day) => new() { Amount = amount, ReceivedOn = new DateOnly(2026, 11, day), Reference = " RCPT-981 " };

        var byOfficer = await receipts.RecordAsync(recovery.Id, Receipt("12000", 28), officer);
        var part = await receipts.RecordAsync(recovery.Id, Receipt("11999.99", 28), rita);
        var early = await receipts.RecordAsync(recovery.Id, Receipt("12000", 19), rita);
        var future = await receipts.RecordAsync(recovery.Id, new RecoveryReceiptInput { Amount = "12000", ReceivedOn = new DateOnly(2026, 12, 3), Reference = "R" }, rita);
        var received = await receipts.RecordAsync(recovery.Id, Receipt("12000", 28), rita);
        var twice = await receipts.RecordAsync(recovery.Id, Receipt("12000", 28), rita);

        Assert.IsType<RoleNeeded>(byOfficer.Failure);
        Assert.Equal("Invoice INV-0042 is for £12,000.00, not £11,999.99: record the receipt when the whole amount has come back.", part.Errors["Amount"]);
        Assert.Equal("The money cannot have come back before invoice INV-0042 was raised on 20 November 2026.", early.Errors["ReceivedOn"]);
        Assert.Equal("The date received cannot be in the future.", future.Errors["ReceivedOn"]);
        Assert.True(received.Succeeded, string.Join(" ", received.Errors.Values));
        Assert.Equal("Invoice INV-0042 was recorded as received on 28 November 2026 (RCPT-981).", twice.Errors[""]);
        var line = (await receipts.ForAwardAsync(award.Id)).Single();
        Assert.Equal((RecoveryStatus.Received, Money.FromPounds(12_000m), new DateOnly(2026, 11, 28), "RCPT-981", "Rita"),
            (line.Status, line.Received!.Value, line.ReceivedOn!.Value, line.ReceiptReference, line.ReceivedBy));
        using (var db = host.Db())
        {
            Assert.Equal(1, await db.AuditLog.CountAsync(a => a.Action == RecoveryReceipts.ReceivedAction));
        }
        // Spend fell by the £12,000 when the recovery was raised; receiving it does not take it off again.
        Assert.Equal(Money.FromPounds(3_000m), (await host.Services.GetRequiredService<CaseQueries>().AwardAsync(award.Id, officer))!.Paid);
        var year = new FinancialYear(2026);
        var fund = (await host.Services.GetRequiredService<DashboardQueries>().FinanceAsync(year)).Funds.Single(f => f.FundId == award.FundId);
        Assert.Equal(Money.FromPounds(3_000m), fund.Paid);
        var drill = (await host.Services.GetRequiredService<FundFigures>().LinesAsync(award.FundId, year, null, Figure.Paid))!.Value.Lines;
        Assert.Equal(fund.Paid, Money.Sum(drill.Select(l => l.Amount)));
        Assert.Contains(drill, l => l.PaymentReference == "INV-0042" && l.What == "Recovery received");
    }
}
