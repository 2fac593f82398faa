using GrantsCommissioning.Core.Data;
using GrantsCommissioning.Core.Features.Payments;
using GrantsCommissioning.EndToEnd.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace GrantsCommissioning.EndToEnd;

/// <summary>Full bank details on the payment page: masked for everyone, revealed to Finance on request, and audited.</summary>
[Collection(BrowserCollection.Name)]
public sealed class BankDetailsTests(BrowserSite site)
{
    [Fact]
    public async Task FinanceOfficer_ShowsTheFullAccountNumber_AndTheViewIsAudited()
    {
        var (paymentId, organisationId, accountNumber) = await PaymentWithBankDetailsAsync();
        var page = await site.SignedInPageAsync("finance@demo.opcc-grants.example");
        await page.GotoAsync($"/cases/payments/{paymentId}");
        var number = page.Locator("#account-number");
        await Assertions.Expect(number).ToHaveTextAsync("••••" + accountNumber[^4..]);

        await page.GetByRole(AriaRole.Button, new() { Name = "Show the full account number" }).ClickAsync();

        await Assertions.Expect(number).ToHaveTextAsync(accountNumber);
        await using var db = await site.Services.GetRequiredService<IDbContextFactory<GrantsDbContext>>().CreateDbContextAsync();
        var row = await db.AuditLog.OrderByDescending(a => a.Id).FirstAsync();
        var finance = await db.Users.SingleAsync(u => u.Email == "finance@demo.opcc-grants.example");
        Assert.Equal((PayeeBankDetails.ViewedAction, organisationId.ToString(System.Globalization.CultureInfo.InvariantCulture), finance.Id),
            (row.Action, row.EntityId, row.ActorUserId));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task GrantsOfficer_SeesNoBankDetails_AndNoWayToRevealThem()
    {
        var (paymentId, _, accountNumber) = await PaymentWithBankDetailsAsync();
        var page = await site.SignedInPageAsync("officer@demo.opcc-grants.example");
        await page.GotoAsync($"/cases/payments/{paymentId}");

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToBeVisibleAsync();
        Assert.Equal(0, await page.Locator("#account-number").CountAsync());
        Assert.DoesNotContain("••••" + accountNumber[^4..], await page.ContentAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await page.GetByRole(AriaRole.Button, new() { Name = "Show the full account number" }).CountAsync());
        Assert.DoesNotContain(accountNumber, await page.ContentAsync(), StringComparison.Ordinal);
        await page.Context.CloseAsync();
    }

    private async Task<(int PaymentId, int OrganisationId, string AccountNumber)> PaymentWithBankDetailsAsync()
    {
        await using var db = await site.Services.GetRequiredService<IDbContextFactory<GrantsDbContext>>().CreateDbContextAsync();
        var payment = await db.Payments.Where(p => p.Award!.Organisation!.BankAccountNumber != null).OrderBy(p => p.Id)
            .Select(p => new { p.Id, p.Award!.OrganisationId, p.Award.Organisation!.BankAccountNumber }).FirstAsync();
        return (payment.Id, payment.OrganisationId, payment.BankAccountNumber!);
    }
}
