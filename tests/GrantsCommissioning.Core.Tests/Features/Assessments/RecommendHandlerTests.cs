using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Core.Features.Assessments;
using GrantsCommissioning.Core.Workflow;
using GrantsCommissioning.TestCommon;
using Microsoft.EntityFrameworkCore;

namespace GrantsCommissioning.Core.Tests.Features.Assessments;

/// <summary>
/// The defect "a decision can be recorded with no assessment at all": an officer can no longer put an application
/// for decision until the round's number of assessors (two on CGS-2013-14) have completed their assessments without a conflict.
/// </summary>
public sealed class RecommendHandlerTests
{
    private static readonly DateTimeOffset May15 = new(2013, 5, 15, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Recommend_WithNoAssessments_OrOneAndARecusal_IsRefusedWithTheReason_AndWithTwoCompletedItMoves()
    {
        await using var test = await TestData.WithReferenceDataAsync(May15);
        var workflow = test.Get<ICaseWorkflow>();
        var applicant = await TestData.CreateUserAsync(test, "mary@example.org", "Mary Evans", Roles.Applicant);
        var officer = await TestData.CreateUserAsync(test, "priya@example.org", "Priya Shah", Roles.GrantsOfficer);
        var orgId = await TestData.CreateOrganisationAsync(test, "Ludlow Street Angels", applicant);
        var applicationId = await TestData.CreateDraftApplicationAsync(test, orgId, "CGS-2013-14", Money.FromPounds(10_000m), new Dictionary<int, int> { [2] = 100 });
        var app = new CaseRef(CaseKind.Application, applicationId);
        foreach (var (trigger, actor) in new[] { (ApplicationTriggers.Submit, applicant), (ApplicationTriggers.StartChecks, officer), (ApplicationTriggers.PassChecks, officer) })
        {
            Assert.True((await workflow.FireAsync(new TransitionRequest(app, trigger, actor, TestData.Key()))).Succeeded, trigger);
        }

        var none = await workflow.FireAsync(new TransitionRequest(app, ApplicationTriggers.Recommend, officer, TestData.Key()));
        await TestData.AddCompletedAssessmentsAsync(test, applicationId, count: 1);
        await using (var db = test.NewContext())
        {
            db.Assessments.Add(new Assessment
            {
                ApplicationId = applicationId, AssessorUserId = "recused", AssessorName = "Grace Adeyemi", HasConflict = true,
                ConflictDetails = "Trustee of the applicant", ConflictDeclaredAt = May15, CompletedAt = May15,
            });
            await db.SaveChangesAsync();
        }
        var one = await workflow.FireAsync(new TransitionRequest(app, ApplicationTriggers.Recommend, officer, TestData.Key()));
        await TestData.AddCompletedAssessmentsAsync(test, applicationId, count: 1);
        var two = await workflow.FireAsync(new TransitionRequest(app, ApplicationTriggers.Recommend, officer, TestData.Key()));

        Assert.False(none.Succeeded);
        Assert.Equal(RecommendHandler.MissingMessage(2, 0), Assert.Single(none.Errors).Message);
        Assert.Equal(RecommendHandler.MissingMessage(2, 1), Assert.Single(one.Errors).Message);
        Assert.True(two.Succeeded, two.Message);
        await using var check = test.NewContext();
        Assert.Equal(ApplicationStates.Recommendation, (await check.Applications.SingleAsync(a => a.Id == applicationId)).State);
        Assert.Equal(1, await check.WorkflowJournal.CountAsync(j => j.CaseKind == CaseKind.Application && j.CaseId == applicationId && j.Trigger == ApplicationTriggers.Recommend));
    }
}
