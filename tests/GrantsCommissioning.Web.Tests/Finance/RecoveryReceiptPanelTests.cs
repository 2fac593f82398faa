using System.Security.Claims;
using Bunit;
using Microsoft.AspNetCore.Components;
using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Core.Features.Payments;
using GrantsCommissioning.Core.Workflow;
using GrantsCommissioning.TestCommon.Workflow;
using GrantsCommissioning.Web.Components.Pages.PaymentRuns;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace GrantsCommissioning.Web.Tests.Finance;

/// <summary>The recovery panel on a payment's page, rendered with the real Core services on SQLite: finance records the money as received.</summary>
public sealed class RecoveryReceiptPanelTests : BunitContext, IAsyncLifetime
{
    private WorkflowTestHost _host = null!;

    public async Task InitializeAsync()
    {
        _host = await WorkflowTestHost.CreateAsync(clock: new FakeTimeProvider(new DateTimeOffset(2026, 12, 2, 10, 0, 0, TimeSpan.Zero)));
        Services.AddSingleton(_host.Services.GetRequiredService<RecoveryReceipts>());
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
    }

    async Task IAsyncLifetime.DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Finance_RecordsTheReceipt_AfterAWrongAmountIsRefusedWithTheFigures()
    {
        var (finance, awardId, awardReference) = await RecoveryAsync();
        var cut = RenderAs(finance, awardId, awardReference);
        Assert.Contains("Not yet", cut.Find("table").TextContent, StringComparison.Ordinal);

        cut.Find("#receipt-amount").Change("900");
        cut.Find("#receipt-date").Change("2026-11-28");
        cut.Find("#receipt-reference").Change("RCPT-1");
        cut.Find("section button.btn-primary").Click();
        cut.WaitForAssertion(() => Assert.Contains("is for £1,000.00, not £900.00", cut.Find(".error-summary").TextContent, StringComparison.Ordinal));
        // The link goes to this form's amount box (the payment page's clawback form has its own #Amount).
        Assert.Equal(["#receipt-amount"], cut.FindAll(".error-summary a").Select(a => a.GetAttribute("href")));
        Assert.Single(cut.FindAll("#receipt-amount"));
        await using (var db = _host.Db())
        {
            Assert.Equal(RecoveryStatus.Invoiced, (await db.Set<Recovery>().SingleAsync(r => r.AwardId == awardId)).Status);
        }

        cut.Find("#receipt-amount").Change("1000");
        cut.Find("section button.btn-primary").Click();
        cut.WaitForAssertion(() => Assert.Contains("recorded as received", cut.Find("[role=status]").TextContent, StringComparison.Ordinal));
        Assert.Contains("£1,000.00 on 28 Nov 2026 (RCPT-1), recorded by Rita", cut.Find("table").TextContent, StringComparison.Ordinal);
        Assert.Empty(cut.FindAll("#receipt-amount"));
        await using (var db = _host.Db())
        {
            Assert.Equal(RecoveryStatus.Received, (await db.Set<Recovery>().SingleAsync(r => r.AwardId == awardId)).Status);
        }
    }

    [Fact]
    public async Task AGrantsOfficer_SeesTheRecoveries_ButNoReceiptForm()
    {
        var (_, awardId, awardReference) = await RecoveryAsync();
        var officer = await new WorkflowTestData(_host).UserAsync("Grace", Roles.GrantsOfficer);

        var cut = RenderAs(officer, awardId, awardReference);

        Assert.Contains("INV-77", cut.Find("table").TextContent, StringComparison.Ordinal);
        Assert.Empty(cut.FindAll("#receipt-amount"));
    }

    private async Task<(Actor Finance, int AwardId, string AwardReference)> RecoveryAsync()
    {
        var data = new WorkflowTestData(_host);
        var finance = await data.UserAsync("Rita", Roles.Finance);
        var payment = await data.PaymentAsync(PaymentStates.Paid, recordedBy: null);
        await using (var db = _host.Db())
        {
            var row = await db.Payments.SingleAsync(p => p.Id == payment.Id);
            (row.PaidOn, row.FinanceReference) = (new DateOnly(2026, 6, 1), "FIN-1");
            await db.SaveChangesAsync();
        }
        var raised = await _host.Workflow.FireAsync(new TransitionRequest(CaseRef.Of(payment), PaymentTriggers.Recover, finance, "recover-" + payment.Id)
        {
            Comment = "The summer programme did not run.", Payload = new RecoveryRaised(Money.FromPounds(1_000m), new DateOnly(2026, 11, 20), "INV-77"),
        });
        Assert.True(raised.Succeeded, raised.Message);
        await using var read = _host.Db();
        var award = await read.Awards.SingleAsync(a => a.Id == payment.AwardId);
        return (finance, award.Id, award.AwardReference);
    }

    private IRenderedComponent<RecoveryReceiptPanel> RenderAs(Actor actor, int awardId, string awardReference)
    {
        var cut = Render<RecoveryReceiptPanel>(p => p
            .Add(c => c.AwardId, awardId)
            .Add(c => c.AwardReference, awardReference)
            .Add(c => c.Actor, actor));
        cut.WaitForState(() => cut.FindAll("table").Count > 0);
        return cut;
    }
}
