using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Core.Features;
using GrantsCommissioning.Core.Features.Assessments;
using GrantsCommissioning.Core.Workflow;
using GrantsCommissioning.TestCommon;
using GrantsCommissioning.TestCommon.Fixtures;
using Microsoft.EntityFrameworkCore;

namespace GrantsCommissioning.Core.Tests.Features.Assessments;

/// <summary>
/// On a round's ranking an officer moves an application across the funding line only with a reason (kept, audited and
/// shown), and recommends several applications at once: each on its own, so one failing its guard stops nothing else,
/// and the same batch submitted again changes nothing.
/// </summary>
public sealed class RankingActionsTests
{
    private static readonly DateTimeOffset May15 = new(2013, 5, 15, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task MovingAcrossTheFundingLine_NeedsAReason_IsAuditedAndShownOnTheRanking_AndARepeatChangesNothing()
    {
        await using var test = await TestData.WithReferenceDataAsync(May15);
        var (officer, roundId) = await OfficerAndRoundAsync(test, budgetPence: 1_500_000);
        var panel = await TestData.CreateUserAsync(test, "jo@example.org", "Jo Rees", Roles.PanelMember);
        var small = await InAssessmentAsync(test, officer, 8_000m, assessments: 2);
        var middle = await InAssessmentAsync(test, officer, 10_000m, assessments: 2);
        var large = await InAssessmentAsync(test, officer, 12_000m, assessments: 2);
        var actions = test.Get<RankingActions>();

        var before = (await test.Get<ModerationService>().RankingAsync(roundId))!;
        var noReason = await actions.MoveAcrossLineAsync(roundId, large, intoFunding: true, "  ", officer);
        var notAnOfficer = await actions.MoveAcrossLineAsync(roundId, large, intoFunding: true, "Only rural project in the round.", panel);
        var moved = await actions.MoveAcrossLineAsync(roundId, large, intoFunding: true, "Only rural project in the round.", officer);
        var repeat = await actions.MoveAcrossLineAsync(roundId, large, intoFunding: true, "Only rural project in the round.", officer);
        var after = (await test.Get<ModerationService>().RankingAsync(roundId))!;

        Assert.Equal([(small, true), (middle, false), (large, false)], before.Rows.Where(r => r.ApplicationId == small || r.ApplicationId == middle || r.ApplicationId == large).Select(r => (r.ApplicationId, r.Funded)));
        Assert.IsType<ReasonNeeded>(noReason.Failure);
        Assert.IsType<RoleNeeded>(notAnOfficer.Failure);
        Assert.True(moved.Succeeded);
        Assert.True(repeat.Succeeded);
        var row = after.Rows.Single(r => r.ApplicationId == large);
        Assert.True(row.Funded);
        Assert.Equal(("Only rural project in the round.", "Priya Shah", true), (row.Move!.Reason, row.Move.MovedBy, row.Move.IntoFunding));
        await using var db = test.NewContext();
        Assert.Equal(1, await db.Set<FundingLineMove>().CountAsync(m => m.ApplicationId == large));
        Assert.Equal(1, await db.AuditLog.CountAsync(e => e.Action == "FundingLine.Moved" && e.EntityId == large.ToString()));
    }

    [Fact]
    public async Task RecommendingInBulk_RecommendsEach_OneFailingStopsNothingElse_AndTheSameBatchAgainChangesNothing()
    {
        await using var test = await TestData.WithReferenceDataAsync(May15);
        var (officer, roundId) = await OfficerAndRoundAsync(test, budgetPence: null);
        var ready = await InAssessmentAsync(test, officer, 10_000m, assessments: 2);
        var halfAssessed = await InAssessmentAsync(test, officer, 9_000m, assessments: 1);
        var badAmount = await InAssessmentAsync(test, officer, 8_000m, assessments: 2);
        var alsoReady = await InAssessmentAsync(test, officer, 7_000m, assessments: 2);
        var actions = test.Get<RankingActions>();
        RecommendationChoice[] choices =
            [new(ready, "9500"), new(halfAssessed, "9000"), new(badAmount, "lots"), new(alsoReady, "7000")];

        var first = await actions.RecommendAsync(roundId, choices, "Quarterly returns.", officer, "batch-1");
        var again = await actions.RecommendAsync(roundId, choices, "Quarterly returns.", officer, "batch-1");
        var none = await actions.RecommendAsync(roundId, [], null, officer, "batch-2");

        Assert.Equal([BulkOutcome.Done, BulkOutcome.Failed, BulkOutcome.Failed, BulkOutcome.Done], first.Value!.Lines.Select(l => l.Outcome));
        Assert.Equal(RecommendHandler.MissingMessage(2, 1), first.Value.Lines[1].Message);
        Assert.StartsWith("Enter an amount more than £0", first.Value.Lines[2].Message, StringComparison.Ordinal);
        Assert.Equal([BulkOutcome.AlreadyDone, BulkOutcome.Failed, BulkOutcome.Failed, BulkOutcome.AlreadyDone], again.Value!.Lines.Select(l => l.Outcome));
        Assert.IsType<NothingChosen>(none.Failure);
        await using var db = test.NewContext();
        var states = await db.Applications.Where(a => a.RoundId == roundId).ToDictionaryAsync(a => a.Id, a => a.State);
        Assert.Equal((ApplicationStates.Recommendation, ApplicationStates.Assessment, ApplicationStates.Assessment, ApplicationStates.Recommendation),
            (states[ready], states[halfAssessed], states[badAmount], states[alsoReady]));
        var journal = await db.WorkflowJournal.SingleAsync(j => j.CaseKind == CaseKind.Application && j.CaseId == ready && j.Trigger == ApplicationTriggers.Recommend);
        Assert.Equal((950_000L, "Recommended at £9,500.00. Conditions: Quarterly returns."), (journal.AmountPence!.Value, journal.Comment));
        // The decision form starts from what was recommended: the amount and the conditions.
        var decisions = test.Get<GrantsCommissioning.Core.Features.Decisions.DecisionService>();
        Assert.Equal(new GrantsCommissioning.Core.Features.Decisions.Recommended(Money.FromPounds(9_500m), "Quarterly returns."), await decisions.RecommendationAsync(ready));
        Assert.Null(await decisions.RecommendationAsync(badAmount));
    }

    private static async Task<(GrantsCommissioning.Core.Workflow.Actor Officer, int RoundId)> OfficerAndRoundAsync(TestDatabase test, long? budgetPence)
    {
        var officer = await TestData.CreateUserAsync(test, "priya@example.org", "Priya Shah", Roles.GrantsOfficer);
        await using var db = test.NewContext();
        var round = await db.Rounds.SingleAsync(r => r.Reference == "CGS-2013-14");
        round.BudgetPence = budgetPence;
        await db.SaveChangesAsync();
        return (officer, round.Id);
    }

    private static int counter;

    private static async Task<int> InAssessmentAsync(TestDatabase test, GrantsCommissioning.Core.Workflow.Actor officer, decimal pounds, int assessments)
    {
        var n = Interlocked.Increment(ref counter);
        var applicant = await TestData.CreateUserAsync(test, $"applicant{n}@example.org", $"Applicant {n}", Roles.Applicant);
        var orgId = await TestData.CreateOrganisationAsync(test, $"Community Group {n}", applicant);
        var id = await TestData.CreateDraftApplicationAsync(test, orgId, "CGS-2013-14", Money.FromPounds(pounds), new Dictionary<int, int> { [2] = 100 }, $"TEST-{n:0000}");
        var workflow = test.Get<ICaseWorkflow>();
        foreach (var (trigger, actor) in new[] { (ApplicationTriggers.Submit, applicant), (ApplicationTriggers.StartChecks, officer), (ApplicationTriggers.PassChecks, officer) })
        {
            Assert.True((await workflow.FireAsync(new TransitionRequest(new CaseRef(CaseKind.Application, id), trigger, actor, TestData.Key()))).Succeeded, trigger);
        }
        await TestData.AddCompletedAssessmentsAsync(test, id, assessments);
        return id;
    }
}
