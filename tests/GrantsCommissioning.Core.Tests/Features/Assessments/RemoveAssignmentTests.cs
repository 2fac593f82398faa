using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Core.Features;
using GrantsCommissioning.Core.Features.Assessments;
using GrantsCommissioning.Core.Workflow;
using GrantsCommissioning.TestCommon.Workflow;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GrantsCommissioning.Core.Tests.Features.Assessments;

/// <summary>An officer removes an assessor's assignment with a reason (audited); never once the scores are in; a repeat changes nothing.</summary>
public sealed class RemoveAssignmentTests
{
    [Fact]
    public async Task RemovingAnAssignment_NeedsAnOfficerAndAReason_IsAudited_AndIsRefusedOnceScoresAreSubmitted()
    {
        await using var host = await WorkflowTestHost.CreateAsync();
        var data = new WorkflowTestData(host);
        var officer = await data.UserAsync("Priya", Roles.GrantsOfficer);
        var tom = await data.UserAsync("Tom", Roles.Assessor);
        var grace = await data.UserAsync("Grace", Roles.Assessor);
        var app = await data.ApplicationAsync(ApplicationStates.Assessment);
        await data.AssessmentAsync(app.Id, tom, hasConflict: null);
        await data.AssessmentAsync(app.Id, grace, hasConflict: false);
        int open, scored;
        using (var db = host.Db())
        {
            open = await db.Assessments.Where(a => a.ApplicationId == app.Id && a.AssessorUserId == tom.UserId).Select(a => a.Id).SingleAsync();
            var done = await db.Assessments.SingleAsync(a => a.ApplicationId == app.Id && a.AssessorUserId == grace.UserId);
            done.CompletedAt = DateTimeOffset.UtcNow;
            await db.SaveChangesAsync();
            scored = done.Id;
        }
        var service = host.Services.GetRequiredService<AssignmentService>();

        var noReason = await service.RemoveAsync(open, " ", officer);
        var notAnOfficer = await service.RemoveAsync(open, "Workload rebalanced.", tom);
        var removed = await service.RemoveAsync(open, "Workload rebalanced.", officer);
        var again = await service.RemoveAsync(open, "Workload rebalanced.", officer);
        var afterScores = await service.RemoveAsync(scored, "Workload rebalanced.", officer);

        Assert.IsType<ReasonNeeded>(noReason.Failure);
        Assert.IsType<RoleNeeded>(notAnOfficer.Failure);
        Assert.True(removed.Succeeded);
        Assert.True(again.Succeeded);
        Assert.Equal("This assignment can no longer be removed: Grace has submitted their scores.", afterScores.Errors[""]);
        using var check = host.Db();
        var row = await check.Assessments.SingleAsync(a => a.Id == open);
        Assert.Equal("Removed by Priya: Workload rebalanced.", row.ReturnReason);
        Assert.False(row.IsActive);
        Assert.Null((await check.Assessments.SingleAsync(a => a.Id == scored)).ReturnedAt);
        Assert.Equal(1, await check.AuditLog.CountAsync(e => e.Action == "Assignment.Removed"));
    }
}
