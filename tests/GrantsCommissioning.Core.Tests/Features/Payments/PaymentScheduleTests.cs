using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Core.Features;
using GrantsCommissioning.Core.Features.Cases;
using GrantsCommissioning.Core.Features.Payments;
using GrantsCommissioning.Core.Tests.Features.Finance;
using GrantsCommissioning.Core.Workflow;
using GrantsCommissioning.TestCommon.Workflow;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace GrantsCommissioning.Core.Tests.Features.Payments;

/// <summary>
/// Payment schedules (issue 12, item 3): advance or arrears per instalment, an advance only with its justification,
/// instalments waiting on a return or a document held until it is met, and the schedule adding up to the award.
/// </summary>
public sealed class PaymentScheduleTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 2, 10, 0, 0, TimeSpan.Zero);

    private static Task<WorkflowTestHost> HostAsync() => WorkflowTestHost.CreateAsync(clock: new FakeTimeProvider(Now));

    private sealed record Setup(WorkflowTestHost Host, FinanceTestData Finance, Award Award, Payment First, Payment Second, Actor Officer)
    {
        public PaymentSchedules Schedules => Host.Services.GetRequiredService<PaymentSchedules>();
    }

    /// <summary>A £10,000 award (1 April 2026 – 31 March 2027) with two scheduled instalments of £5,000, both in arrears.</summary>
    private static async Task<Setup> SetupAsync(WorkflowTestHost host)
    {
        var finance = new FinanceTestData(host);
        var officer = await finance.Data.UserAsync("Grace", Roles.GrantsOfficer);
        var award = await finance.AwardAsync();
        var first = await finance.PaymentAsync(award, PaymentStates.Scheduled, 500_000);
        var second = await finance.PaymentAsync(award, PaymentStates.Scheduled, 500_000);
        return new Setup(host, finance, award, first, second, officer);
    }

    private static InstalmentInput Row(Payment? p, string due, string amount, PaymentBasis basis = PaymentBasis.Arrears, string? why = null) => new()
    {
        PaymentId = p?.Id, Due = DateOnly.Parse(due, System.Globalization.CultureInfo.InvariantCulture), Amount = amount, Basis = basis, Justification = why,
    };

    [Fact]
    public async Task AnAdvanceWithoutJustification_AndAnArrearsInstalmentBeforeTheStart_AreRefusedWithTheReason()
    {
        await using var host = await HostAsync();
        var s = await SetupAsync(host);

        var unjustified = await s.Schedules.SaveAsync(s.Award.Id, new ScheduleInput
        {
            Instalments = [Row(s.First, "2026-06-01", "5000", PaymentBasis.Advance), Row(s.Second, "2026-10-01", "5000")],
        }, s.Officer, "k1");
        var ahead = await s.Schedules.SaveAsync(s.Award.Id, new ScheduleInput
        {
            Instalments = [Row(s.First, "2026-04-01", "5000"), Row(s.Second, "2026-10-01", "5000")],
        }, s.Officer, "k2");

        Assert.True(ahead.Errors.ContainsKey("Instalments[0].Basis"), string.Join(" | ", ahead.Errors));
        Assert.Equal("An advance is a payment ahead of need: record why it is justified.", unjustified.Errors["Instalments[0].Justification"]);
        Assert.StartsWith("This instalment is due on or before the project starts (1 April 2026), so it is paid ahead of need: mark it as an advance and record why.",
            ahead.Errors["Instalments[0].Basis"], StringComparison.Ordinal);
        using var db = host.Db();
        Assert.All(await db.Payments.Where(p => p.AwardId == s.Award.Id).ToListAsync(), p => Assert.Equal(new DateOnly(2026, 10, 1), p.DueDate));
    }

    [Theory]
    [InlineData("4999.99", "The instalments add up to £9,999.99, not the award of £10,000.00.")]
    [InlineData("5000.01", "The instalments add up to £10,000.01, not the award of £10,000.00.")]
    public async Task InstalmentsThatDoNotAddUpToTheAward_AreRefused(string second, string message)
    {
        await using var host = await HostAsync();
        var s = await SetupAsync(host);

        var result = await s.Schedules.SaveAsync(s.Award.Id, new ScheduleInput { Instalments = [Row(s.First, "2026-06-01", "5000"), Row(s.Second, "2026-10-01", second)] },
            s.Officer, "k");

        Assert.True(result.Errors.TryGetValue("Instalments", out var shown), string.Join(" | ", result.Errors));
        Assert.Equal(message, shown);
    }

    [Fact]
    public async Task AJustifiedAdvance_AndANewInstalmentNextYear_ChangeTheProfileAndTheBasisShownOnTheAward()
    {
        await using var host = await HostAsync();
        var s = await SetupAsync(host);
        const string why = "The charity has no reserves to pay the first counsellor's salary before the grant arrives.";
        await BudgetAsync(host, s.Award.FundId, 2027, 10_000_000);

        var result = await s.Schedules.SaveAsync(s.Award.Id, new ScheduleInput
        {
            Instalments = [Row(s.First, "2026-04-01", "2000", PaymentBasis.Advance, why), Row(s.Second, "2026-10-01", "3000"), Row(null, "2027-05-01", "5000")],
        }, s.Officer, "k");

        Assert.True(result.Succeeded, string.Join(" ", result.Errors.Values));
        using var db = host.Db();
        var award = await db.Awards.Include(a => a.YearSplits).Include(a => a.Payments).SingleAsync(a => a.Id == s.Award.Id);
        Assert.Equal([(2026, 500_000L), (2027, 500_000L)], award.YearSplits.OrderBy(y => y.FinancialYearStart).Select(y => (y.FinancialYearStart, y.AmountPence)));
        Assert.Equal((PaymentBasis.Advance, why), (award.PaymentBasis, award.AdvanceJustification));
        var added = award.Payments.Single(p => p.Id != s.First.Id && p.Id != s.Second.Id);
        Assert.Equal((PaymentStates.Scheduled, PaymentBasis.Arrears, 500_000L), (added.State, added.Basis, added.AmountPence));
        var shown = await host.Services.GetRequiredService<CaseQueries>().AwardAsync(s.Award.Id, s.Officer);
        Assert.Equal((PaymentBasis.Advance, why), (shown!.Basis, shown.AdvanceJustification));
        Assert.True(await db.AuditLog.AnyAsync(a => a.Action == PaymentSchedules.ChangedAction && a.EntityId == s.Award.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)));
    }

    private static async Task BudgetAsync(WorkflowTestHost host, int fundId, int year, long pence)
    {
        using var db = host.Db();
        db.FundBudgets.Add(new FundBudget { FundId = fundId, FinancialYearStart = year, AmountPence = pence });
        await db.SaveChangesAsync();
    }

    /// <summary>
    /// Moving £5,000 of a £10,000 award into 2027/28 commits it there, so the fund's cap is checked: under and at the
    /// cap it moves, over it is refused with the figures, and with no 2027/28 budget at all it is refused.
    /// </summary>
    [Theory]
    [InlineData(600_000L, null)]
    [InlineData(500_000L, null)]
    [InlineData(499_999L, "This schedule moves £5,000.00 of {award}'s payments into 2027/28, which would take Commissioner's grant scheme's commitments there to £5,000.00, "
        + "past its cap of £4,999.99 (100% of the £4,999.99 budget). £0.00 is committed and £0.00 offered and not yet accepted, "
        + "so at most £4,999.99 more can move into 2027/28: keep more of the payments in their current years.")]
    [InlineData(0L, "Commissioner's grant scheme has no budget for 2027/28, so the £5,000.00 this would commit in 2027/28 has nothing to be committed against. "
        + "Finance sets the 2027/28 budget first (Funds › Commissioner's grant scheme).")]
    public async Task MovingAnInstalmentIntoAnotherYear_IsCheckedAgainstThatYearsCap(long budget2027, string? refusal)
    {
        await using var host = await HostAsync();
        var s = await SetupAsync(host);
        if (budget2027 > 0)
        {
            await BudgetAsync(host, s.Award.FundId, 2027, budget2027);
        }

        var result = await s.Schedules.SaveAsync(s.Award.Id, new ScheduleInput { Instalments = [Row(s.First, "2026-06-01", "5000"), Row(s.Second, "2027-05-01", "5000")] },
            s.Officer, "k");

        using var db = host.Db();
        var due = (await db.Payments.SingleAsync(p => p.Id == s.Second.Id)).DueDate;
        if (refusal is null)
        {
            Assert.True(result.Succeeded, string.Join(" ", result.Errors.Values));
            Assert.Equal(new DateOnly(2027, 5, 1), due);
        }
        else
        {
            Assert.Equal(refusal.Replace("{award}", s.Award.AwardReference, StringComparison.Ordinal), Assert.Single(result.Errors).Value);
            Assert.Equal(new DateOnly(2026, 10, 1), due);
        }
    }

    /// <summary>
    /// A save is one transaction: the first instalment's new date and amount, the year profile, the audit row and the
    /// removal of the second commit together. When the removal is refused (its request key already spent on another
    /// case), nothing of the save is kept.
    /// </summary>
    [Fact]
    public async Task ASaveWhoseLaterStepIsRefused_LeavesTheScheduleAsItWas()
    {
        await using var host = await HostAsync();
        var s = await SetupAsync(host);
        var other = await s.Finance.PaymentAsync(await s.Finance.AwardAsync(), PaymentStates.Scheduled, 100_000);
        var spent = await host.Workflow.FireAsync(new TransitionRequest(CaseRef.Of(other), PaymentTriggers.MakeReady, s.Officer, $"k:remove:{s.Second.Id}"));
        Assert.True(spent.Succeeded, spent.Message);

        var result = await s.Schedules.SaveAsync(s.Award.Id, new ScheduleInput { Instalments = [Row(s.First, "2026-06-01", "10000")] }, s.Officer, "k");

        Assert.False(result.Succeeded);
        Assert.Equal("This request key was already used for a different action; reload the page and try again.", Assert.Single(result.Errors).Value);
        using var db = host.Db();
        var payments = await db.Payments.Where(p => p.AwardId == s.Award.Id).OrderBy(p => p.Id).Select(p => new { p.DueDate, p.AmountPence, p.State }).ToListAsync();
        Assert.Equal([new { DueDate = new DateOnly(2026, 10, 1), AmountPence = 500_000L, State = PaymentStates.Scheduled }, new { DueDate = new DateOnly(2026, 10, 1), AmountPence = 500_000L, State = PaymentStates.Scheduled }], payments);
        Assert.False(await db.AuditLog.AnyAsync(a => a.Action == PaymentSchedules.ChangedAction));
        Assert.False(await db.WorkflowJournal.AnyAsync(j => j.CaseKind == CaseKind.Payment && j.CaseId == s.Second.Id && j.Trigger == PaymentTriggers.Remove));

        // The same save with a fresh key goes through whole.
        var again = await s.Schedules.SaveAsync(s.Award.Id, new ScheduleInput { Instalments = [Row(s.First, "2026-06-01", "10000")] }, s.Officer, "k2");
        Assert.True(again.Succeeded, string.Join(" ", again.Errors.Values));
        using var after = host.Db();
        Assert.Equal(new { DueDate = new DateOnly(2026, 6, 1), AmountPence = 1_000_000L }, await after.Payments.Where(p => p.Id == s.First.Id).Select(p => new { p.DueDate, p.AmountPence }).SingleAsync());
        Assert.Equal(PaymentStates.Cancelled, await after.Payments.Where(p => p.Id == s.Second.Id).Select(p => p.State).SingleAsync());
        Assert.True(await after.AuditLog.AnyAsync(a => a.Action == PaymentSchedules.ChangedAction));
    }

    [Fact]
    public async Task AnInstalmentWaitingForADocument_IsHeldWithTheReason_UntilTheDocumentIsRecordedThenIsReady()
    {
        await using var host = await HostAsync();
        var s = await SetupAsync(host);
        var finance = await s.Finance.Data.UserAsync("Fay", Roles.Finance);
        var second = Row(s.Second, "2026-12-10", "5000");
        second.Condition = InstalmentCondition.DocumentReceived;
        second.Document = "the signed safeguarding policy";

        var saved = await s.Schedules.SaveAsync(s.Award.Id, new ScheduleInput { Instalments = [Row(s.First, "2026-06-01", "5000"), second] }, s.Officer, "k");
        var release = await host.Workflow.FireAsync(new TransitionRequest(CaseRef.Of(s.Second), PaymentTriggers.Release, finance, "early-release"));

        Assert.True(saved.Succeeded, string.Join(" ", saved.Errors.Values));
        using (var db = host.Db())
        {
            var held = await db.Payments.SingleAsync(p => p.Id == s.Second.Id);
            Assert.Equal((PaymentStates.Held, "Held until the signed safeguarding policy is received."), (held.State, held.HoldReason));
        }
        Assert.False(release.Succeeded);
        Assert.Equal("This payment waits for the signed safeguarding policy: record it as received before the payment goes ahead.", release.Message);

        var received = await s.Schedules.DocumentReceivedAsync(s.Second.Id, finance, "doc");

        Assert.True(received.Succeeded, string.Join(" ", received.Errors.Values));
        using var after = host.Db();
        var ready = await after.Payments.SingleAsync(p => p.Id == s.Second.Id);
        Assert.Equal(PaymentStates.Ready, ready.State);
        Assert.Null(ready.HoldReason);
        Assert.Equal("Fay", ready.DocumentReceivedByName);
        Assert.True(await after.AuditLog.AnyAsync(a => a.Action == PaymentSchedules.DocumentReceivedAction));
        Assert.Equal(PaymentStates.Scheduled, (await after.Payments.SingleAsync(p => p.Id == s.First.Id)).State);
    }

    [Fact]
    public async Task AnInstalmentWaitingForAReturn_StaysHeldUntilTheReturnIsAccepted_ThenCanBeReleased()
    {
        await using var host = await HostAsync();
        var s = await SetupAsync(host);
        MonitoringReturn ret;
        using (var db = host.Db())
        {
            ret = new MonitoringReturn { ReturnReference = $"RET-{WorkflowTestData.Next()}", AwardId = s.Award.Id, PeriodStart = new DateOnly(2026, 4, 1),
                PeriodEnd = new DateOnly(2026, 9, 30), DueDate = new DateOnly(2026, 10, 30) };
            host.Workflow.Start(ret, Actor.System);
            db.Returns.Add(ret);
            await db.SaveChangesAsync();
            host.Workflow.Import(db, ret, ReturnStates.Submitted, Now.AddDays(-3));
            await db.SaveChangesAsync();
        }
        var second = Row(s.Second, "2026-12-10", "5000");
        second.Condition = InstalmentCondition.ReturnAccepted;
        second.ReturnId = ret.Id;

        var saved = await s.Schedules.SaveAsync(s.Award.Id, new ScheduleInput { Instalments = [Row(s.First, "2026-06-01", "5000"), second] }, s.Officer, "k");
        var early = await host.Workflow.FireAsync(new TransitionRequest(CaseRef.Of(s.Second), PaymentTriggers.Release, s.Officer, "early"));

        Assert.True(saved.Succeeded, string.Join(" ", saved.Errors.Values));
        Assert.Equal($"This payment waits until monitoring return {ret.ReturnReference} is accepted.", early.Message);
        using (var db = host.Db())
        {
            Assert.Equal($"Held until monitoring return {ret.ReturnReference} is accepted.", (await db.Payments.SingleAsync(p => p.Id == s.Second.Id)).HoldReason);
            host.Workflow.Import(db, await db.Returns.SingleAsync(r => r.Id == ret.Id), ReturnStates.Accepted, Now);
            await db.SaveChangesAsync();
        }
        var released = await host.Workflow.FireAsync(new TransitionRequest(CaseRef.Of(s.Second), PaymentTriggers.Release, s.Officer, "after"));
        Assert.True(released.Succeeded, released.Message);
        Assert.Equal(PaymentStates.Ready, released.State);
    }

    [Fact]
    public async Task ALeftOutInstalmentIsRemoved_AMadeOneCannotChange_AndOnlyOfficersAndFinanceMayChangeTheSchedule()
    {
        await using var host = await HostAsync();
        var s = await SetupAsync(host);
        var paid = await s.Finance.PaymentAsync(s.Award, PaymentStates.Paid, 0_100, new DateOnly(2026, 6, 1));
        var applicant = await s.Finance.Data.UserAsync("Ada", Roles.Applicant);

        var refused = await s.Schedules.SaveAsync(s.Award.Id, new ScheduleInput { Instalments = [Row(s.First, "2026-06-01", "10000")] }, applicant, "a");
        var madeChanged = await s.Schedules.SaveAsync(s.Award.Id, new ScheduleInput { Instalments = [Row(paid, "2026-06-01", "1"), Row(s.First, "2026-06-01", "9999")] }, s.Officer, "b");
        var merged = await s.Schedules.SaveAsync(s.Award.Id, new ScheduleInput { Instalments = [Row(s.First, "2026-11-01", "9999")] }, s.Officer, "c");

        Assert.IsType<RoleNeeded>(refused.Failure);
        Assert.Equal("This instalment has been made or is no longer on the schedule; reload the page.", madeChanged.Errors["Instalments[0]"]);
        Assert.True(merged.Succeeded, string.Join(" ", merged.Errors.Values));
        using var db = host.Db();
        var payments = await db.Payments.Where(p => p.AwardId == s.Award.Id).ToDictionaryAsync(p => p.Id);
        Assert.Equal(PaymentStates.Cancelled, payments[s.Second.Id].State);
        Assert.Equal((PaymentStates.Paid, 100L), (payments[paid.Id].State, payments[paid.Id].AmountPence));
        Assert.Equal(999_900L, payments[s.First.Id].AmountPence);
        Assert.Equal(1_000_000L, (await db.AwardYearSplits.Where(y => y.AwardId == s.Award.Id).SumAsync(y => y.AmountPence)));
    }
}
