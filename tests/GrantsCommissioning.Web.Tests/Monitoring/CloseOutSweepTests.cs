using GrantsCommissioning.Core.Data;
using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Core.Features.Monitoring;
using GrantsCommissioning.Core.Workflow;
using GrantsCommissioning.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GrantsCommissioning.Web.Tests.Monitoring;

/// <summary>
/// The defect "awards whose end date passed years ago are still Active": the close-out sweep (run at start-up and
/// daily; run again here, as it is safe to) moves every such demo award to its final report through the award workflow.
/// </summary>
[Collection(DemoSiteCollection.Name)]
public class CloseOutSweepTests(GrantsWebFactory site)
{
    [Fact]
    public async Task Sweep_LeavesNoActiveAwardWhoseEndDateHasPassed_AndThe2013AwardsAreInTheirFinalReport()
    {
        await site.Services.GetRequiredService<CloseOut>().SweepAsync();

        await using var db = await site.Services.GetRequiredService<IDbContextFactory<GrantsDbContext>>().CreateDbContextAsync();
        var today = UkTime.ToUkDate(DateTimeOffset.UtcNow);
        Assert.Empty(await db.Awards.Where(a => a.State == AwardStates.Active && a.EndDate < today).Select(a => a.AwardReference).ToListAsync());
        var first = await db.Awards.SingleAsync(a => a.AwardReference == "AWD-2013-0001");
        Assert.Equal((AwardStates.FinalReport, new DateOnly(2014, 3, 31)), (first.State, first.EndDate));
        // Through the guarded transition: the journal has the system's EndGrantPeriod for it.
        Assert.True(await db.WorkflowJournal.AnyAsync(j => j.CaseKind == CaseKind.Award && j.CaseId == first.Id && j.Trigger == AwardTriggers.EndGrantPeriod
            && j.ToState == AwardStates.FinalReport));
        Assert.True(await db.Awards.AnyAsync(a => a.State == AwardStates.Active), "current awards stay active");
    }
}
