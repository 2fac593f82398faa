using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Core.Features;
using GrantsCommissioning.Core.Features.Dashboards;
using GrantsCommissioning.Core.Features.PaymentRuns;
using GrantsCommissioning.Core.Features.Payments;
using GrantsCommissioning.Core.Tests.Features.Finance;
using GrantsCommissioning.Core.Workflow;
using GrantsCommissioning.TestCommon.Workflow;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace GrantsCommissioning.Core.Tests.Features.Funds;

/// <summary>Holds show their reason on the payment lists; finance suspends every payment of one award with a reason, and lifts it, audited.</summary>
public sealed class SuspensionTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 2, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task SuspendingAnAward_BlocksAndExplainsEveryPayment_UntilLifted()
    {
        await using var host = await WorkflowTestHost.CreateAsync(clock: new FakeTimeProvider(Now));
        var finance = new FinanceTestData(host);
        var sam = await finance.Data.UserAsync("Sam", Roles.Finance);
        var alex = await finance.Data.UserAsync("Alex", Roles.Finance);
        var officer = await finance.Data.UserAsync("Priya", Roles.GrantsOfficer);
        var award = await finance.AwardAsync();
        var ready = await finance.PaymentAsync(award, PaymentStates.Ready, 100_000, recordedBy: sam.UserId);
        var scheduled = await finance.PaymentAsync(award, PaymentStates.Scheduled, 50_000);
        var suspensions = host.Services.GetRequiredService<PaymentSuspensions>();

        var noReason = await suspensions.SuspendAsync(award.Id, " ", sam);
        var byOfficer = await suspensions.SuspendAsync(award.Id, "Audit query.", officer);
        var suspended = await suspensions.SuspendAsync(award.Id, "Auditors query the match funding.", sam);
        var twice = await suspensions.SuspendAsync(award.Id, "Again.", alex);
        var authorise = await host.Workflow.FireAsync(new TransitionRequest(CaseRef.Of(ready), PaymentTriggers.Authorise, alex, "auth-suspended"));
        var run = await host.Services.GetRequiredService<PaymentRunService>().PrepareAsync([ready.Id], alex);
        var listed = (await host.Services.GetRequiredService<DashboardQueries>().PaymentsNeedingActionAsync(new PaymentListQuery(Take: int.MaxValue))).Items.Single(p => p.Id == ready.Id);
        var held = await host.Workflow.FireAsync(new TransitionRequest(CaseRef.Of(scheduled), PaymentTriggers.Hold, officer, "hold-1") { Comment = "Return for Q2 is overdue." });

        Assert.IsType<ReasonNeeded>(noReason.Failure);
        Assert.IsType<RoleNeeded>(byOfficer.Failure);
        Assert.True(suspended.Succeeded, string.Join(" ", suspended.Errors.Values));
        Assert.IsType<NoLongerPossible>(twice.Failure);
        Assert.Contains("Auditors query the match funding.", authorise.Message, StringComparison.Ordinal);
        Assert.Contains("Auditors query the match funding.", run.Errors[""], StringComparison.Ordinal);
        Assert.StartsWith("Finance suspended this award's payments on", listed.HoldReason, StringComparison.Ordinal);
        Assert.True(held.Succeeded, held.Message);
        using (var db = host.Db())
        {
            Assert.Equal("Return for Q2 is overdue.", (await db.Payments.SingleAsync(p => p.Id == scheduled.Id)).HoldReason);
        }
        var heldListed = (await host.Services.GetRequiredService<DashboardQueries>().PaymentsNeedingActionAsync(new PaymentListQuery(Take: int.MaxValue))).Items.Single(p => p.Id == scheduled.Id);
        Assert.StartsWith("Return for Q2 is overdue. Finance suspended", heldListed.HoldReason, StringComparison.Ordinal);

        var lifted = await suspensions.LiftAsync(award.Id, "Match funding evidenced.", alex);
        var authorised = await host.Workflow.FireAsync(new TransitionRequest(CaseRef.Of(ready), PaymentTriggers.Authorise, alex, "auth-lifted"));

        Assert.True(lifted.Succeeded, string.Join(" ", lifted.Errors.Values));
        Assert.True(authorised.Succeeded, authorised.Message);
        Assert.Null(await suspensions.CurrentAsync(award.Id));
        using var check = host.Db();
        Assert.Equal([PaymentSuspensions.SuspendedAction, PaymentSuspensions.LiftedAction],
            await check.AuditLog.Where(a => a.Action.StartsWith("Award.Payment")).OrderBy(a => a.Id).Select(a => a.Action).ToListAsync());
    }
}
