using System.Globalization;
using System.Net;
using GrantsCommissioning.Core.Data;
using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Core.Workflow;
using GrantsCommissioning.Web.Tests.Applicants;
using GrantsCommissioning.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GrantsCommissioning.Web.Tests.Applications;

/// <summary>
/// The review page's submit when it does not go through: the post goes straight to the workflow's transaction, and only
/// when that refuses does the page read the application to say why. Each test has a round of its own, so closing it
/// touches no other test's data.
/// </summary>
[Collection(DemoSiteCollection.Fourth)]
public class ApplicationReviewSubmitTests(GrantsWebFactory site)
{
    private const string Applicant = "applicant@demo.opcc-grants.example";
    private const string OtherApplicant = "treasurer@demo.opcc-grants.example";

    private GrantsDbContext Db() => site.Services.GetRequiredService<IDbContextFactory<GrantsDbContext>>().CreateDbContext();

    [Fact]
    public async Task SubmitPost_WhenTheRoundClosedAfterTheReviewPageWasShown_SaysItClosed_AndChangesNothing()
    {
        using var client = await site.SignedInClientAsync(Applicant);
        var (id, roundId) = await CompleteDraftAsync(client);
        var (key, token) = await ReviewFormAsync(client, id);
        await using (var db = Db())
        {
            var round = await db.Rounds.SingleAsync(r => r.Id == roundId);
            round.ClosesAt = DateTimeOffset.UtcNow.AddMinutes(-1);
            await db.SaveChangesAsync();
        }

        var response = await PostSubmitAsync(client, id, key, token);

        var body = await response.BodyAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("There is a problem", body, StringComparison.Ordinal);
        Assert.Contains("Applications can no longer be submitted", body, StringComparison.Ordinal);
        Assert.Contains("<title>Error: Check your answers before submitting</title>", body, StringComparison.Ordinal);
        await AssertStillADraftAsync(id);
    }

    [Fact]
    public async Task SubmitPost_WhenACoUserEmptiedASectionAfterTheReviewPageWasShown_LinksToTheAnswerNeeded_AndChangesNothing()
    {
        using var client = await site.SignedInClientAsync(Applicant);
        var (id, _) = await CompleteDraftAsync(client);
        var (key, token) = await ReviewFormAsync(client, id);
        await using (var db = Db())
        {
            var application = await db.Applications.SingleAsync(a => a.Id == id);
            application.ProjectTitle = "";
            await db.SaveChangesAsync();
        }

        var response = await PostSubmitAsync(client, id, key, token);

        var body = await response.BodyAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("There is a problem", body, StringComparison.Ordinal);
        Assert.Contains($"href=\"/applicant/applications/{id}/project#ProjectTitle\">Enter the title of your project.", body, StringComparison.Ordinal);
        await AssertStillADraftAsync(id);
    }

    [Fact]
    public async Task SubmitPost_ToAnotherOrganisationsCompleteDraft_IsRefusedWithNoData_AndChangesNothing()
    {
        using var owner = await site.SignedInClientAsync(Applicant);
        using var other = await site.SignedInClientAsync(OtherApplicant);
        var (id, _) = await CompleteDraftAsync(owner);
        var (key, _) = await ReviewFormAsync(owner, id);
        var token = GrantsWebFactory.AntiforgeryToken(await other.GetStringAsync(new Uri("/applicant", UriKind.Relative)));

        var response = await PostSubmitAsync(other, id, key, token);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var body = await response.BodyAsync();
        Assert.DoesNotContain("Hereford Street Angels", body, StringComparison.Ordinal);
        Assert.DoesNotContain("Review submit test", body, StringComparison.Ordinal);
        await AssertStillADraftAsync(id);
    }

    /// <summary>A short-form draft with every section complete, on a new open round, through the applicant's own pages.</summary>
    private async Task<(int Id, int RoundId)> CompleteDraftAsync(HttpClient client)
    {
        var reference = "REVIEW-" + Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();
        int roundId, orgId;
        await using (var db = Db())
        {
            var template = await db.Rounds.Include(r => r.Objectives).SingleAsync(r => r.Reference == "SMALL-CURRENT");
            var now = DateTimeOffset.UtcNow;
            var round = new FundingRound
            {
                FundId = template.FundId, Reference = reference, Title = "Small fund – review submit test " + reference, Purpose = template.Purpose,
                WhoCanApply = template.WhoCanApply, OpensAt = now.AddDays(-1), ClosesAt = now.AddDays(30),
                MinAwardPence = template.MinAwardPence, MaxAwardPence = template.MaxAwardPence, UsesShortForm = true, PublishedAt = now,
                Objectives = [.. template.Objectives],
            };
            db.Rounds.Add(round);
            await db.SaveChangesAsync();
            roundId = round.Id;
            orgId = await db.Organisations.Where(o => o.Name == "Hereford Street Angels").Select(o => o.Id).SingleAsync();
        }
        var started = await client.PostFormAsync($"/applicant/apply/{reference}", "start", ("OrganisationId", orgId.ToString(CultureInfo.InvariantCulture)));
        Assert.Equal(HttpStatusCode.Redirect, started.StatusCode);
        var id = PortalClient.ApplicationIdFrom(started.Headers.Location);
        var app = $"/applicant/applications/{id}";
        Assert.Equal(HttpStatusCode.Redirect, (await client.PostFormAsync($"{app}/project", "project", ("Input.ProjectTitle", "Review submit test"),
            ("Input.Summary", "Bleed kits for door staff."), ("Input.AmountRequested", "450"), ("Intent", "continue"))).StatusCode);
        await client.CompleteShortFormAsync(app);
        return (id, roundId);
    }

    private static async Task<(string Key, string Token)> ReviewFormAsync(HttpClient client, int id)
    {
        var form = await client.ReviewFormAsync($"/applicant/applications/{id}");
        Assert.NotEqual("", form.Key);
        return form;
    }

    private static Task<HttpResponseMessage> PostSubmitAsync(HttpClient client, int id, string key, string token) =>
        client.PostSubmitAsync($"/applicant/applications/{id}", key, token);

    private async Task AssertStillADraftAsync(int id)
    {
        await using var db = Db();
        var application = await db.Applications.AsNoTracking().SingleAsync(a => a.Id == id);
        Assert.Equal(ApplicationStates.Draft, application.State);
        Assert.Null(application.SubmittedAt);
        Assert.False(await db.WorkflowJournal.AnyAsync(j => j.CaseKind == CaseKind.Application && j.CaseId == id && j.Trigger == ApplicationTriggers.Submit));
        Assert.False(await db.Outbox.AnyAsync(o => o.Template == "application-submitted" && o.Subject.Contains(application.ApplicationReference)));
    }
}
