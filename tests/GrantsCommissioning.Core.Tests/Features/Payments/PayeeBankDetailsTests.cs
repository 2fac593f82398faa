using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Core.Features.Audit;
using GrantsCommissioning.Core.Features.Payments;
using GrantsCommissioning.Core.Workflow;
using GrantsCommissioning.TestCommon.Workflow;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GrantsCommissioning.Core.Tests.Features.Payments;

public sealed class PayeeBankDetailsTests
{
    [Fact]
    public async Task Masked_ForFinance_ShowsOnlyTheLastFourDigitsAndWritesNoAuditRow()
    {
        await using var host = await WorkflowTestHost.CreateAsync();
        var finance = await new WorkflowTestData(host).UserAsync("Sam", Roles.Finance);
        var paymentId = await PaymentWithBankDetailsAsync(host);
        var before = await AuditRowsAsync(host);

        var bank = await host.Services.GetRequiredService<PayeeBankDetails>().MaskedAsync(paymentId, finance);

        Assert.Equal(("Ledbury Community Watch", "••••5678", "40-11-62", false), (bank!.AccountName, bank.AccountNumber, bank.SortCode, bank.Revealed));
        Assert.Equal(before, await AuditRowsAsync(host));
    }

    [Theory]
    [InlineData(Roles.GrantsOfficer)]
    [InlineData(Roles.Assessor)]
    [InlineData(Roles.PanelMember)]
    [InlineData(Roles.DecisionMaker)]
    [InlineData(Roles.Administrator)]
    public async Task Masked_ForAnyoneButFinance_GivesNoBankDetailsAtAll(string role)
    {
        await using var host = await WorkflowTestHost.CreateAsync();
        var someone = await new WorkflowTestData(host).UserAsync("Gus", role);
        var paymentId = await PaymentWithBankDetailsAsync(host);

        Assert.Null(await host.Services.GetRequiredService<PayeeBankDetails>().MaskedAsync(paymentId, someone));
    }

    [Fact]
    public async Task Reveal_ByFinance_ShowsTheFullNumberAndRecordsWhoLookedInTheAuditLog()
    {
        await using var host = await WorkflowTestHost.CreateAsync();
        var data = new WorkflowTestData(host);
        var finance = await data.UserAsync("Sam", Roles.Finance);
        var paymentId = await PaymentWithBankDetailsAsync(host);

        var result = await host.Services.GetRequiredService<PayeeBankDetails>().RevealAsync(paymentId, finance);

        Assert.True(result.Succeeded);
        Assert.Equal(("12345678", true), (result.Value!.AccountNumber, result.Value.Revealed));
        using var db = host.Db();
        var row = await db.AuditLog.OrderByDescending(a => a.Id).FirstAsync();
        Assert.Equal((PayeeBankDetails.ViewedAction, nameof(Organisation), result.Value.OrganisationId.ToString(System.Globalization.CultureInfo.InvariantCulture), finance.UserId),
            (row.Action, row.EntityType, row.EntityId, row.ActorUserId));
        Assert.True((await host.Services.GetRequiredService<AuditVerifier>().VerifyAsync()).IsIntact);
    }

    [Theory]
    [InlineData(Roles.GrantsOfficer)]
    [InlineData(Roles.DecisionMaker)]
    [InlineData(Roles.Administrator)]
    public async Task Reveal_ByAnyoneButFinance_IsRefusedShowsNothingAndRecordsNothing(string role)
    {
        await using var host = await WorkflowTestHost.CreateAsync();
        var someone = await new WorkflowTestData(host).UserAsync("Gus", role);
        var paymentId = await PaymentWithBankDetailsAsync(host);
        var before = await AuditRowsAsync(host);

        var result = await host.Services.GetRequiredService<PayeeBankDetails>().RevealAsync(paymentId, someone);

        Assert.False(result.Succeeded);
        Assert.Null(result.Value);
        Assert.Equal("Only the finance team can see full bank details.", result.Errors[""]);
        Assert.Equal(before, await AuditRowsAsync(host));
    }

    private static async Task<int> PaymentWithBankDetailsAsync(WorkflowTestHost host)
    {
        var payment = await new WorkflowTestData(host).PaymentAsync(PaymentStates.Scheduled, recordedBy: null);
        using var db = host.Db();
        var organisation = await db.Payments.Where(p => p.Id == payment.Id).Select(p => p.Award!.Organisation!).SingleAsync();
        organisation.BankAccountName = "Ledbury Community Watch";
        organisation.BankSortCode = "40-11-62";
        organisation.BankAccountNumber = "12345678";
        await db.SaveChangesAsync();
        return payment.Id;
    }

    private static async Task<int> AuditRowsAsync(WorkflowTestHost host)
    {
        using var db = host.Db();
        return await db.AuditLog.CountAsync();
    }
}
