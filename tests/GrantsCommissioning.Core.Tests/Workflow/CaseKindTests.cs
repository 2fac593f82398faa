using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Core.Features.Decisions;
using GrantsCommissioning.Core.Workflow;
using GrantsCommissioning.Core.Workflow.Kinds;
using GrantsCommissioning.Core.Workflow.Timers;
using GrantsCommissioning.TestCommon.Workflow;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GrantsCommissioning.Core.Tests.Workflow;

/// <summary>Case kinds and handlers registered by features: the same trigger writes the same rows whoever fires it.</summary>
public sealed class CaseKindTests(WorkflowHostFixture fixture) : IClassFixture<WorkflowHostFixture>
{
    private ICaseWorkflow Workflow => fixture.Host.Workflow;

    [Fact]
    public void Registrations_EveryKindHasADefinitionAndEveryHandlerATransition()
    {
        var kinds = fixture.Host.Services.GetRequiredService<CaseKinds>();
        var handlers = fixture.Host.Services.GetRequiredService<TransitionHandlers>();

        Assert.Equal(Enum.GetValues<CaseKind>().Order(), kinds.All.Select(k => k.Kind).Order());
        Assert.All(handlers.All, h =>
            Assert.Contains(h.Trigger, fixture.Host.Registry.Latest(h.Kind).Definition.Transitions.Select(t => t.Trigger)));
    }

    [Fact]
    public async Task MakeReady_ByTimerOrByPerson_WritesWhoMadeItReady()
    {
        var finance = await fixture.Data.UserAsync("Fiona", Roles.Finance);
        var byTimer = await fixture.Data.PaymentAsync(PaymentStates.Scheduled, null);
        var byPerson = await fixture.Data.PaymentAsync(PaymentStates.Scheduled, null);

        var timed = await fixture.Host.Services.GetRequiredService<TimerFirer>().FireAsync(await TimerIdAsync(byTimer.Id, PaymentTriggers.MakeReady));
        var pressed = await Workflow.FireAsync(new TransitionRequest(CaseRef.Of(byPerson), PaymentTriggers.MakeReady, finance, Guid.NewGuid().ToString()));

        Assert.True(timed!.Succeeded, timed.Message);
        Assert.True(pressed.Succeeded, pressed.Message);
        using var db = fixture.Host.Db();
        Assert.Equal(Actor.SystemUserId, (await db.Payments.SingleAsync(p => p.Id == byTimer.Id)).RecordedByUserId);
        Assert.Equal(finance.UserId, (await db.Payments.SingleAsync(p => p.Id == byPerson.Id)).RecordedByUserId);
    }

    [Fact]
    public async Task Pay_WhenTimerMadeItReady_OneFinanceUserCannotAuthoriseAndPayAlone()
    {
        var first = await fixture.Data.UserAsync("Fiona", Roles.Finance);
        var second = await fixture.Data.UserAsync("Frank", Roles.Finance);
        var payment = await fixture.Data.PaymentAsync(PaymentStates.Scheduled, null);
        await fixture.Host.Services.GetRequiredService<TimerFirer>().FireAsync(await TimerIdAsync(payment.Id, PaymentTriggers.MakeReady));

        var authorised = await Workflow.FireAsync(new TransitionRequest(CaseRef.Of(payment), PaymentTriggers.Authorise, first, Guid.NewGuid().ToString()));
        var paidBySame = await Workflow.FireAsync(Pay(payment, first));
        var paidByOther = await Workflow.FireAsync(Pay(payment, second));

        Assert.True(authorised.Succeeded, authorised.Message);
        Assert.Equal(TransitionError.SegregationOfDuties, paidBySame.Error);
        Assert.Equal("You authorised this payment, so someone else in Finance must record it as paid (segregation of duties).", paidBySame.Message);
        Assert.True(paidByOther.Succeeded, paidByOther.Message);
    }

    [Fact]
    public async Task ApproveVariation_WithoutAnAmountField_IsLimitedByTheAwardAmount()
    {
        var maker = await fixture.Data.UserAsync("Dee", Roles.DecisionMaker);
        var officer = await fixture.Data.UserAsync("Gina", Roles.GrantsOfficer);
        var award = await VariationRequestedAsync();

        var byOfficer = await Workflow.FireAsync(new TransitionRequest(CaseRef.Of(award), AwardTriggers.ApproveVariation, officer, Guid.NewGuid().ToString()));
        var byMaker = await Workflow.FireAsync(new TransitionRequest(CaseRef.Of(award), AwardTriggers.ApproveVariation, maker, Guid.NewGuid().ToString()));

        Assert.Equal(TransitionError.OverDelegatedLimit, byOfficer.Error);
        Assert.DoesNotContain("needs the amount", byOfficer.Message, StringComparison.Ordinal);
        Assert.True(byMaker.Succeeded, byMaker.Message);
        using var db = fixture.Host.Db();
        var mail = await db.Outbox.Where(e => e.Template == "variation-approved" && e.Subject.Contains(award.AwardReference)).ToListAsync();
        Assert.NotEmpty(mail);
        Assert.All(mail, m => Assert.Equal($"Variation to award {award.AwardReference} approved", m.Subject));
    }

    [Fact]
    public async Task RefuseVariation_EmailSaysItWasNotApproved_NotTheButtonLabel()
    {
        var maker = await fixture.Data.UserAsync("Dee", Roles.DecisionMaker);
        var award = await VariationRequestedAsync();

        var result = await Workflow.FireAsync(new TransitionRequest(CaseRef.Of(award), AwardTriggers.RejectVariation, maker, Guid.NewGuid().ToString())
        {
            Comment = "The new activity is outside the fund's purpose.",
        });

        Assert.True(result.Succeeded, result.Message);
        using var db = fixture.Host.Db();
        var mail = await db.Outbox.Where(e => e.Subject.Contains(award.AwardReference)).ToListAsync();
        Assert.Contains(mail, m => m.Subject == $"Variation to award {award.AwardReference} not approved");
        Assert.DoesNotContain(mail, m => m.Subject.Contains("Refuse variation", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Start_WritesTheStartRowUnderThePersonWhoStartedTheCase()
    {
        var applicant = await fixture.Data.UserAsync("Ann Jones", Roles.Applicant);
        var app = await fixture.Data.ApplicationAsync(ApplicationStates.Draft, applicant: applicant);
        using (var db = fixture.Host.Db())
        {
            var started = new GrantApplication
            {
                ApplicationReference = $"APP-{WorkflowTestData.Next()}", RoundId = app.RoundId, OrganisationId = app.OrganisationId, ProjectTitle = "",
            };
            Workflow.Start(started, applicant);
            db.Applications.Add(started);
            await db.SaveChangesAsync();
            app = started;
        }

        await fixture.Host.Services.GetRequiredService<StartedCases>().JournalAsync();

        using var check = fixture.Host.Db();
        var start = await check.WorkflowJournal.SingleAsync(j => j.CaseKind == CaseKind.Application && j.CaseId == app.Id && j.Trigger == StartedCases.StartTrigger);
        Assert.Equal((applicant.UserId, "Ann Jones"), (start.ActorUserId, start.ActorName));
    }

    [Fact]
    public async Task Decision_ThroughTheServiceOrFiredDirectly_WritesTheSameDecisionRow()
    {
        var maker = await fixture.Data.UserAsync("Dee", Roles.DecisionMaker);
        var viaService = await fixture.Data.ApplicationAsync(ApplicationStates.Recommendation, requestedPence: 400_000);
        var direct = await fixture.Data.ApplicationAsync(ApplicationStates.Recommendation, requestedPence: 400_000);

        var served = await fixture.Host.Services.GetRequiredService<DecisionService>().DecideAsync(
            new DecisionInput(viaService.Id, DecisionOutcome.PartFund, new Money(300_000), "Meets objective two; part-funded.", "Quarterly returns", null, null),
            maker, Guid.NewGuid().ToString());
        var fired = await Workflow.FireAsync(new TransitionRequest(CaseRef.Of(direct), ApplicationTriggers.PartFund, maker, Guid.NewGuid().ToString())
        {
            Amount = new Money(300_000),
            Comment = "Meets objective two; part-funded.",
            Payload = new DecisionReasons("Meets objective two; part-funded.", "Quarterly returns"),
        });

        Assert.True(served.Succeeded);
        Assert.True(fired.Succeeded, fired.Message);
        using var db = fixture.Host.Db();
        var rows = await db.Decisions.Where(d => d.ApplicationId == viaService.Id || d.ApplicationId == direct.Id).OrderBy(d => d.ApplicationId).ToListAsync();
        Assert.Equal(2, rows.Count);
        Assert.Equivalent(Shape(rows[0]), Shape(rows[1]));
    }

    [Fact]
    public async Task Decision_WithoutItsForm_IsRefusedAndWritesNothing()
    {
        var maker = await fixture.Data.UserAsync("Dee", Roles.DecisionMaker);
        var app = await fixture.Data.ApplicationAsync(ApplicationStates.Recommendation);

        var result = await Workflow.FireAsync(new TransitionRequest(CaseRef.Of(app), ApplicationTriggers.Reject, maker, Guid.NewGuid().ToString()) { Comment = "No" });

        Assert.Equal(TransitionError.Validation, result.Error);
        using var db = fixture.Host.Db();
        Assert.False(await db.Decisions.AnyAsync(d => d.ApplicationId == app.Id));
        Assert.Equal(ApplicationStates.Recommendation, (await db.Applications.SingleAsync(a => a.Id == app.Id)).State);
    }

    private static object Shape(Decision d) => new { d.Outcome, d.AmountPence, d.Rationale, d.Conditions, d.DecidedByUserId, d.DecidedByName, d.AuthorityLevel };

    private static TransitionRequest Pay(Payment payment, Actor actor) =>
        new(CaseRef.Of(payment), PaymentTriggers.Pay, actor, Guid.NewGuid().ToString())
        {
            Payload = new GrantsCommissioning.Core.Features.Payments.PaymentMade(new DateOnly(2026, 1, 5), "WM-AP-1001"),
        };

    private async Task<Award> VariationRequestedAsync()
    {
        var grantee = await fixture.Data.UserAsync("Gwen", Roles.Applicant);
        var award = await fixture.Data.AwardAsync(member: grantee);
        using var db = fixture.Host.Db();
        db.Attach(award);
        Workflow.Import(db, award, AwardStates.VariationRequested, DateTimeOffset.UtcNow, "Move £2,000 from equipment to staff.");
        await db.SaveChangesAsync();
        return award;
    }

    private async Task<long> TimerIdAsync(int paymentId, string trigger)
    {
        using var db = fixture.Host.Db();
        return await db.WorkflowTimers.Where(t => t.CaseKind == CaseKind.Payment && t.CaseId == paymentId && t.Trigger == trigger && t.Status == WorkflowTimerStatus.Pending)
            .Select(t => t.Id).SingleAsync();
    }
}
