using System.Net;
using System.Text.RegularExpressions;
using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Core.Features;
using GrantsCommissioning.Core.Features.Awards;
using GrantsCommissioning.Core.Features.Monitoring;
using GrantsCommissioning.Core.Workflow;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GrantsCommissioning.Web.Tests.Applicants;

/// <summary>
/// The decision page (/cases/awards/{id}/change/decide): each value the change sets, before and after, for every kind of
/// change; approval offered to a grants officer only within the share; decided through the real form.
/// </summary>
public partial class TrackPageTests
{
    private const string Officer = "officer@demo.opcc-grants.example";
    private const string DecisionMaker = "chief.executive@demo.opcc-grants.example";

    [Fact]
    public async Task DecisionPage_ShowsEachValueTheChangeSets_BeforeAndAfter_AndDecidesThroughTheForm()
    {
        using var officer = await site.SignedInClientAsync(Officer);
        using var maker = await site.SignedInClientAsync(DecisionMaker);
        var offer = await NewOfferAsync("Hereford Street Angels");
        Assert.True((await site.Services.GetRequiredService<AwardService>().AcceptOfferAsync(offer, await ActorAsync(Applicant, Roles.Applicant), Guid.NewGuid().ToString("N"))).Succeeded);
        Award award;
        List<AwardCostLine> lines;
        AwardIndicator indicator;
        await using (var db = Db())
        {
            award = await db.Awards.AsNoTracking().SingleAsync(a => a.ApplicationId == offer);
            lines = await db.AwardCostLines.AsNoTracking().Where(l => l.AwardId == award.Id).OrderBy(l => l.Order).ToListAsync();
            indicator = await db.AwardIndicators.AsNoTracking().FirstAsync(i => i.AwardId == award.Id);
        }
        var path = $"/cases/awards/{award.Id}/change/decide";
        var uk = System.Globalization.CultureInfo.GetCultureInfo("en-GB");
        var (coaches, equipment) = (lines.Single(l => l.Description == "Coaches"), lines.Single(l => l.Description == "Equipment"));
        Assert.Contains("No change to " + award.AwardReference + " is waiting for a decision.", await PageAsync(officer, path), StringComparison.Ordinal);

        // A virement of £900, above the officer's 10% of £8,000: both budget lines before and after; the officer may only refuse.
        await AskAsync(award.Id, new ChangeRequestInput(ChangeRequestKind.BudgetVirement, "More coaching hours.", null, equipment.Id, coaches.Id, Money.FromPounds(900)));
        var virement = await PageAsync(officer, path);
        Assert.Contains($"<th scope=\"row\">Budget for Coaches</th><td>{new Money(coaches.AmountPence)}</td><td>{new Money(coaches.AmountPence + 90_000)}</td>", virement, StringComparison.Ordinal);
        Assert.Contains($"<th scope=\"row\">Budget for Equipment</th><td>{new Money(equipment.AmountPence)}</td><td>{new Money(equipment.AmountPence - 90_000)}</td>", virement, StringComparison.Ordinal);
        Assert.Contains("This change is beyond what a grants officer may approve (virements up to 10% of the award, £800.00)", virement, StringComparison.Ordinal);
        Assert.DoesNotContain("value=\"Approve\"", virement, StringComparison.Ordinal);
        var noComment = await DecideAsync(officer, path, "Refuse", "");
        Assert.Equal(HttpStatusCode.OK, noComment.StatusCode);
        var refusedWithoutReason = WebUtility.HtmlDecode(await noComment.Content.ReadAsStringAsync());
        Assert.Contains("form-group--error", refusedWithoutReason, StringComparison.Ordinal);
        Assert.Contains("Say why the change is refused: the grantee reads it.", refusedWithoutReason, StringComparison.Ordinal);
        var nothingChosen = WebUtility.HtmlDecode(await (await DecideAsync(officer, path, "", "")).Content.ReadAsStringAsync());
        Assert.Contains("Select approve or refuse.", nothingChosen, StringComparison.Ordinal);
        Assert.Contains("value=\"Approve\"", await PageAsync(maker, path), StringComparison.Ordinal);
        var approved = await DecideAsync(maker, path, "Approve", "Agreed: attendance is up.");
        Assert.Equal($"/cases/awards/{award.Id}", approved.Headers.Location?.AbsolutePath);
        await using (var db = Db())
        {
            Assert.Equal([coaches.AmountPence + 90_000, equipment.AmountPence - 90_000],
                await db.AwardCostLines.Where(l => l.AwardId == award.Id).OrderBy(l => l.Order).Select(l => l.AmountPence).ToListAsync());
        }

        // An extension of a month: the end date before and after; the officer approves it within the share.
        var newEnd = award.EndDate.AddMonths(1);
        await AskAsync(award.Id, new ChangeRequestInput(ChangeRequestKind.EndDateExtension, "The hall was closed.", newEnd));
        var extension = await PageAsync(officer, path);
        Assert.Contains($"<th scope=\"row\">End date</th><td>{award.EndDate.ToString("d MMMM yyyy", uk)}</td><td>{newEnd.ToString("d MMMM yyyy", uk)}</td>", extension, StringComparison.Ordinal);
        Assert.Contains("A grants officer may approve this change", extension, StringComparison.Ordinal);
        Assert.Equal($"/cases/awards/{award.Id}", (await DecideAsync(officer, path, "Approve", "")).Headers.Location?.AbsolutePath);

        // Scope: the purpose and an outcome's target, before and after; refused with a reason, nothing changes.
        await AskAsync(award.Id, new ChangeRequestInput(ChangeRequestKind.ScopeChange, "Fewer places in the new hall.")
        {
            NewPurpose = "Boxing sessions for young people in Hereford, in the new hall.", IndicatorId = indicator.Id, NewTarget = 36,
        });
        var scope = await PageAsync(officer, path);
        Assert.Contains($"<th scope=\"row\">Purpose</th><td>{award.Purpose}</td><td>Boxing sessions for young people in Hereford, in the new hall.</td>",
            scope, StringComparison.Ordinal);
        Assert.Contains("<th scope=\"row\">Target for Young people attending</th><td>40 people</td><td>36 people</td>", scope, StringComparison.Ordinal);
        Assert.Equal($"/cases/awards/{award.Id}", (await DecideAsync(officer, path, "Refuse", "Keep the purpose; ask again for the target alone.")).Headers.Location?.AbsolutePath);

        // The lead contact, before and after.
        await AskAsync(award.Id, new ChangeRequestInput(ChangeRequestKind.LeadContactChange, "Sam has left.") { ContactName = "Priya Shah", ContactEmail = "priya@example.org" });
        var contact = await PageAsync(officer, path);
        Assert.Contains($"<th scope=\"row\">Lead contact</th><td>{ContactNow(award)}</td><td>Priya Shah (priya@example.org)</td>", contact, StringComparison.Ordinal);

        await using var after = Db();
        var changed = await after.Awards.AsNoTracking().SingleAsync(a => a.Id == award.Id);
        Assert.Equal((newEnd, award.Purpose), (changed.EndDate, changed.Purpose));
        Assert.Equal(40, (await after.AwardIndicators.SingleAsync(i => i.Id == indicator.Id)).Target);
        Assert.Equal([ChangeRequestStatus.Approved, ChangeRequestStatus.Approved, ChangeRequestStatus.Refused, ChangeRequestStatus.Pending],
            await after.AwardChangeRequests.Where(c => c.AwardId == award.Id).OrderBy(c => c.Id).Select(c => c.Status).ToListAsync());
    }

    [Fact]
    public async Task DecisionPage_ForAnExtension_ShowsEachReturnThatMovesOrIsAdded_AndApprovingLeavesThatSchedule()
    {
        using var officer = await site.SignedInClientAsync(Officer);
        var offer = await NewOfferAsync("Hereford Street Angels");
        Assert.True((await site.Services.GetRequiredService<AwardService>().AcceptOfferAsync(offer, await ActorAsync(Applicant, Roles.Applicant), Guid.NewGuid().ToString("N"))).Succeeded);
        Award award;
        List<MonitoringReturn> before;
        await using (var db = Db())
        {
            award = await db.Awards.AsNoTracking().SingleAsync(a => a.ApplicationId == offer);
            before = await db.Returns.AsNoTracking().Where(r => r.AwardId == award.Id).ToListAsync();
        }
        var path = $"/cases/awards/{award.Id}/change/decide";
        var newEnd = award.EndDate.AddMonths(2);
        await AskAsync(award.Id, new ChangeRequestInput(ChangeRequestKind.EndDateExtension, "The hall was closed for two months.", newEnd));

        var page = await PageAsync(officer, path);
        Assert.Equal($"/cases/awards/{award.Id}", (await DecideAsync(officer, path, "Approve", "")).Headers.Location?.AbsolutePath);

        // Every return that approval moved was shown with its period and due date before and after, and every return
        // it added as "Not in the schedule" before; no other return was named.
        await using var after = Db();
        var schedule = await after.Returns.AsNoTracking().Where(r => r.AwardId == award.Id).OrderBy(r => r.PeriodEnd).ToListAsync();
        var added = schedule.Where(r => before.All(b => b.Id != r.Id)).ToList();
        var moved = schedule.Where(r => before.Any(b => b.Id == r.Id && (b.PeriodEnd, b.DueDate) != (r.PeriodEnd, r.DueDate))).ToList();
        Assert.NotEmpty(added);
        Assert.Contains($"<th scope=\"row\">End date</th><td>{Day(award.EndDate)}</td><td>{Day(newEnd)}</td>", page, StringComparison.Ordinal);
        foreach (var r in added)
        {
            Assert.Contains($"<th scope=\"row\">Return {r.ReturnReference} (added)</th><td>Not in the schedule</td><td>{Period(r)}</td>", page, StringComparison.Ordinal);
        }
        foreach (var r in moved)
        {
            Assert.Contains($"<th scope=\"row\">Return {r.ReturnReference}</th><td>{Period(before.Single(b => b.Id == r.Id))}</td><td>{Period(r)}</td>", page, StringComparison.Ordinal);
        }
        Assert.Equal(added.Count + moved.Count, Regex.Count(page, "<th scope=\"row\">Return "));
        Assert.Equal(newEnd, (await after.Awards.SingleAsync(a => a.Id == award.Id)).EndDate);
    }

    private static string Day(DateOnly d) => d.ToString("d MMMM yyyy", System.Globalization.CultureInfo.GetCultureInfo("en-GB"));

    private static string Period(MonitoringReturn r) =>
        $"{(r.PeriodStart.Year == r.PeriodEnd.Year ? r.PeriodStart.ToString("d MMMM", System.Globalization.CultureInfo.GetCultureInfo("en-GB")) : Day(r.PeriodStart))} to {Day(r.PeriodEnd)}, due {Day(r.DueDate)}";

    [Fact]
    public async Task AwardPage_WithAChangeWaiting_OffersNoBareApproveOrRefuse_ButSendsTheDeciderToTheDecisionPage()
    {
        using var officer = await site.SignedInClientAsync(Officer);
        using var maker = await site.SignedInClientAsync(DecisionMaker);
        var offer = await NewOfferAsync("Hereford Street Angels");
        Assert.True((await site.Services.GetRequiredService<AwardService>().AcceptOfferAsync(offer, await ActorAsync(Applicant, Roles.Applicant), Guid.NewGuid().ToString("N"))).Succeeded);
        int awardId;
        await using (var db = Db())
        {
            awardId = await db.Awards.Where(a => a.ApplicationId == offer).Select(a => a.Id).SingleAsync();
        }
        var path = $"/cases/awards/{awardId}";
        var link = $"<a id=\"workflow-decide-change\" class=\"button\" href=\"/cases/awards/{awardId}/change/decide\">";
        // The workflow's bare buttons are on the page (the officer may suspend an active award), and no decision link yet.
        var active = await PageAsync(officer, path);
        Assert.Contains(">Suspend</button>", active, StringComparison.Ordinal);
        Assert.DoesNotContain(link, active, StringComparison.Ordinal);

        await AskAsync(awardId, new ChangeRequestInput(ChangeRequestKind.EndDateExtension, "The hall was closed.", new DateOnly(2030, 3, 31)));

        foreach (var decider in new[] { officer, maker })
        {
            var page = await PageAsync(decider, path);
            Assert.DoesNotContain("Approve change</button>", page, StringComparison.Ordinal);
            Assert.DoesNotContain("Approve within the officer's share</button>", page, StringComparison.Ordinal);
            Assert.DoesNotContain("Refuse change</button>", page, StringComparison.Ordinal);
            Assert.Contains(link, page, StringComparison.Ordinal);
        }
        // Following the link: the decision page, with the end date before and after.
        Assert.Contains("<th scope=\"row\">End date</th>", await PageAsync(officer, path + "/change/decide"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task DecisionPage_ForAnAwardThatDoesNotExist_IsNotFound()
    {
        using var officer = await site.SignedInClientAsync(Officer);

        var response = await officer.GetAsync(new Uri("/cases/awards/999999/change/decide", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    private static string ContactNow(Award award) => award.LeadContactName is null ? "None named" : $"{award.LeadContactName} ({award.LeadContactEmail})";

    private async Task AskAsync(int awardId, ChangeRequestInput input)
    {
        var asked = await site.Services.GetRequiredService<ChangeRequestService>().RequestAsync(awardId, input, await ActorAsync(Applicant, Roles.Applicant), Guid.NewGuid().ToString("N"));
        Assert.True(asked.Succeeded, string.Join("; ", asked.Errors.Values));
    }

    /// <summary>The page's text with the white space between tags removed and entities decoded, so a table row reads as one string.</summary>
    private static async Task<string> PageAsync(HttpClient client, string path) => WebUtility.HtmlDecode(Regex.Replace(await client.HtmlAsync(path), @">\s+<", "><"));

    private static Task<HttpResponseMessage> DecideAsync(HttpClient client, string path, string outcome, string comment) =>
        client.PostFormAsync(path, "decide", ("IdempotencyKey", Guid.NewGuid().ToString("N")), ("Input.Outcome", outcome), ("Input.Comment", comment));
}
