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
[Collection(DemoSiteCollection.Fourth)]
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

    [Fact]
    public async Task AwardPage_BeforeTheEndDate_DoesNotOfferEndingTheGrantPeriod()
    {
        // AWD-CY-0013 runs until next year (demo), on the latest award workflow, where the button waits for the end date.
        var id = await site.IdAsync(db => db.Awards.Where(a => a.AwardReference == "AWD-CY-0013" && a.State == AwardStates.Active).Select(a => a.Id).Take(1));
        using var client = await site.SignedInClientAsync("officer@demo.opcc-grants.example");

        var page = System.Net.WebUtility.HtmlDecode(await client.GetStringAsync(new Uri($"/cases/awards/{id}", UriKind.Relative)));
        // The buttons (the workflow diagram further down names every transition, this one included).
        var actions = System.Text.RegularExpressions.Regex.Match(page, """<section class="workflow-actions"[^>]*>(.*?)</section>""",
            System.Text.RegularExpressions.RegexOptions.Singleline).Groups[1].Value;

        Assert.Contains(">Suspend</button>", actions, StringComparison.Ordinal);
        Assert.DoesNotContain("End the grant period", actions, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DemoFinalReturn_AcceptedByTheOfficer_ClosesTheAward_AndRaisesARecoveryForTheUnderspend()
    {
        var factory = site.Services.GetRequiredService<IDbContextFactory<GrantsDbContext>>();
        int returnId;
        await using (var db = await factory.CreateDbContextAsync())
        {
            returnId = await db.Returns.Where(r => r.ReturnReference == "AWD-2013-0007-R2").Select(r => r.Id).SingleAsync();
            var sent = await db.Returns.Where(r => r.Id == returnId).Select(r => new { r.SignedOffByName, r.State }).SingleAsync();
            Assert.Equal(("Mary Evans", ReturnStates.Submitted), (sent.SignedOffByName, sent.State));
        }
        var officer = await site.FindUserAsync("senior.officer@demo.opcc-grants.example");

        var accepted = await site.Services.GetRequiredService<Core.Features.Returns.ReturnReviewService>()
            .AcceptAsync(returnId, Actor.For(officer!.Id, officer.DisplayName, Roles.GrantsOfficer), Guid.NewGuid().ToString("N"));

        Assert.True(accepted.Succeeded, string.Join("; ", accepted.Errors.Values));
        await using var after = await factory.CreateDbContextAsync();
        var award = await after.Awards.SingleAsync(a => a.AwardReference == "AWD-2013-0007");
        Assert.Equal(AwardStates.Closed, award.State);
        // £13,214 paid, £12,210 spent over the two returns: £1,004 to recover.
        var recovery = await after.Set<Core.Features.Payments.Recovery>().SingleAsync(r => r.AwardId == award.Id);
        Assert.Equal((-100_400L, "AWD-2013-0007-UNDERSPEND"), (recovery.AmountPence, recovery.InvoiceReference));
    }
}
