using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Core.Features.Assessments;
using GrantsCommissioning.Core.Workflow;
using GrantsCommissioning.TestCommon.Workflow;
using Microsoft.EntityFrameworkCore;

namespace GrantsCommissioning.Core.Tests.Workflow;

public sealed class SegregationTests(WorkflowHostFixture fixture) : IClassFixture<WorkflowHostFixture>
{
    private ICaseWorkflow Workflow => fixture.Host.Workflow;

    [Theory]
    [InlineData(true, TransitionError.SegregationOfDuties)]
    [InlineData(null, TransitionError.SegregationOfDuties)]
    [InlineData(false, TransitionError.None)]
    public async Task FireScore_WhenAssessorConflictDeclared_OnlyUnconflictedMayScore(bool? hasConflict, TransitionError expected)
    {
        var assessor = await fixture.Data.UserAsync("Ash", Roles.Assessor);
        var app = await fixture.Data.ApplicationAsync(ApplicationStates.Assessment);
        await fixture.Data.AssessmentAsync(app.Id, assessor, hasConflict);
        List<int> criteria;
        await using (var db = fixture.Host.Db())
        {
            criteria = await db.Criteria.Where(c => c.RoundId == app.RoundId).Select(c => c.Id).ToListAsync();
        }
        var scores = new ScorePayload(criteria.Select(c => new CriterionScore(c, "1", "Some evidence.")).ToList(), "Fund", null);

        var result = await Workflow.FireAsync(new TransitionRequest(CaseRef.Of(app), ApplicationTriggers.Score, assessor, Guid.NewGuid().ToString()) { Payload = scores });

        Assert.Equal(expected, result.Error);
        await using var check = fixture.Host.Db();
        var scored = await check.Assessments.AnyAsync(a => a.ApplicationId == app.Id && a.AssessorUserId == assessor.UserId && a.CompletedAt != null);
        Assert.Equal(expected == TransitionError.None, scored);
        Assert.Equal(ApplicationStates.Assessment, result.State);
    }

    [Fact]
    public async Task FireScore_WhenNotAnAssignedAssessor_IsRefused()
    {
        var stranger = await fixture.Data.UserAsync("Sam", Roles.Assessor);
        var app = await fixture.Data.ApplicationAsync(ApplicationStates.Assessment);

        var result = await Workflow.FireAsync(new TransitionRequest(CaseRef.Of(app), ApplicationTriggers.Score, stranger, Guid.NewGuid().ToString()));

        Assert.Equal(TransitionError.SegregationOfDuties, result.Error);
    }

    [Fact]
    public async Task FireApprove_WhenApproverAssessedTheApplication_IsRefused()
    {
        var both = await fixture.Data.UserAsync("Pat", Roles.DecisionMaker, Roles.Assessor);
        var app = await fixture.Data.ApplicationAsync(ApplicationStates.Recommendation);
        await fixture.Data.AssessmentAsync(app.Id, both, hasConflict: false);

        var result = await Workflow.FireAsync(new TransitionRequest(CaseRef.Of(app), ApplicationTriggers.Approve, both, Guid.NewGuid().ToString()) { Amount = new Money(1000) });
        var buttons = await Workflow.GetPermittedTriggersAsync(CaseRef.Of(app), both);

        Assert.Equal(TransitionError.SegregationOfDuties, result.Error);
        Assert.Contains("assessed", result.Message, StringComparison.Ordinal);
        Assert.Empty(buttons);
    }

    [Fact]
    public async Task FireAuthorise_WhenAuthoriserRecordedThePayment_IsRefusedButAnotherFinanceUserMay()
    {
        var recorder = await fixture.Data.UserAsync("Rita", Roles.Finance);
        var other = await fixture.Data.UserAsync("Omar", Roles.Finance);
        var payment = await fixture.Data.PaymentAsync(PaymentStates.Ready, recorder.UserId);

        var refused = await Workflow.FireAsync(new TransitionRequest(CaseRef.Of(payment), PaymentTriggers.Authorise, recorder, Guid.NewGuid().ToString()));
        var allowed = await Workflow.FireAsync(new TransitionRequest(CaseRef.Of(payment), PaymentTriggers.Authorise, other, Guid.NewGuid().ToString()));

        Assert.Equal(TransitionError.SegregationOfDuties, refused.Error);
        Assert.True(allowed.Succeeded, allowed.Message);
        Assert.Equal(PaymentStates.Authorised, allowed.State);
    }

    [Fact]
    public async Task FireSubmit_WhenApplicantIsNotAMemberOfTheOrganisation_IsRefused()
    {
        var owner = await fixture.Data.UserAsync("Olive", Roles.Applicant);
        var outsider = await fixture.Data.UserAsync("Oscar", Roles.Applicant);
        var app = await fixture.Data.ApplicationAsync(ApplicationStates.Draft, applicant: owner);

        var refused = await Workflow.FireAsync(new TransitionRequest(CaseRef.Of(app), ApplicationTriggers.Submit, outsider, Guid.NewGuid().ToString()));
        var allowed = await Workflow.FireAsync(new TransitionRequest(CaseRef.Of(app), ApplicationTriggers.Submit, owner, Guid.NewGuid().ToString()));

        Assert.Equal(TransitionError.RoleNotAllowed, refused.Error);
        Assert.True(allowed.Succeeded, allowed.Message);
    }
}
