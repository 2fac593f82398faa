using GrantsCommissioning.Core.Data;
using GrantsCommissioning.Core.Workflow;
using GrantsCommissioning.EndToEnd.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace GrantsCommissioning.EndToEnd.Monitoring;

/// <summary>
/// A return reviewed in a real browser, with email through a real SMTP server, on the demo grant AWD-CY-0020 (Hereford
/// Youth Boxing Club, £3,000 paid so far; its second payment, AWD-CY-0020-P2, is held until return AWD-CY-0020-R2 is
/// accepted). The owner sends R2 with spend beyond the payments received; the officer sees the flag with its reason and
/// queries; the grantee is emailed, reads the question and answers it; the officer is emailed, reads the answer and
/// accepts; the held payment becomes ready for authorisation.
/// </summary>
[Collection(MailCollection.Name)]
public class ReturnReviewJourneyTests(MailSite site)
{
    private const string Grantee = "applicant@demo.opcc-grants.example";
    private const string Officer = "officer@demo.opcc-grants.example";
    private const string Reference = "AWD-CY-0020-R2";
    private const string Question = "You report £3,400 spent but have been paid £3,000: please send the invoices for the equipment.";
    private const string Answer = "The club paid the equipment invoices from its own reserves; copies are with our treasurer and can be sent today.";

    [Fact]
    public async Task GranteeSendsAFlaggedReturn_OfficerQueries_GranteeAnswers_OfficerAccepts_AndTheHeldPaymentIsReady()
    {
        var (returnId, payment) = await DemoAsync();
        var returnPath = $"/applicant/returns/{returnId}";
        var reviewPath = $"/cases/returns/{returnId}";
        Assert.Equal(PaymentStates.Held, await PaymentStateAsync(payment));

        // 1. The owner sends the return: £3,400 spent to date against £3,000 received.
        var grantee = await site.SignedInPageAsync(Grantee);
        await grantee.GotoAsync(returnPath);
        var spend = await grantee.Locator("input[name$='].Amount']").AllAsync();
        Assert.Equal(2, spend.Count);
        await spend[0].FillAsync("2500");
        await spend[1].FillAsync("900");
        foreach (var indicator in await grantee.Locator("input[name^='Input.Indicators'][name$='.Value']").AllAsync())
        {
            await indicator.FillAsync("20");
        }
        await grantee.FillAsync("#Narrative", "Twenty young people now train twice a week; the new equipment arrived in the autumn.");
        await grantee.CheckAsync("#SignOff");
        await grantee.ClickAsync("button:has-text('Sign off and send the return')");
        await grantee.WaitForURLAsync(u => !u.EndsWith(returnPath, StringComparison.Ordinal));
        Assert.Equal(ReturnStates.Submitted, await ReturnStateAsync(returnId));

        // 2. The officer sees the flag with its reason, and queries the return.
        var officer = await site.SignedInPageAsync(Officer);
        await officer.GotoAsync(reviewPath);
        await Assertions.Expect(officer.Locator("#return-flags")).ToContainTextAsync("Spend ahead of payments");
        var query = officer.GetByRole(AriaRole.Button, new() { Name = "Query return", Exact = true });
        await Assertions.Expect(query).ToBeEnabledAsync(new() { Timeout = 60_000 }); // enabled once the page is live over its circuit
        await query.ClickAsync();
        await officer.FillAsync("#workflow-comment", Question);
        await officer.Locator(".workflow-actions .card").GetByRole(AriaRole.Button, new() { Name = "Query return", Exact = true }).ClickAsync();
        await Assertions.Expect(officer.Locator("main")).ToContainTextAsync(Question, new() { Timeout = 30_000 });
        Assert.Equal(ReturnStates.Queried, await ReturnStateAsync(returnId));
        var queried = await site.WaitForMessageAsync(Grantee, $"Query on monitoring return {Reference}");
        Assert.Contains(Question, queried.TextBody, StringComparison.Ordinal);

        // 3. The grantee reads the question on the return and answers it.
        await grantee.GotoAsync(returnPath);
        await Assertions.Expect(grantee.Locator("#officer-query")).ToContainTextAsync(Question);
        await grantee.FillAsync("#Answer", Answer);
        await grantee.ClickAsync("button:has-text('Send the answer')");
        await Assertions.Expect(grantee.Locator("main")).ToContainTextAsync(Answer);
        await site.WaitForMessageAsync(Officer, $"The grantee answered the query on monitoring return {Reference}");

        // 4. The officer reads the answer and accepts: the payment held for this return is ready for authorisation.
        await officer.GotoAsync(reviewPath);
        await Assertions.Expect(officer.Locator("main")).ToContainTextAsync(Answer);
        await Assertions.Expect(officer.Locator("#accept-return")).ToBeVisibleAsync();
        await Assertions.Expect(officer.GetByRole(AriaRole.Button, new() { Name = "Query return", Exact = true })).ToHaveCountAsync(0);
        // The accept button answers only over the circuit: click until the return is accepted.
        for (var attempt = 1; await ReturnStateAsync(returnId) != ReturnStates.Accepted; attempt++)
        {
            Assert.True(attempt <= 20, "the return was not accepted");
            if (await officer.Locator("#accept-return").IsVisibleAsync())
            {
                await officer.ClickAsync("#accept-return");
            }
            await Task.Delay(500);
        }
        Assert.Equal(PaymentStates.Ready, await PaymentStateAsync(payment));
        await officer.GotoAsync($"/cases/payments/{payment}");
        await Assertions.Expect(officer.Locator("main")).ToContainTextAsync("Ready for authorisation");
        await officer.Context.CloseAsync();
        await grantee.Context.CloseAsync();
    }

    private async Task<(int ReturnId, int PaymentId)> DemoAsync()
    {
        await using var db = await Db();
        var ret = await db.Returns.Where(r => r.ReturnReference == Reference).Select(r => r.Id).SingleAsync();
        var payment = await db.Payments.Where(p => p.HeldForReturnId == ret).Select(p => p.Id).SingleAsync();
        return (ret, payment);
    }

    private async Task<string> ReturnStateAsync(int id)
    {
        await using var db = await Db();
        return await db.Returns.Where(r => r.Id == id).Select(r => r.State).SingleAsync();
    }

    private async Task<string> PaymentStateAsync(int id)
    {
        await using var db = await Db();
        return await db.Payments.Where(p => p.Id == id).Select(p => p.State).SingleAsync();
    }

    private Task<GrantsDbContext> Db() => site.Services.GetRequiredService<IDbContextFactory<GrantsDbContext>>().CreateDbContextAsync();
}
