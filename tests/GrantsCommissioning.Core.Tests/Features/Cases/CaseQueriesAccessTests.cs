using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Core.Features.Cases;
using GrantsCommissioning.Core.Tests.Workflow;
using GrantsCommissioning.Core.Workflow;
using Microsoft.Extensions.DependencyInjection;

namespace GrantsCommissioning.Core.Tests.Features.Cases;

/// <summary>The case queries decide who sees a case: Panel members none, assessors only their own un-recused applications.</summary>
public sealed class CaseQueriesAccessTests(WorkflowHostFixture fixture) : IClassFixture<WorkflowHostFixture>
{
    private CaseQueries Queries => fixture.Host.Services.GetRequiredService<CaseQueries>();

    [Fact]
    public async Task ApplicationAsync_ForAnAssessor_OnlyWhenAssignedAndNotRecused()
    {
        var assessor = await fixture.Data.UserAsync("Tom", Roles.Assessor);
        var assigned = await fixture.Data.ApplicationAsync(ApplicationStates.Assessment);
        var recused = await fixture.Data.ApplicationAsync(ApplicationStates.Assessment);
        var other = await fixture.Data.ApplicationAsync(ApplicationStates.Assessment);
        using (var db = fixture.Host.Db())
        {
            db.Assessments.AddRange(
                new Assessment { ApplicationId = assigned.Id, AssessorUserId = assessor.UserId, AssessorName = "Tom", HasConflict = false },
                new Assessment { ApplicationId = recused.Id, AssessorUserId = assessor.UserId, AssessorName = "Tom", HasConflict = true, ConflictDetails = "Trustee" });
            await db.SaveChangesAsync();
        }

        Assert.NotNull(await Queries.ApplicationAsync(assigned.Id, assessor));
        Assert.Null(await Queries.ApplicationAsync(recused.Id, assessor));
        Assert.Null(await Queries.ApplicationAsync(other.Id, assessor));
    }

    [Theory]
    [InlineData(Roles.PanelMember, false)]
    [InlineData(Roles.Assessor, false)]
    [InlineData(Roles.Applicant, false)]
    [InlineData(Roles.GrantsOfficer, true)]
    [InlineData(Roles.Finance, true)]
    public async Task EveryCaseKind_IsSeenOnlyByCaseWorkers(string role, bool sees)
    {
        var someone = await fixture.Data.UserAsync("Jo", role);
        var application = await fixture.Data.ApplicationAsync(ApplicationStates.Recommendation);
        var payment = await fixture.Data.PaymentAsync(PaymentStates.Scheduled, recordedBy: null);
        var monitoringReturn = await fixture.Data.ReturnAsync(ReturnStates.Due, new DateOnly(2013, 6, 30), new DateOnly(2013, 7, 31), DateTimeOffset.UtcNow);

        var seen = new[]
        {
            await Queries.ApplicationAsync(application.Id, someone) is not null,
            await Queries.AwardAsync(payment.AwardId, someone) is not null,
            await Queries.PaymentAsync(payment.Id, someone) is not null,
            await Queries.ReturnAsync(monitoringReturn.Id, someone) is not null,
        };

        Assert.Equal([sees, sees, sees, sees], seen);
    }
}
