using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Core.Features.Awards;
using GrantsCommissioning.Core.Features.Decisions;
using GrantsCommissioning.Core.Features.Payments;
using GrantsCommissioning.Core.Features.Reports;
using GrantsCommissioning.Core.Features.Returns;
using GrantsCommissioning.Core.Workflow;
using GrantsCommissioning.TestCommon;
using Microsoft.EntityFrameworkCore;

namespace GrantsCommissioning.Core.Tests.Features;

/// <summary>Plan objective → application → decision → award → payments → return → quarterly roll-up, through the services.</summary>
public class GoldenThreadTests
{
    private static readonly DateTimeOffset May15 = new(2013, 5, 15, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task ApplicationLinkedToTwoObjectives_ApprovedAwardedPaidAndReturned_RollsUpByObjectiveToThePenny()
    {
        await using var test = await TestData.WithReferenceDataAsync(May15);
        var workflow = test.Get<ICaseWorkflow>();
        var applicant = await TestData.CreateUserAsync(test, "mary@example.org", "Mary Evans", Roles.Applicant);
        var officer = await TestData.CreateUserAsync(test, "priya@example.org", "Priya Shah", Roles.GrantsOfficer);
        var chiefExecutive = await TestData.CreateUserAsync(test, "helen@example.org", "Helen Marsh", Roles.DecisionMaker);
        var financeOfficer = await TestData.CreateUserAsync(test, "sam@example.org", "Sam Patel", Roles.Finance);
        var financeManager = await TestData.CreateUserAsync(test, "alex@example.org", "Alex Morgan", Roles.Finance);
        var orgId = await TestData.CreateOrganisationAsync(test, "Ludlow Street Angels", applicant);
        var applicationId = await TestData.CreateDraftApplicationAsync(test, orgId, "CGS-2013-14", Money.FromPounds(10_000m),
            new Dictionary<int, int> { [2] = 60, [4] = 40 });
        var application = new CaseRef(CaseKind.Application, applicationId);

        await FireAsync(workflow, application, ApplicationTriggers.Submit, applicant);
        await FireAsync(workflow, application, ApplicationTriggers.StartChecks, officer);
        await FireAsync(workflow, application, ApplicationTriggers.PassChecks, officer);
        await TestData.AddCompletedAssessmentsAsync(test, applicationId);
        await TestData.RecordDueDiligenceAsync(test, applicationId);
        await FireAsync(workflow, application, ApplicationTriggers.Recommend, officer);
        var decision = await test.Get<DecisionService>().DecideAsync(
            new DecisionInput(applicationId, DecisionOutcome.Approve, Money.FromPounds(10_000m), "Strong partnership bid meeting objectives 2 and 4.", "Quarterly returns.", null, null),
            chiefExecutive, TestData.Key());
        Assert.True(decision.Succeeded, string.Join("; ", decision.Errors.Values));
        var accepted = await test.Get<AwardService>().AcceptOfferAsync(applicationId, applicant, TestData.Key(),
            [new Instalment(new DateOnly(2013, 5, 20), Money.FromPounds(6_000m)), new Instalment(new DateOnly(2013, 6, 20), Money.FromPounds(4_000m))]);
        Assert.True(accepted.Succeeded, string.Join("; ", accepted.Errors.Values));

        test.Clock.SetUtcNow(new DateTimeOffset(2013, 6, 25, 10, 0, 0, TimeSpan.Zero));
        var payments = test.Get<PaymentService>();
        await using (var db = test.NewContext())
        {
            foreach (var paymentId in await db.Payments.OrderBy(p => p.InstalmentNumber).Select(p => p.Id).ToListAsync())
            {
                var current = await db.Payments.AsNoTracking().SingleAsync(p => p.Id == paymentId);
                if (current.State != PaymentStates.Ready)
                {
                    await FireAsync(workflow, new CaseRef(CaseKind.Payment, paymentId), PaymentTriggers.MakeReady, financeOfficer);
                }
                await FireAsync(workflow, new CaseRef(CaseKind.Payment, paymentId), PaymentTriggers.Authorise, financeManager);
                AssertOk(await payments.PayAsync(paymentId, new DateOnly(2013, 6, 25), $"WM-AP-{paymentId}", financeOfficer, TestData.Key()));
            }
        }

        test.Clock.SetUtcNow(new DateTimeOffset(2013, 7, 1, 9, 0, 0, TimeSpan.Zero));
        int returnId;
        Dictionary<int, Money> spend;
        int indicatorId;
        await using (var db = test.NewContext())
        {
            var ret = await db.Returns.OrderBy(r => r.PeriodStart).FirstAsync();
            returnId = ret.Id;
            Assert.Equal(new DateOnly(2013, 6, 30), ret.PeriodEnd);
            var lines = await db.AwardCostLines.Where(l => l.AwardId == ret.AwardId).OrderBy(l => l.Order).Select(l => l.Id).ToListAsync();
            spend = new Dictionary<int, Money> { [lines[0]] = Money.FromPounds(3_000m), [lines[1]] = Money.FromPounds(1_000m) };
            indicatorId = await db.AwardIndicators.Where(i => i.AwardId == ret.AwardId).Select(i => i.Id).SingleAsync();
            if (ret.State == ReturnStates.Scheduled)
            {
                await FireAsync(workflow, new CaseRef(CaseKind.MonitoringReturn, returnId), ReturnTriggers.Open, Actor.System);
            }
        }
        var returns = test.Get<ReturnService>();
        AssertOk(await returns.SubmitAsync(new ReturnSubmission(returnId, spend, new Dictionary<int, double> { [indicatorId] = 120 },
            "Volunteers out every Friday and Saturday; 120 people helped."), applicant, TestData.Key()));
        await FireAsync(workflow, new CaseRef(CaseKind.MonitoringReturn, returnId), ReturnTriggers.Accept, officer);

        var report = await test.Get<ObjectiveRollUp>().ForQuarterAsync(new FinancialYear(2013).Quarter(1));

        var violence = report.Rows.Single(r => r.Number == 2);
        var asb = report.Rows.Single(r => r.Number == 4);
        Assert.Equal((1, 600_000L, 600_000L, 240_000L, 1), (violence.AwardsMade, violence.Awarded.Pence, violence.Paid.Pence, violence.SpendReported.Pence, violence.ReturnsAccepted));
        Assert.Equal((1, 400_000L, 400_000L, 160_000L, 1), (asb.AwardsMade, asb.Awarded.Pence, asb.Paid.Pence, asb.SpendReported.Pence, asb.ReturnsAccepted));
        Assert.All(report.Rows.Where(r => r.Number is not (2 or 4)), r => Assert.Equal(0, r.AwardsMade + r.Awarded.Pence + r.Paid.Pence + r.SpendReported.Pence));
        // The award is live at 30 June 2013 and no officer has rated it yet.
        Assert.Equal(new RollUpTotals(1, Money.FromPounds(10_000m), Money.FromPounds(10_000m), Money.FromPounds(4_000m), new AwardRagCounts(0, 0, 0, NotRated: 1)), report.Totals);
        Assert.Equal(1, violence.Ratings.NotRated);
        // Through the objectives to the national priorities, with the same shares: homicide (objectives 2 and 7) and serious
        // violence (2) get objective 2's 60%, neighbourhood crime (4, 5, 6) objective 4's 40%, the drugs priority (3, 5) nothing.
        var priorities = report.Priorities.ToDictionary(p => p.Code, p => (p.AwardsMade, p.Awarded.Pence, p.Paid.Pence, p.SpendReported.Pence, p.ReturnsAccepted));
        Assert.Equal((1, 600_000L, 600_000L, 240_000L, 1), priorities["homicide"]);
        Assert.Equal((1, 600_000L, 600_000L, 240_000L, 1), priorities["serious-violence"]);
        Assert.Equal((1, 400_000L, 400_000L, 160_000L, 1), priorities["neighbourhood-crime"]);
        Assert.Equal((0, 0L, 0L, 0L, 0), priorities["drugs-county-lines"]);
        Assert.Equal([4, 5, 6], report.Priorities.Single(p => p.Code == "neighbourhood-crime").ObjectiveNumbers);
        Assert.Equal(0, (await test.Get<ObjectiveRollUp>().ForQuarterAsync(new FinancialYear(2013).Quarter(2))).Totals.AwardsMade);

        await using (var db = test.NewContext())
        {
            var journey = await db.WorkflowJournal.Where(j => j.CaseKind == CaseKind.Application && j.CaseId == applicationId)
                .OrderBy(j => j.Sequence).Select(j => j.ToState).ToListAsync();
            Assert.Equal([ApplicationStates.Draft, ApplicationStates.Submitted, ApplicationStates.EligibilityCheck, ApplicationStates.Assessment, ApplicationStates.Recommendation,
                ApplicationStates.OfferMade, ApplicationStates.OfferAccepted], journey);
            var award = await db.Awards.Include(a => a.Objectives).SingleAsync();
            Assert.Equal(AwardStates.Active, award.State);
            Assert.Equal([60, 40], award.Objectives.OrderByDescending(o => o.SharePercent).Select(o => o.SharePercent));
            Assert.All(await db.Payments.ToListAsync(), p => Assert.Equal(PaymentStates.Paid, p.State));
            Assert.Equal(AuthorityLevel.DecisionMaker, (await db.Decisions.SingleAsync()).AuthorityLevel);
        }
    }

    private static async Task FireAsync(ICaseWorkflow workflow, CaseRef caseRef, string trigger, Actor actor)
    {
        var result = await workflow.FireAsync(new TransitionRequest(caseRef, trigger, actor, TestData.Key()));
        Assert.True(result.Succeeded, $"{trigger} by {actor.DisplayName}: {result.Message}");
    }

    private static void AssertOk<T>(GrantsCommissioning.Core.Features.FeatureResult<T> result) =>
        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Values));
}
