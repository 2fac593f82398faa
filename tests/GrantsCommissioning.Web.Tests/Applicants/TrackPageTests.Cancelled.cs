using System.Text.RegularExpressions;
using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Core.Features.Payments;
using GrantsCommissioning.Core.Workflow;
using GrantsCommissioning.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GrantsCommissioning.Web.Tests.Applicants;

public partial class TrackPageTests
{
    [Fact]
    public async Task TrackReturn_OnAGrantEndedWhileTheFormWasOpen_IsRefusedWithTheReason_AndShownAsCancelled()
    {
        using var client = await site.SignedInClientAsync(Applicant);
        var returnId = await NewDueReturnAsync();
        var path = $"/applicant/returns/{returnId}";
        int awardId;
        await using (var db = Db())
        {
            awardId = await db.Returns.Where(r => r.Id == returnId).Select(r => r.AwardId).SingleAsync();
        }
        // The grantee opens the form while the return is due ...
        var form = await client.HtmlAsync(path);
        var token = GrantsWebFactory.AntiforgeryToken(form);
        var lines = Regex.Matches(form, "name=\"Input.Spend\\[(\\d)\\].CostLineId\" value=\"(\\d+)\"").Select(m => m.Groups[2].Value).ToList();
        Assert.Equal(2, lines.Count);
        using var officer = await site.SignedInClientAsync("officer@demo.opcc-grants.example");
        Assert.Contains("Escalation to the officer", await officer.GetStringAsync(new Uri($"/cases/returns/{returnId}", UriKind.Relative)), StringComparison.Ordinal);
        // ... the grant is terminated meanwhile ...
        var reason = "The club closed in November and the sessions stopped.";
        var terminated = await site.Services.GetRequiredService<AwardTermination>().TerminateAsync(awardId, reason,
            new TerminationDecision(Money.Zero, null), await ActorAsync("chief.executive@demo.opcc-grants.example", Roles.DecisionMaker), Guid.NewGuid().ToString("N"));
        Assert.True(terminated.Succeeded, string.Join(" ", terminated.Errors.Values));

        // ... and the owner signs it off and sends it.
        using var content = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["_handler"] = "return", ["IdempotencyKey"] = Guid.NewGuid().ToString("N"),
            ["Input.Spend[0].CostLineId"] = lines[0], ["Input.Spend[0].Amount"] = "100", ["Input.Spend[1].CostLineId"] = lines[1], ["Input.Spend[1].Amount"] = "50",
            ["Input.Narrative"] = "Sessions ran until the club closed.", ["Input.SignOff"] = "true",
        });
        var sent = await client.PostAsync(new Uri(path, UriKind.Relative), content);
        var body = await sent.BodyAsync();

        Assert.Equal(System.Net.HttpStatusCode.OK, sent.StatusCode);
        Assert.Null(sent.Headers.Location);
        Assert.Contains("This return was cancelled and is no longer needed (Award terminated: The club closed in November and the sessions stopped)."
            + " It cannot be sent or changed, and nothing was saved.", body, StringComparison.Ordinal);
        Assert.Contains("<title>Error: ", body, StringComparison.Ordinal);
        await using (var db = Db())
        {
            var ret = await db.Returns.Include(r => r.SpendLines).SingleAsync(r => r.Id == returnId);
            Assert.Equal((ReturnStates.Cancelled, 0, null), (ret.State, ret.SpendLines.Count, ret.Narrative));
            Assert.Null(ret.SubmittedAt);
            Assert.False(await db.WorkflowJournal.AnyAsync(j => j.CaseKind == CaseKind.MonitoringReturn && j.CaseId == returnId && j.Trigger == ReturnTriggers.Submit));
        }
        // The officer's page no longer shows a reminder, overdue notice or escalation to come.
        var staffPage = await officer.GetStringAsync(new Uri($"/cases/returns/{returnId}", UriKind.Relative));
        Assert.Contains("Cancelled (award ended)", staffPage, StringComparison.Ordinal);
        Assert.DoesNotContain("Escalation to the officer", staffPage, StringComparison.Ordinal);
        Assert.DoesNotContain("Overdue notice", staffPage, StringComparison.Ordinal);
        // The return and the grant's list show it cancelled, with the reason; it is no longer a thing to do.
        var page = Regex.Replace(await client.HtmlAsync(path), @"\s+", " ");
        Assert.Contains("Cancelled (award ended)", page, StringComparison.Ordinal);
        Assert.Contains("Award terminated: " + reason, page, StringComparison.Ordinal);
        Assert.DoesNotContain("Sign off and send", page, StringComparison.Ordinal);
        var grant = Regex.Replace(await client.HtmlAsync($"/applicant/grants/{awardId}"), @"\s+", " ");
        Assert.Matches($@"href=""/applicant/returns/{returnId}"">[^<]+</a></td>.*?<span class=""tag"">Cancelled \(award ended\)</span>\s*<span class=""form-hint"">Award terminated: {Regex.Escape(reason)}</span>", grant);
        Assert.DoesNotContain($"/applicant/returns/{returnId}\"", await client.HtmlAsync("/applicant"), StringComparison.Ordinal);
    }
}
