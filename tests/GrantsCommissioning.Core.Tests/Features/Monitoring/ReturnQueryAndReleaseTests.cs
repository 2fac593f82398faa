using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Core.Features.Monitoring;
using GrantsCommissioning.Core.Features.Returns;
using GrantsCommissioning.Core.Tests.Workflow;
using GrantsCommissioning.Core.Workflow;
using GrantsCommissioning.TestCommon.Workflow;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GrantsCommissioning.Core.Tests.Features.Monitoring;

/// <summary>The officer queries, the grantee answers in the thread, the officer accepts and the payment held waiting on the return becomes ready.</summary>
public sealed class ReturnQueryAndReleaseTests(WorkflowHostFixture fixture) : IClassFixture<WorkflowHostFixture>
{
    private ReturnReviewService Review => fixture.Host.Services.GetRequiredService<ReturnReviewService>();

    [Fact]
    public async Task QueryAnswerAccept_TheThreadKeepsBothSides_AndTheHeldPaymentBecomesReady()
    {
        var officer = await fixture.Data.UserAsync("Gina", Roles.GrantsOfficer);
        var s = await MonitoringScenario.CreateAsync(fixture.Host, fixture.Data);
        var ret = await s.ReturnAsync(fixture.Host, ReturnStates.Submitted, new DateOnly(2026, 6, 30), 100_000, 100_000);
        var payment = await PaymentAsync(s.Award.Id, PaymentStates.Scheduled);
        var other = await PaymentAsync(s.Award.Id, PaymentStates.Held);

        var held = await Review.HoldPaymentAsync(ret.Id, payment.Id, officer, Guid.NewGuid().ToString());
        var query = await fixture.Host.Workflow.FireAsync(new TransitionRequest(CaseRef.Of(ret), ReturnTriggers.Query, officer, Guid.NewGuid().ToString())
        {
            Comment = "Equipment spend is £1,000; where is the invoice?",
        });
        var empty = await Review.ReplyAsync(ret.Id, "  ", s.Grantee, Guid.NewGuid().ToString());
        var answer = await Review.ReplyAsync(ret.Id, "Invoice INV-77 is attached to the return now.", s.Grantee, Guid.NewGuid().ToString());
        var strangerAnswer = await Review.ReplyAsync(ret.Id, "Not mine to answer.", await fixture.Data.UserAsync("Sam", Roles.Applicant), Guid.NewGuid().ToString());
        var thread = await Review.ThreadAsync(ret.Id);
        var accepted = await Review.AcceptAsync(ret.Id, officer, Guid.NewGuid().ToString());

        Assert.True(held.Succeeded, string.Join("; ", held.Errors.Values));
        Assert.True(query.Succeeded, query.Message);
        Assert.Equal("Write your answer to the query.", empty.Errors["Answer"]);
        Assert.True(answer.Succeeded, string.Join("; ", answer.Errors.Values));
        Assert.False(strangerAnswer.Succeeded);
        Assert.Equal(
            [("Gina", false, "Equipment spend is £1,000; where is the invoice?"), ("Gwen", true, "Invoice INV-77 is attached to the return now.")],
            thread.Select(m => (m.From, m.FromGrantee, m.Text)));
        Assert.True(accepted.Succeeded, string.Join("; ", accepted.Errors.Values));
        using var db = fixture.Host.Db();
        Assert.Equal(ReturnStates.Accepted, (await db.Returns.SingleAsync(r => r.Id == ret.Id)).State);
        Assert.Equal(PaymentStates.Ready, (await db.Payments.SingleAsync(p => p.Id == payment.Id)).State);
        Assert.Equal(PaymentStates.Held, (await db.Payments.SingleAsync(p => p.Id == other.Id)).State); // held for another reason: left alone
        Assert.Contains(await db.Outbox.Where(e => e.Template == "return-query-answered").Select(e => e.BodyText).ToListAsync(),
            body => body.Contains("Invoice INV-77", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Accept_WithNothingHeld_AcceptsOnly_AndAcceptingAgainChangesNothing()
    {
        var officer = await fixture.Data.UserAsync("Gina", Roles.GrantsOfficer);
        var s = await MonitoringScenario.CreateAsync(fixture.Host, fixture.Data);
        var ret = await s.ReturnAsync(fixture.Host, ReturnStates.Submitted, new DateOnly(2026, 6, 30), 100_000, 100_000);
        var scheduled = await PaymentAsync(s.Award.Id, PaymentStates.Scheduled);

        var first = await Review.AcceptAsync(ret.Id, officer, "accept-1");
        var again = await Review.AcceptAsync(ret.Id, officer, "accept-2");

        Assert.True(first.Succeeded);
        Assert.True(again.Succeeded);
        using var db = fixture.Host.Db();
        Assert.Equal(PaymentStates.Scheduled, (await db.Payments.SingleAsync(p => p.Id == scheduled.Id)).State);
        Assert.Single(await db.WorkflowJournal.Where(j => j.CaseKind == CaseKind.MonitoringReturn && j.CaseId == ret.Id && j.Trigger == ReturnTriggers.Accept).ToListAsync());
    }

    [Fact]
    public async Task Submit_ACorrectionThatTakesSpendToDateDown_IsFlagged_ButNotBelowNothing()
    {
        var s = await MonitoringScenario.CreateAsync(fixture.Host, fixture.Data);
        await s.ReturnAsync(fixture.Host, ReturnStates.Accepted, new DateOnly(2026, 6, 30), 100_000, 0);
        var ret = await s.ReturnAsync(fixture.Host, ReturnStates.Due, new DateOnly(2026, 9, 30));
        var returns = fixture.Host.Services.GetRequiredService<ReturnService>();

        var belowNothing = await returns.SubmitAsync(Submission(ret.Id, s, -100_001), s.Grantee, Guid.NewGuid().ToString());
        var refund = await returns.SubmitAsync(Submission(ret.Id, s, -30_000), s.Grantee, Guid.NewGuid().ToString());
        var review = await fixture.Host.Services.GetRequiredService<AwardOversightService>().ReviewAsync(ret.Id);

        Assert.Equal("Spend to date on Equipment cannot go below £0.00: £1,000.00 has been reported on it so far.", belowNothing.Errors["Spend[0].Amount"]);
        Assert.True(refund.Succeeded, string.Join("; ", refund.Errors.Values));
        var flag = Assert.Single(review!.Flags, f => f.Kind == ReturnFlagKind.CumulativeSpendDown);
        Assert.StartsWith("Spend to date on Equipment went down from £1,000.00 to £700.00", flag.Reason, StringComparison.Ordinal);
    }

    private static ReturnSubmission Submission(int returnId, MonitoringScenario s, long equipmentPence) =>
        new(returnId, new Dictionary<int, Money> { [s.Equipment.Id] = new(equipmentPence), [s.Staff.Id] = Money.Zero }, new Dictionary<int, double>(), "Returned a faulty radio.");

    private async Task<Payment> PaymentAsync(int awardId, string state)
    {
        using var db = fixture.Host.Db();
        var payment = new Payment
        {
            PaymentReference = $"PAY-{WorkflowTestData.Next()}", AwardId = awardId, InstalmentNumber = 2, DueDate = new DateOnly(2026, 9, 1), AmountPence = 250_000,
        };
        fixture.Host.Workflow.Start(payment, Actor.System);
        db.Payments.Add(payment);
        await db.SaveChangesAsync();
        fixture.Host.Workflow.Import(db, payment, state, DateTimeOffset.UtcNow);
        await db.SaveChangesAsync();
        return payment;
    }
}
