using System.Net;
using System.Text.RegularExpressions;
using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Core.Features.Awards;
using GrantsCommissioning.Core.Features.Monitoring;
using GrantsCommissioning.Core.Workflow;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GrantsCommissioning.Web.Tests.Applicants;

/// <summary>Item 5 of issue 13: the grantee asks for a change from their grant's page, through the real form.</summary>
public partial class TrackPageTests
{
    [Fact]
    public async Task GrantChange_TheGranteeAsksForMoreTime_TheOfficerApproves_AndTheGrantShowsTheNewEndAndTheHistory()
    {
        using var client = await site.SignedInClientAsync(Applicant);
        var offer = await NewOfferAsync("Hereford Street Angels");
        Assert.True((await site.Services.GetRequiredService<AwardService>().AcceptOfferAsync(offer, await ActorAsync(Applicant, Roles.Applicant), Guid.NewGuid().ToString("N"))).Succeeded);
        int awardId;
        DateOnly end;
        await using (var db = Db())
        {
            var award = await db.Awards.SingleAsync(a => a.ApplicationId == offer);
            (awardId, end) = (award.Id, award.EndDate);
        }
        var grantPath = $"/applicant/grants/{awardId}";
        var path = grantPath + "/change";
        Assert.Contains($"href=\"{path}\"", await client.HtmlAsync(grantPath), StringComparison.Ordinal);
        var uk = System.Globalization.CultureInfo.GetCultureInfo("en-GB");
        var newEnd = end.AddMonths(2);

        var notLater = WebUtility.HtmlDecode(await (await client.PostFormAsync(path, "change", ("IdempotencyKey", "c1-" + awardId), ("Input.Kind", "EndDateExtension"),
            ("Input.NewEndDate", end.ToString("yyyy-MM-dd", Inv)), ("Input.Reason", "The hall was closed for repairs."))).BodyAsync());
        var sent = await client.PostFormAsync(path, "change", ("IdempotencyKey", "c2-" + awardId), ("Input.Kind", "EndDateExtension"),
            ("Input.NewEndDate", newEnd.ToString("yyyy-MM-dd", Inv)), ("Input.Reason", "The hall was closed for repairs."));

        Assert.Contains($"The new end date must be after the current one, {end.ToString("d MMMM yyyy", uk)}.", notLater, StringComparison.Ordinal);
        Assert.Equal(grantPath, sent.Headers.Location?.AbsolutePath);
        var waiting = WebUtility.HtmlDecode(Regex.Replace(await client.HtmlAsync(grantPath), @"\s+", " "));
        Assert.Contains("A change is waiting for a decision.", waiting, StringComparison.Ordinal);
        Assert.DoesNotContain($"href=\"{path}\"", waiting, StringComparison.Ordinal);
        // A second request while one waits: the form says so and nothing more is recorded.
        Assert.Contains("is already waiting for a decision; another can be asked for once it is decided.", WebUtility.HtmlDecode(await client.HtmlAsync(path)), StringComparison.Ordinal);

        var approved = await site.Services.GetRequiredService<ChangeRequestService>().DecideAsync(awardId, true, null,
            await ActorAsync("officer@demo.opcc-grants.example", Roles.GrantsOfficer), Guid.NewGuid().ToString("N"));

        Assert.True(approved.Succeeded, string.Join("; ", approved.Errors.Values));
        var grant = WebUtility.HtmlDecode(Regex.Replace(await client.HtmlAsync(grantPath), @"\s+", " "));
        Assert.Contains($"Extend the end date from {end.ToString("d MMMM yyyy", uk)} to {newEnd.ToString("d MMMM yyyy", uk)}", grant, StringComparison.Ordinal);
        Assert.Contains("<span class=\"tag\">Approved</span>", grant, StringComparison.Ordinal);
        Assert.Contains($"to {newEnd.ToString("d MMMM yyyy", uk)}</dd>", grant, StringComparison.Ordinal);
        await using var after = Db();
        var changed = await after.Awards.SingleAsync(a => a.Id == awardId);
        Assert.Equal((AwardStates.Active, newEnd), (changed.State, changed.EndDate));
        Assert.Equal(1, await after.AwardChangeRequests.CountAsync(c => c.AwardId == awardId));
    }

    [Fact]
    public async Task GrantChange_RefusedOnTheDecisionPage_TheGranteesHistoryShowsWhyItWasRefused()
    {
        using var grantee = await site.SignedInClientAsync(Applicant);
        using var officer = await site.SignedInClientAsync("officer@demo.opcc-grants.example");
        var offer = await NewOfferAsync("Hereford Street Angels");
        Assert.True((await site.Services.GetRequiredService<AwardService>().AcceptOfferAsync(offer, await ActorAsync(Applicant, Roles.Applicant), Guid.NewGuid().ToString("N"))).Succeeded);
        int awardId;
        await using (var db = Db())
        {
            awardId = await db.Awards.Where(a => a.ApplicationId == offer).Select(a => a.Id).SingleAsync();
        }
        var grantPath = $"/applicant/grants/{awardId}";
        await AskAsync(awardId, new ChangeRequestInput(ChangeRequestKind.LeadContactChange, "Sam has left.") { ContactName = "Priya Shah", ContactEmail = "priya@example.org" });
        Assert.DoesNotContain("Why it was refused", await grantee.HtmlAsync(grantPath), StringComparison.Ordinal);

        var refused = await officer.PostFormAsync($"/cases/awards/{awardId}/change/decide", "decide", ("IdempotencyKey", Guid.NewGuid().ToString("N")),
            ("Input.Outcome", "Refuse"), ("Input.Comment", "  Priya is not yet a member of your organisation: invite her first, then ask again.  "));

        Assert.Equal($"/cases/awards/{awardId}", refused.Headers.Location?.AbsolutePath);
        var grant = WebUtility.HtmlDecode(Regex.Replace(await grantee.HtmlAsync(grantPath), @"\s+", " "));
        var row = Regex.Match(grant, "<tr>(?:(?!</tr>).)*Change the lead contact from (?:(?!</tr>).)*</tr>").Value;
        Assert.Contains("<span class=\"tag\">Refused</span> by ", row, StringComparison.Ordinal);
        Assert.Contains("Why it was refused: Priya is not yet a member of your organisation: invite her first, then ask again.</p>", row, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DemoAward_ItsRefusedExtension_ShowsWhyItWasRefused_OnTheStaffAwardPage()
    {
        using var officer = await site.SignedInClientAsync("officer@demo.opcc-grants.example");
        int awardId;
        await using (var db = Db())
        {
            awardId = await db.Awards.Where(a => a.AwardReference == "AWD-CY-0015").Select(a => a.Id).SingleAsync();
        }

        var page = WebUtility.HtmlDecode(Regex.Replace(await officer.HtmlAsync($"/cases/awards/{awardId}"), @"\s+", " "));

        var row = Regex.Match(page, "<tr>(?:(?!</tr>).)*Two months more to run the summer sessions(?:(?!</tr>).)*</tr>").Value;
        Assert.Contains("<span class=\"tag\">Refused</span> by Jamal Hussain", row, StringComparison.Ordinal);
        Assert.Contains("Why it was refused: Keep the end date: the autumn sessions belong in next year's application", row, StringComparison.Ordinal);
    }
}
