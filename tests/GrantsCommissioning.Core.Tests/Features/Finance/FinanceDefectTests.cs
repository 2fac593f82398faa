using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Core.Features;
using GrantsCommissioning.Core.Features.Awards;
using GrantsCommissioning.Core.Features.Cases;
using GrantsCommissioning.Core.Features.Dashboards;
using GrantsCommissioning.Core.Features.Funds;
using GrantsCommissioning.Core.Features.Organisations;
using GrantsCommissioning.Core.Features.Payments;
using GrantsCommissioning.Core.Features.Reports;
using GrantsCommissioning.Core.Workflow;
using GrantsCommissioning.TestCommon.Workflow;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace GrantsCommissioning.Core.Tests.Features.Finance;

/// <summary>The defects found on the finance side (issue 12), each as a user would meet it.</summary>
public sealed class FinanceDefectTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 2, 10, 0, 0, TimeSpan.Zero);

    private static Task<WorkflowTestHost> HostAsync() => WorkflowTestHost.CreateAsync(clock: new FakeTimeProvider(Now));

    [Fact]
    public async Task Recover_CapturesAmountDateAndInvoice_AndReducesSpendOnTheAwardTheFundAndTheObjective()
    {
        await using var host = await HostAsync();
        var finance = new FinanceTestData(host);
        var officer = await finance.Data.UserAsync("Rita", Roles.Finance);
        var award = await finance.AwardAsync();
        var paid = await finance.PaymentAsync(award, PaymentStates.Paid, 1_200_000, new DateOnly(2026, 6, 1));
        await finance.PaymentAsync(award, PaymentStates.Paid, 300_000, new DateOnly(2026, 7, 1));

        var result = await host.Workflow.FireAsync(new TransitionRequest(CaseRef.Of(paid), PaymentTriggers.Recover, officer, "recover-1")
        {
            Comment = "Project did not run the summer programme.",
            Payload = new RecoveryRaised(Money.FromPounds(12_000m), new DateOnly(2026, 11, 30), " INV-0042 "),
        });

        Assert.True(result.Succeeded, result.Message);
        using (var db = host.Db())
        {
            var recovery = await db.Set<Recovery>().SingleAsync(r => r.AwardId == award.Id);
            Assert.Equal((-1_200_000L, new DateOnly(2026, 11, 30), "INV-0042", RecoveryStatus.Invoiced, paid.Id),
                (recovery.AmountPence, recovery.RaisedOn, recovery.InvoiceReference, recovery.Status, recovery.PaymentId));
        }
        var awardCase = await host.Services.GetRequiredService<CaseQueries>().AwardAsync(award.Id, officer);
        Assert.Equal(Money.FromPounds(3_000m), awardCase!.Paid);
        var fund = (await host.Services.GetRequiredService<DashboardQueries>().FinanceAsync(new FinancialYear(2026))).Funds.Single(f => f.FundId == award.FundId);
        Assert.Equal(Money.FromPounds(3_000m), fund.Paid);
        var rollUp = await host.Services.GetRequiredService<ObjectiveRollUp>().ForPeriodAsync(new DateOnly(2026, 4, 1), new DateOnly(2027, 3, 31));
        Assert.Equal(Money.FromPounds(3_000m), rollUp.Totals.Paid);
    }

    [Fact]
    public async Task Recover_MoreThanWasPaidOrWithoutInvoice_IsRefusedAndNothingChanges()
    {
        await using var host = await HostAsync();
        var finance = new FinanceTestData(host);
        var officer = await finance.Data.UserAsync("Rita", Roles.Finance);
        var award = await finance.AwardAsync();
        var paid = await finance.PaymentAsync(award, PaymentStates.Paid, 100_000, new DateOnly(2026, 6, 1));

        var result = await host.Workflow.FireAsync(new TransitionRequest(CaseRef.Of(paid), PaymentTriggers.Recover, officer, "recover-2")
        {
            Comment = "Overpaid.", Payload = new RecoveryRaised(Money.FromPounds(1_500m), new DateOnly(2026, 11, 30), ""),
        });

        Assert.Equal(TransitionError.Validation, result.Error);
        Assert.Contains(result.Errors, e => e.Field == "Amount" && e.Message.Contains("£1,000.00", StringComparison.Ordinal));
        Assert.Contains(result.Errors, e => e.Field == "InvoiceReference");
        using var db = host.Db();
        Assert.Equal(PaymentStates.Paid, (await db.Payments.SingleAsync(p => p.Id == paid.Id)).State);
        Assert.False(await db.Set<Recovery>().AnyAsync());
    }

    [Fact]
    public async Task Terminate_CancelsWhatIsUnpaid_RaisesTheNamedRecovery_AndNothingMoreCanBePaid()
    {
        await using var host = await HostAsync();
        var finance = new FinanceTestData(host);
        var decider = await finance.Data.UserAsync("Dee", Roles.DecisionMaker);
        var officer = await finance.Data.UserAsync("Rita", Roles.Finance);
        var award = await finance.AwardAsync();
        await finance.PaymentAsync(award, PaymentStates.Paid, 500_000, new DateOnly(2026, 6, 1));
        var held = await finance.PaymentAsync(award, PaymentStates.Held, 800_000);
        var ready = await finance.PaymentAsync(award, PaymentStates.Ready, 200_000, recordedBy: Actor.SystemUserId);

        var result = await host.Services.GetRequiredService<AwardTermination>().TerminateAsync(award.Id, "Breach of the safeguarding condition.",
            new TerminationDecision(Money.FromPounds(5_000m), "INV-T1"), decider, "terminate-1");

        Assert.True(result.Succeeded, string.Join(" ", result.Errors.Values));
        Assert.Equal(2, result.Value);
        using (var db = host.Db())
        {
            Assert.Equal(AwardStates.Terminated, (await db.Awards.SingleAsync(a => a.Id == award.Id)).State);
            Assert.Equal([PaymentStates.Cancelled, PaymentStates.Cancelled],
                await db.Payments.Where(p => p.Id == held.Id || p.Id == ready.Id).Select(p => p.State).ToListAsync());
            Assert.Equal(-500_000, (await db.Set<Recovery>().SingleAsync(r => r.AwardId == award.Id)).AmountPence);
        }
        var release = await host.Workflow.FireAsync(new TransitionRequest(CaseRef.Of(held), PaymentTriggers.Release, officer, "release-after"));
        Assert.False(release.Succeeded);
        var awardCase = await host.Services.GetRequiredService<CaseQueries>().AwardAsync(award.Id, officer);
        Assert.Equal(Money.Zero, awardCase!.Paid);
    }

    [Fact]
    public async Task Terminate_FinancePage_CountsWhatWasPaidLessTheRecovery_AsTheFundsCommitmentAndSpend()
    {
        await using var host = await HostAsync();
        var finance = new FinanceTestData(host);
        var decider = await finance.Data.UserAsync("Dee", Roles.DecisionMaker);
        var award = await finance.AwardAsync();
        await finance.PaymentAsync(award, PaymentStates.Paid, 500_000, new DateOnly(2026, 6, 1));
        await finance.PaymentAsync(award, PaymentStates.Ready, 200_000, recordedBy: Actor.SystemUserId);
        var other = await finance.AwardAsync();
        await finance.PaymentAsync(other, PaymentStates.Paid, 100_000, new DateOnly(2026, 7, 1));
        using (var db = host.Db())
        {
            // Another live award of the same fund.
            (await db.Awards.SingleAsync(a => a.Id == other.Id)).FundId = award.FundId;
            await db.SaveChangesAsync();
        }

        var result = await host.Services.GetRequiredService<AwardTermination>().TerminateAsync(award.Id, "Breach of the safeguarding condition.",
            new TerminationDecision(Money.FromPounds(2_000m), "INV-T2"), decider, "terminate-2");

        Assert.True(result.Succeeded, string.Join(" ", result.Errors.Values));
        var year = new FinancialYear(2026);
        var page = (await host.Services.GetRequiredService<DashboardQueries>().FinanceAsync(year)).Funds.Single(f => f.FundId == award.FundId);
        var fund = (await host.Services.GetRequiredService<FundFigures>().YearAsync(year)).Single(f => f.FundId == award.FundId);
        // The terminated award holds what was paid less what is recovered (£3,000); the live one its £10,000 for the year.
        Assert.Equal(Money.FromPounds(3_000m + 10_000m), page.Committed);
        Assert.Equal(Money.FromPounds(3_000m + 1_000m), page.Paid);
        Assert.Equal((fund.Year.Committed, fund.Year.Paid), (page.Committed, page.Paid));
    }

    [Fact]
    public async Task Authorise_OnASuspendedAward_IsRefusedWithTheReason()
    {
        await using var host = await HostAsync();
        var finance = new FinanceTestData(host);
        var officer = await finance.Data.UserAsync("Rita", Roles.Finance);
        var award = await finance.AwardAsync();
        var ready = await finance.PaymentAsync(award, PaymentStates.Ready, 200_000, recordedBy: Actor.SystemUserId);
        using (var db = host.Db())
        {
            var a = await db.Awards.SingleAsync(x => x.Id == award.Id);
            host.Workflow.Import(db, a, AwardStates.Suspended, Now);
            await db.SaveChangesAsync();
        }

        var result = await host.Workflow.FireAsync(new TransitionRequest(CaseRef.Of(ready), PaymentTriggers.Authorise, officer, "auth-suspended"));

        Assert.Equal(TransitionError.Validation, result.Error);
        Assert.Contains("suspended", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TimerMadeReady_TheAuthoriserCannotAlsoRecordItAsPaid()
    {
        await using var host = await HostAsync();
        var finance = new FinanceTestData(host);
        var first = await finance.Data.UserAsync("Rita", Roles.Finance);
        var second = await finance.Data.UserAsync("Omar", Roles.Finance);
        var award = await finance.AwardAsync();
        var payment = await finance.PaymentAsync(award, PaymentStates.Scheduled, 200_000);
        var ready = await host.Workflow.FireAsync(new TransitionRequest(CaseRef.Of(payment), PaymentTriggers.MakeReady, Actor.System, "timer:1"));
        Assert.True(ready.Succeeded, ready.Message);

        var authorised = await host.Workflow.FireAsync(new TransitionRequest(CaseRef.Of(payment), PaymentTriggers.Authorise, first, "auth-1"));
        var samePerson = await host.Workflow.FireAsync(new TransitionRequest(CaseRef.Of(payment), PaymentTriggers.Pay, first, "pay-1")
        {
            Payload = new PaymentMade(new DateOnly(2026, 12, 1), "FIN-1"),
        });
        var buttons = await host.Workflow.GetPermittedTriggersAsync(CaseRef.Of(payment), first);
        var other = await host.Workflow.FireAsync(new TransitionRequest(CaseRef.Of(payment), PaymentTriggers.Pay, second, "pay-2")
        {
            Payload = new PaymentMade(new DateOnly(2026, 12, 1), "FIN-1"),
        });

        Assert.True(authorised.Succeeded, authorised.Message);
        Assert.Equal(TransitionError.SegregationOfDuties, samePerson.Error);
        Assert.DoesNotContain(buttons, b => b.Trigger == PaymentTriggers.Pay);
        Assert.True(other.Succeeded, other.Message);
    }

    [Fact]
    public async Task BankDetailsChange_IsAuditedFlaggedAndHoldsPaymentsUntilASecondPersonVerifiesIt()
    {
        await using var host = await HostAsync();
        var finance = new FinanceTestData(host);
        var owner = await finance.Data.UserAsync("Olive", Roles.Applicant, Roles.Finance);
        var verifier = await finance.Data.UserAsync("Vic", Roles.Finance);
        var authoriser = await finance.Data.UserAsync("Ash", Roles.Finance);
        var award = await finance.AwardAsync(owner);
        var ready = await finance.PaymentAsync(award, PaymentStates.Ready, 200_000, recordedBy: Actor.SystemUserId);
        var verification = host.Services.GetRequiredService<BankDetailsVerification>();

        var changed = await host.Services.GetRequiredService<OrganisationService>().SetBankDetailsAsync(award.OrganisationId,
            new BankDetailsInput { AccountName = "Group", SortCode = "40-11-62", AccountNumber = "87654321" }, owner);
        Assert.True(changed.Succeeded, string.Join(" ", changed.Errors.Values));

        var pending = Assert.Single(await verification.PendingAsync(verifier));
        Assert.Equal(("••••4321, sort code ••-••-62", "Olive"), (pending.After, pending.ChangedBy));
        using (var db = host.Db())
        {
            Assert.True(await db.AuditLog.AnyAsync(a => a.Action == OrganisationAudit.BankDetailsChangedAction && a.ActorUserId == owner.UserId));
        }
        var held = await host.Workflow.FireAsync(new TransitionRequest(CaseRef.Of(ready), PaymentTriggers.Authorise, authoriser, "auth-held"));
        Assert.Equal(TransitionError.Validation, held.Error);
        Assert.Contains("bank details changed", held.Message, StringComparison.Ordinal);
        var listed = (await host.Services.GetRequiredService<DashboardQueries>().PaymentsNeedingActionAsync(new PaymentListQuery(Take: int.MaxValue))).Items.Single(p => p.Id == ready.Id);
        Assert.Contains("verify", listed.HoldReason, StringComparison.Ordinal);

        var selfCheck = await verification.VerifyAsync(pending.Id, "Called the treasurer.", owner);
        Assert.IsType<SecondPersonNeeded>(selfCheck.Failure);
        var noNote = await verification.VerifyAsync(pending.Id, " ", verifier);
        Assert.False(noNote.Succeeded);
        var verified = await verification.VerifyAsync(pending.Id, "Called the treasurer on the number held since 2014.", verifier);
        Assert.True(verified.Succeeded);
        Assert.Empty(await verification.PendingAsync(verifier));
        var authorised = await host.Workflow.FireAsync(new TransitionRequest(CaseRef.Of(ready), PaymentTriggers.Authorise, authoriser, "auth-after"));
        Assert.True(authorised.Succeeded, authorised.Message);
    }

    [Fact]
    public async Task AcceptOffer_WithTheDefaultSchedule_SaysAdvanceAndWhy()
    {
        await using var host = await HostAsync();
        var data = new WorkflowTestData(host);
        var applicant = await data.UserAsync("Olive", Roles.Applicant);
        var app = await data.ApplicationAsync(ApplicationStates.OfferMade, applicant: applicant);
        using (var db = host.Db())
        {
            db.Decisions.Add(new Decision
            {
                ApplicationId = app.Id, Outcome = DecisionOutcome.Approve, AmountPence = 100_000, Rationale = "Good.", DecidedByUserId = "d", DecidedByName = "D",
                AuthorityLevel = AuthorityLevel.DecisionMaker, DecidedAt = Now.AddDays(-1),
            });
            await db.SaveChangesAsync();
        }

        var accepted = await host.Services.GetRequiredService<AwardService>().AcceptOfferAsync(app.Id, applicant, "accept-1");

        Assert.True(accepted.Succeeded, string.Join(" ", accepted.Errors.Values));
        using var check = host.Db();
        var award = await check.Awards.SingleAsync(a => a.ApplicationId == app.Id);
        Assert.Equal(PaymentBasis.Advance, award.PaymentBasis);
        Assert.StartsWith("£500.00 (50% of the award) is paid on acceptance", award.AdvanceJustification, StringComparison.Ordinal);
        Assert.Equal((PaymentBasis.Arrears, (string?)null),
            PaymentBasisRule.For([new Instalment(new DateOnly(2027, 1, 1), Money.FromPounds(10m))], new DateOnly(2026, 12, 2)));
    }

    [Fact]
    public async Task FinanceYears_IncludeFutureYearsOfMultiYearAwards()
    {
        await using var host = await HostAsync();
        var finance = new FinanceTestData(host);
        var award = await finance.AwardAsync();
        using (var db = host.Db())
        {
            db.AwardYearSplits.Add(new AwardYearSplit { AwardId = award.Id, FinancialYearStart = 2027, AmountPence = 400_000 });
            await db.SaveChangesAsync();
        }

        var years = await host.Services.GetRequiredService<DashboardQueries>().FinanceYearsAsync();
        var future = await host.Services.GetRequiredService<DashboardQueries>().FinanceAsync(new FinancialYear(2027));

        Assert.Contains(new FinancialYear(2027), years);
        Assert.Equal(Money.FromPounds(4_000m), future.Funds.Single(f => f.FundId == award.FundId).Committed);
    }
}
