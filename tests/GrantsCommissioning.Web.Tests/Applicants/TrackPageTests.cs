using GrantsCommissioning.Core.Features.Returns;
using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using GrantsCommissioning.Core.Data;
using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Core.Features.Awards;
using GrantsCommissioning.Core.Workflow;
using GrantsCommissioning.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GrantsCommissioning.Web.Tests.Applicants;

/// <summary>Part 6 "Track": the dashboard, offers, grants, monitoring returns and attachment panels, through the real app.</summary>
[Collection(DemoSiteCollection.Fourth)]
public partial class TrackPageTests(GrantsWebFactory site)
{
    private const string Applicant = "applicant@demo.opcc-grants.example";
    private const string OtherApplicant = "treasurer@demo.opcc-grants.example";
    private static readonly System.Globalization.CultureInfo Inv = System.Globalization.CultureInfo.InvariantCulture;

    private GrantsDbContext Db() => site.Services.GetRequiredService<IDbContextFactory<GrantsDbContext>>().CreateDbContext();

    [Fact]
    public async Task TrackDashboard_ShowsThingsToDoWithTheOfficersQuery_ThenApplicationsGrantsAndPaymentsMade()
    {
        using var client = await site.SignedInClientAsync(Applicant);
        int offerId, awardId, queriedId;
        await using (var db = Db())
        {
            offerId = await db.Applications.Where(a => a.ApplicationReference == "CGS-CY-0019").Select(a => a.Id).SingleAsync();
            awardId = await db.Awards.Where(a => a.AwardReference == "AWD-CY-0020").Select(a => a.Id).SingleAsync();
            queriedId = await db.Returns.Where(r => r.ReturnReference == "AWD-CY-0020-R1").Select(r => r.Id).SingleAsync();
        }

        // The demo imports the return already queried, with the officer's question.
        var imported = Regex.Replace(await client.HtmlAsync("/applicant"), @"\s+", " ");
        Assert.Contains("Please attach the receipts for the £400 of equipment", System.Net.WebUtility.HtmlDecode(imported), StringComparison.Ordinal);
        Assert.DoesNotContain("Please check the figures and narrative", imported, StringComparison.Ordinal);
        // Sent again and queried again: the newest question replaces it.
        var officer = await ActorAsync("officer@demo.opcc-grants.example", Roles.GrantsOfficer);
        await ResubmitAndQueryAsync(site.Services.GetRequiredService<ICaseWorkflow>(), queriedId, officer, "Please send the attendance register for May.");
        var html = Regex.Replace(await client.HtmlAsync("/applicant"), @"\s+", " ");

        var order = new[] { "Things to do", "Applications", "Grants", "Payments made" }.Select(h => html.IndexOf($"<h3>{h}</h3>", StringComparison.Ordinal)).ToList();
        Assert.Equal(order.Order(), order);
        Assert.DoesNotContain(-1, order);
        Assert.Contains($"href=\"/applicant/offers/{offerId}\"", html, StringComparison.Ordinal);
        Assert.Contains("Accept or decline the offer of £8,000.00", html, StringComparison.Ordinal);
        Assert.Contains("Answer the query on monitoring return AWD-CY-0020-R1", html, StringComparison.Ordinal);
        Assert.Contains("Please send the attendance register for May.", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Please attach the receipts", html, StringComparison.Ordinal);
        Assert.Contains("Send monitoring return AWD-CY-0020-R2", html, StringComparison.Ordinal);
        Assert.Contains($"href=\"/applicant/grants/{awardId}\"", html, StringComparison.Ordinal);
        Assert.Contains("WM-AP-900120", html, StringComparison.Ordinal);
        Assert.Contains("£3,000.00", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Malvern", html, StringComparison.Ordinal);
        using var other = await site.SignedInClientAsync(OtherApplicant);
        var empty = Regex.Replace(await other.HtmlAsync("/applicant"), @"\s+", " ");
        Assert.Contains("Nothing to do for Malvern Town Council right now", empty, StringComparison.Ordinal);
        Assert.DoesNotContain("Hereford", empty, StringComparison.Ordinal);

        var grant = await client.HtmlAsync($"/applicant/grants/{awardId}");
        Assert.Contains("Submit quarterly monitoring returns by the due date.", grant, StringComparison.Ordinal);
        Assert.Contains("AWD-CY-0020-P1", grant, StringComparison.Ordinal);
        Assert.Contains("AWD-CY-0020-R2", grant, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TrackOffer_ShowsTheAgreement_NeedsTheDeclaration_AndAcceptPostedTwiceMakesOneAward()
    {
        using var client = await site.SignedInClientAsync(Applicant);
        var id = await NewOfferAsync("Hereford Street Angels");
        var path = $"/applicant/offers/{id}";

        var page = Regex.Replace(await client.HtmlAsync(path), @"\s+", " ");
        Assert.Contains("£8,000.00", page, StringComparison.Ordinal);
        Assert.Contains("Acknowledge the Commissioner's funding in publicity.", page, StringComparison.Ordinal);
        Assert.Contains("<td class=\"num\">£4,800.00</td>", page, StringComparison.Ordinal);
        Assert.Contains("<td class=\"num\">£4,000.00</td>", page, StringComparison.Ordinal);
        Assert.Contains("I accept the grant on these conditions on behalf of Hereford Street Angels", page, StringComparison.Ordinal);

        var undeclared = await (await client.PostFormAsync(path, "accept", ("IdempotencyKey", "k" + id))).BodyAsync();
        Assert.Contains("<a href=\"#Declaration\">Confirm that you accept the grant", undeclared, StringComparison.Ordinal);

        var html = await client.GetStringAsync(new Uri(path, UriKind.Relative));
        var key = Regex.Match(html, "name=\"IdempotencyKey\" value=\"([0-9a-f]+)\"").Groups[1].Value;
        var token = GrantsWebFactory.AntiforgeryToken(html);
        var posts = await Task.WhenAll(Enumerable.Range(0, 2).Select(async _ =>
        {
            using var content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = token, ["_handler"] = "accept", ["IdempotencyKey"] = key, ["Declaration"] = "true",
                ["State"] = "Closed", ["Amount"] = "999999", ["Input.AmountPence"] = "1",
            });
            return await client.PostAsync(new Uri(path, UriKind.Relative), content);
        }));

        Assert.All(posts, p => Assert.Equal($"{path}/accepted", p.Headers.Location?.AbsolutePath));
        await using var db = Db();
        var award = await db.Awards.SingleAsync(a => a.ApplicationId == id);
        Assert.Equal(800_000, award.AmountPence);
        Assert.Equal(AwardStates.Active, award.State);
        Assert.Equal(ApplicationStates.OfferAccepted, (await db.Applications.SingleAsync(a => a.Id == id)).State);
        Assert.Equal(2, await db.Payments.CountAsync(p => p.AwardId == award.Id));
        var confirmation = await client.HtmlAsync($"{path}/accepted");
        Assert.Contains(award.AwardReference, confirmation, StringComparison.Ordinal);
        Assert.Contains($"href=\"/applicant/grants/{award.Id}\"", confirmation, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TrackDecline_AsksForAReason_ThenDeclinesWithoutAnAward()
    {
        using var client = await site.SignedInClientAsync(Applicant);
        var id = await NewOfferAsync("Hereford Youth Boxing Club");
        var path = $"/applicant/offers/{id}/decline";

        var missing = await (await client.PostFormAsync(path, "decline", ("IdempotencyKey", "d" + id), ("Reason", " "))).BodyAsync();
        var declined = await client.PostFormAsync(path, "decline", ("IdempotencyKey", "d" + id), ("Reason", "The hall is closing for repairs."));

        Assert.Contains("<a href=\"#Reason\">Tell us why you are declining the offer.</a>", missing, StringComparison.Ordinal);
        Assert.Equal($"/applicant/offers/{id}", declined.Headers.Location?.AbsolutePath);
        await using var db = Db();
        Assert.Equal(ApplicationStates.OfferDeclined, (await db.Applications.SingleAsync(a => a.Id == id)).State);
        Assert.False(await db.Awards.AnyAsync(a => a.ApplicationId == id));
        Assert.Contains("The hall is closing for repairs.", await client.HtmlAsync($"/applicant/offers/{id}"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TrackReturn_SubmitWithSpendAndValues_OfficerSeesIt_ThenResubmitAfterAQuery()
    {
        using var client = await site.SignedInClientAsync(Applicant);
        var returnId = await NewDueReturnAsync();
        var path = $"/applicant/returns/{returnId}";
        var form = await client.HtmlAsync(path);
        var lines = Regex.Matches(form, "name=\"Input.Spend\\[(\\d)\\].CostLineId\" value=\"(\\d+)\"").Select(m => m.Groups[2].Value).ToList();
        var indicator = Regex.Match(form, "name=\"Input.Indicators\\[0\\].IndicatorId\" value=\"(\\d+)\"").Groups[1].Value;
        Assert.Equal(2, lines.Count);
        Assert.Contains("Evidence", form, StringComparison.Ordinal);
        (string, string)[] Fields(string first, string narrative) =>
        [
            ("Input.Spend[0].CostLineId", lines[0]), ("Input.Spend[0].Amount", first), ("Input.Spend[1].CostLineId", lines[1]), ("Input.Spend[1].Amount", "400"),
            ("Input.Indicators[0].IndicatorId", indicator), ("Input.Indicators[0].Value", "17"), ("Input.Narrative", narrative),
            ("IdempotencyKey", Guid.NewGuid().ToString("N")), ("State", "Accepted"), ("Input.State", "Accepted"), ("Input.SignOff", "true"),
        ];

        var negative = await (await client.PostFormAsync(path, "return", Fields("-10", "Sessions ran."))).BodyAsync();
        // A negative figure is a correction, refused when it would take spend to date below nothing.
        Assert.Contains("<a href=\"#Spend-0-Amount\">Spend to date on", negative, StringComparison.Ordinal);
        var sent = await client.PostFormAsync(path, "return", Fields("1,250.50", "Sessions ran every Tuesday and Thursday."));
        Assert.Equal($"{path}/sent", sent.Headers.Location?.AbsolutePath);
        Assert.Contains("£1,650.50", await client.HtmlAsync($"{path}/sent"), StringComparison.Ordinal);
        await using (var db = Db())
        {
            var ret = await db.Returns.Include(r => r.SpendLines).Include(r => r.IndicatorValues).SingleAsync(r => r.Id == returnId);
            Assert.Equal(ReturnStates.Submitted, ret.State);
            Assert.Equal(new long[] { 125_050, 40_000 }, ret.SpendLines.OrderBy(l => l.CostLineId).Select(l => l.AmountPence));
            Assert.Equal(17, Assert.Single(ret.IndicatorValues).Value);
        }
        using var officerClient = await site.SignedInClientAsync("officer@demo.opcc-grants.example");
        Assert.Contains("Sessions ran every Tuesday and Thursday.", await officerClient.HtmlAsync($"/cases/returns/{returnId}"), StringComparison.Ordinal);
        Assert.Contains("can no longer be changed", await client.HtmlAsync(path), StringComparison.Ordinal);

        var officer = await ActorAsync("officer@demo.opcc-grants.example", Roles.GrantsOfficer);
        var query = await site.Services.GetRequiredService<ICaseWorkflow>().FireAsync(new TransitionRequest(
            new CaseRef(CaseKind.MonitoringReturn, returnId), ReturnTriggers.Query, officer, Guid.NewGuid().ToString("N")) { Comment = "What was the £400 for?" });
        Assert.True(query.Succeeded, query.Message);
        var queried = await client.HtmlAsync(path);
        Assert.Contains("What was the £400 for?", queried, StringComparison.Ordinal);
        Assert.Contains("Sign off and send the return again", queried, StringComparison.Ordinal);

        var resent = await client.PostFormAsync(path, "return", Fields("1,250.50", "The £400 paid for gloves and pads."));

        Assert.Equal($"{path}/sent", resent.Headers.Location?.AbsolutePath);
        await using var after = Db();
        Assert.Equal(ReturnStates.Submitted, (await after.Returns.SingleAsync(r => r.Id == returnId)).State);
        Assert.Equal("The £400 paid for gloves and pads.", (await after.Returns.SingleAsync(r => r.Id == returnId)).Narrative);
        Assert.Equal(1, await after.WorkflowJournal.CountAsync(j => j.CaseKind == CaseKind.MonitoringReturn && j.CaseId == returnId && j.Trigger == ReturnTriggers.Resubmit));
    }

    public static TheoryData<string> TrackRoutes => new()
    {
        "/applicant/offers/{offer}", "/applicant/offers/{offer}/accepted", "/applicant/offers/{offer}/decline", "/applicant/grants/{award}",
        "/applicant/grants/{award}/change", "/applicant/returns/{return}", "/applicant/returns/{return}/sent", "/applicant/applications/{draft}/documents",
    };

    [Theory]
    [MemberData(nameof(TrackRoutes))]
    public async Task TrackRoutes_WithAnotherOrganisationsIds_Are404WithNoData(string route)
    {
        using var client = await site.SignedInClientAsync(OtherApplicant);
        await using var db = Db();
        var path = route
            .Replace("{offer}", (await db.Applications.SingleAsync(a => a.ApplicationReference == "CGS-CY-0019")).Id.ToString(Inv), StringComparison.Ordinal)
            .Replace("{award}", (await db.Awards.SingleAsync(a => a.AwardReference == "AWD-CY-0020")).Id.ToString(Inv), StringComparison.Ordinal)
            .Replace("{return}", (await db.Returns.SingleAsync(a => a.ReturnReference == "AWD-CY-0020-R2")).Id.ToString(Inv), StringComparison.Ordinal)
            .Replace("{draft}", (await db.Applications.SingleAsync(a => a.ApplicationReference == "CGS-CY-0001")).Id.ToString(Inv), StringComparison.Ordinal);

        var response = await client.GetAsync(new Uri(path, UriKind.Relative));
        var body = await response.BodyAsync();

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.DoesNotContain("Hereford", body, StringComparison.Ordinal);
        Assert.DoesNotContain("CY-00", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TrackPosts_ByAnotherOrganisation_OrWithoutAToken_AreRefusedAndChangeNothing()
    {
        using var owner = await site.SignedInClientAsync(Applicant);
        using var other = await site.SignedInClientAsync(OtherApplicant);
        var id = await NewOfferAsync("Hereford Street Angels");
        int dueReturn;
        await using (var db = Db())
        {
            dueReturn = (await db.Returns.SingleAsync(a => a.ReturnReference == "AWD-CY-0020-R2")).Id;
        }
        var otherToken = GrantsWebFactory.AntiforgeryToken(await other.GetStringAsync(new Uri("/applicant", UriKind.Relative)));

        async Task<HttpResponseMessage> PostAsync(HttpClient client, string path, Dictionary<string, string> fields)
        {
            using var content = new FormUrlEncodedContent(fields);
            return await client.PostAsync(new Uri(path, UriKind.Relative), content);
        }
        var byOther = await PostAsync(other, $"/applicant/offers/{id}", new() { ["__RequestVerificationToken"] = otherToken, ["_handler"] = "accept", ["IdempotencyKey"] = "x1", ["Declaration"] = "true" });
        var declineByOther = await PostAsync(other, $"/applicant/offers/{id}/decline", new() { ["__RequestVerificationToken"] = otherToken, ["_handler"] = "decline", ["IdempotencyKey"] = "x2", ["Reason"] = "x" });
        var returnByOther = await PostAsync(other, $"/applicant/returns/{dueReturn}", new() { ["__RequestVerificationToken"] = otherToken, ["_handler"] = "return", ["IdempotencyKey"] = "x3", ["Input.Narrative"] = "x" });
        var noToken = await PostAsync(owner, $"/applicant/offers/{id}", new() { ["_handler"] = "accept", ["IdempotencyKey"] = "x4", ["Declaration"] = "true" });
        var returnNoToken = await PostAsync(owner, $"/applicant/returns/{dueReturn}", new() { ["_handler"] = "return", ["IdempotencyKey"] = "x5", ["Input.Narrative"] = "x" });

        Assert.Contains(byOther.StatusCode, new[] { HttpStatusCode.NotFound, HttpStatusCode.BadRequest });
        Assert.Contains(declineByOther.StatusCode, new[] { HttpStatusCode.NotFound, HttpStatusCode.BadRequest });
        Assert.Contains(returnByOther.StatusCode, new[] { HttpStatusCode.NotFound, HttpStatusCode.BadRequest });
        Assert.Equal(HttpStatusCode.BadRequest, noToken.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, returnNoToken.StatusCode);
        await using var after = Db();
        Assert.Equal(ApplicationStates.OfferMade, (await after.Applications.SingleAsync(a => a.Id == id)).State);
        Assert.False(await after.Awards.AnyAsync(a => a.ApplicationId == id));
        Assert.Equal(ReturnStates.Due, (await after.Returns.SingleAsync(r => r.Id == dueReturn)).State);
    }

    [Fact]
    public async Task TrackAttachmentPanel_OnTheOrganisationProfile_UploadsListsDownloadsAndRemoves()
    {
        using var client = await site.SignedInClientAsync(Applicant);
        int orgId;
        await using (var db = Db())
        {
            orgId = await db.Organisations.Where(o => o.Name == "Hereford Street Angels").Select(o => o.Id).SingleAsync();
        }
        var profile = await client.GetStringAsync(new Uri($"/applicant/organisations/{orgId}", UriKind.Relative));
        var action = WebUtility.HtmlDecode(Regex.Match(profile, "action=\"(/attachments/Organisation/\\d+\\?purpose=Safeguarding[^\"]+)\"").Groups[1].Value);
        Assert.Contains("PDF, DOCX", profile, StringComparison.Ordinal);
        Assert.Contains("smaller than 10 MB", profile, StringComparison.Ordinal);

        using var content = new MultipartFormDataContent();
        content.Add(new StringContent(GrantsWebFactory.AntiforgeryToken(profile)), "__RequestVerificationToken");
        var file = new ByteArrayContent("%PDF-1.4\n% safeguarding\n%%EOF\n"u8.ToArray());
        file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        content.Add(file, "file", "Safeguarding 2025.pdf");
        var upload = await client.PostAsync(new Uri(action, UriKind.Relative), content);

        Assert.Equal(HttpStatusCode.Redirect, upload.StatusCode);
        var back = upload.Headers.Location!.OriginalString;
        Assert.StartsWith($"/applicant/organisations/{orgId}?panel=safeguarding", back, StringComparison.Ordinal);
        var shown = Regex.Replace(await client.HtmlAsync(back), @"\s+", " ");
        Assert.Contains("Safeguarding 2025.pdf has been uploaded.", shown, StringComparison.Ordinal);
        var id = Regex.Match(shown, "<a href=\"/attachments/(\\d+)\" download>Safeguarding 2025.pdf</a>").Groups[1].Value;
        Assert.NotEmpty(id);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri($"/attachments/{id}", UriKind.Relative))).StatusCode);
        var equality = shown[shown.IndexOf("id=\"attachments-equality\"", StringComparison.Ordinal)..];
        Assert.DoesNotContain("Safeguarding 2025.pdf", equality, StringComparison.Ordinal);

        using var delete = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = GrantsWebFactory.AntiforgeryToken(await client.GetStringAsync(new Uri($"/applicant/organisations/{orgId}", UriKind.Relative))),
            ["returnUrl"] = $"/applicant/organisations/{orgId}",
        });
        var deleted = await client.PostAsync(new Uri($"/attachments/{id}/delete", UriKind.Relative), delete);
        Assert.Equal(HttpStatusCode.Redirect, deleted.StatusCode);
        Assert.DoesNotContain("Safeguarding 2025.pdf", await client.HtmlAsync($"/applicant/organisations/{orgId}"), StringComparison.Ordinal);

        var bad = await client.PostAsync(new Uri($"/attachments/Organisation/{orgId}?purpose=Equality%20policy&returnUrl=/applicant/organisations/{orgId}%3Fpanel%3Dequality", UriKind.Relative),
            await BadUploadAsync(client, orgId));
        var error = await client.HtmlAsync(bad.Headers.Location!.OriginalString);
        Assert.Contains("The file's contents are not a PDF", error, StringComparison.Ordinal);
    }

    private async Task<MultipartFormDataContent> BadUploadAsync(HttpClient client, int orgId)
    {
        var content = new MultipartFormDataContent();
        content.Add(new StringContent(GrantsWebFactory.AntiforgeryToken(await client.GetStringAsync(new Uri($"/applicant/organisations/{orgId}", UriKind.Relative)))), "__RequestVerificationToken");
        content.Add(new ByteArrayContent([0x4D, 0x5A, 0x90, 0x00]), "file", "policy.pdf");
        return content;
    }

    private async Task<Actor> ActorAsync(string email, string role)
    {
        await using var db = Db();
        var user = await db.Users.SingleAsync(u => u.Email == email);
        return Actor.For(user.Id, user.DisplayName, role);
    }

    /// <summary>A fresh part-funded offer (£8,000 of £10,000) for one of the demo applicant's organisations, so tests that act on it do not share it.</summary>
    private async Task<int> NewOfferAsync(string organisation)
    {
        var workflow = site.Services.GetRequiredService<ICaseWorkflow>();
        await using var db = Db();
        var round = await db.Rounds.SingleAsync(r => r.Reference == "CGS-CURRENT");
        var application = new GrantApplication
        {
            ApplicationReference = "TRK-" + Guid.NewGuid().ToString("N")[..10], RoundId = round.Id,
            OrganisationId = await db.Organisations.Where(o => o.Name == organisation).Select(o => o.Id).SingleAsync(),
            ProjectTitle = "Track test project", Summary = "A project for the tracking tests.", AmountRequestedPence = 1_000_000,
            CreatedAt = DateTimeOffset.UtcNow, UpdatedAt = DateTimeOffset.UtcNow, SubmittedAt = DateTimeOffset.UtcNow.AddDays(-30),
        };
        application.BudgetLines.Add(new ApplicationBudgetLine { Order = 1, Description = "Coaches", Category = "Staff", AmountPence = 600_000 });
        application.BudgetLines.Add(new ApplicationBudgetLine { Order = 2, Description = "Equipment", Category = "Running costs", AmountPence = 400_000 });
        application.Indicators.Add(new ApplicationIndicator { Name = "Young people attending", Unit = "people", Target = 40 });
        application.Decisions.Add(new Decision
        {
            Outcome = DecisionOutcome.PartFund, AmountPence = 800_000, Rationale = "Meets the criteria.", Conditions = "Acknowledge the Commissioner's funding in publicity.",
            DecidedByUserId = "test-decider", DecidedByName = "Test decider", AuthorityLevel = AuthorityLevel.DecisionMaker, DecidedAt = DateTimeOffset.UtcNow.AddDays(-1),
        });
        db.Applications.Add(application);
        await db.SaveChangesAsync();
        workflow.Import(db, application, ApplicationStates.OfferMade, DateTimeOffset.UtcNow);
        await db.SaveChangesAsync();
        return application.Id;
    }

    /// <summary>Accepts a fresh offer through AwardService as the demo applicant and opens its first return (as an officer may).</summary>
    private async Task<int> NewDueReturnAsync()
    {
        var offer = await NewOfferAsync("Hereford Youth Boxing Club");
        var accepted = await site.Services.GetRequiredService<AwardService>().AcceptOfferAsync(offer, await ActorAsync(Applicant, Roles.Applicant), Guid.NewGuid().ToString("N"));
        Assert.True(accepted.Succeeded, string.Join("; ", accepted.Errors.Values));
        var officer = await ActorAsync("officer@demo.opcc-grants.example", Roles.GrantsOfficer);
        await using var db = Db();
        var id = await db.Returns.Where(r => r.Award!.ApplicationId == offer).OrderBy(r => r.PeriodStart).Select(r => r.Id).FirstAsync();
        var opened = await site.Services.GetRequiredService<ICaseWorkflow>().FireAsync(
            new TransitionRequest(new CaseRef(CaseKind.MonitoringReturn, id), ReturnTriggers.Open, officer, Guid.NewGuid().ToString("N")));
        Assert.True(opened.Succeeded, opened.Message);
        return id;
    }

    /// <summary>Queries a queried return again: Resubmit by the applicant, then Query by the officer with <paramref name="comment"/>.</summary>
    private async Task ResubmitAndQueryAsync(ICaseWorkflow workflow, int returnId, Actor officer, string comment)
    {
        var applicant = await ActorAsync(Applicant, Roles.Applicant);
        Assert.True((await workflow.FireAsync(new TransitionRequest(new CaseRef(CaseKind.MonitoringReturn, returnId), ReturnTriggers.Resubmit, applicant, Guid.NewGuid().ToString("N"))
        {
            Payload = new ReturnSubmission(returnId, new Dictionary<int, Money>(), new Dictionary<int, double>(), "Sent again with the attendance figures."),
        })).Succeeded);
        Assert.True((await workflow.FireAsync(new TransitionRequest(new CaseRef(CaseKind.MonitoringReturn, returnId), ReturnTriggers.Query, officer, Guid.NewGuid().ToString("N")) { Comment = comment })).Succeeded);
    }
}
