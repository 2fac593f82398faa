using System.Net;
using System.Text.RegularExpressions;
using GrantsCommissioning.Core.Data;
using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Core.Workflow;
using GrantsCommissioning.Web.Tests.Applicants;
using GrantsCommissioning.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GrantsCommissioning.Web.Tests.Applications;

[Collection(DemoSiteCollection.Fourth)]
public class ApplicantPortalTests(GrantsWebFactory site)
{
    private const string Applicant = "applicant@demo.opcc-grants.example";
    private const string OtherApplicant = "treasurer@demo.opcc-grants.example";

    private GrantsDbContext Db() => site.Services.GetRequiredService<IDbContextFactory<GrantsDbContext>>().CreateDbContext();

    private async Task<int> OrganisationIdAsync(string name)
    {
        await using var db = Db();
        return await db.Organisations.Where(o => o.Name == name).Select(o => o.Id).SingleAsync();
    }

    [Fact]
    public async Task FundingPages_ShowOpenRoundsFiltersDetailAndEligibility()
    {
        using var client = site.NewClient();

        var all = await client.HtmlAsync("/funding");
        var small = await client.HtmlAsync("/funding?fund=SMALL");
        var detail = Regex.Replace(await client.HtmlAsync("/funding/CGS-CURRENT"), @"\s+", " ");

        Assert.Contains("Commissioner's Grant Scheme – community safety projects", all, StringComparison.Ordinal);
        Assert.Contains("Commissioner's Small Fund – grants up to £500", all, StringComparison.Ordinal);
        Assert.DoesNotContain("community safety projects", small, StringComparison.Ordinal);
        Assert.Contains("Commissioner's Small Fund – grants up to £500", small, StringComparison.Ordinal);
        Assert.Contains("Who can apply", detail, StringComparison.Ordinal);
        Assert.Contains("(UK time)", detail, StringComparison.Ordinal);
        Assert.Contains("£25,000", detail, StringComparison.Ordinal);
        Assert.Contains("Weight", detail, StringComparison.Ordinal);
        Assert.Contains("/funding/CGS-CURRENT", await client.HtmlAsync("/"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task EligibilityChecker_GivesFailureMessagesOrEligible_AndAsksForMissingAnswers()
    {
        using var client = site.NewClient();
        const string path = "/funding/SMALL-CURRENT/eligibility";
        var ids = Regex.Matches(await client.GetStringAsync(new Uri(path, UriKind.Relative)), "name=\"Answers\\[(\\d+)\\].RuleId\" value=\"(\\d+)\"")
            .Select(m => m.Groups[2].Value).ToList();
        Assert.Equal(2, ids.Count);

        var missing = await (await client.PostFormAsync(path, "eligibility", ("Answers[0].RuleId", ids[0]), ("Answers[1].RuleId", ids[1]))).BodyAsync();
        var failing = await (await client.PostFormAsync(path, "eligibility", ("Answers[0].RuleId", ids[0]), ("Answers[0].Answer", "yes"),
            ("Answers[1].RuleId", ids[1]), ("Answers[1].Answer", "no"))).BodyAsync();
        var eligible = await (await client.PostFormAsync(path, "eligibility", ("Answers[0].RuleId", ids[0]), ("Answers[0].Answer", "yes"),
            ("Answers[1].RuleId", ids[1]), ("Answers[1].Answer", "yes"))).BodyAsync();

        Assert.Contains("There is a problem", missing, StringComparison.Ordinal);
        Assert.Contains($"href=\"#q{ids[0]}\"", missing, StringComparison.Ordinal);
        Assert.Contains("The small fund pays at most £500 to each applicant.", failing, StringComparison.Ordinal);
        Assert.Contains("You can apply", eligible, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ShortFormJourney_ErrorsLinkToFields_SubmitTwiceMakesOneSubmissionOneReceiptEmail()
    {
        using var client = await site.SignedInClientAsync(Applicant);
        var orgId = await OrganisationIdAsync("Hereford Street Angels");

        var started = await client.PostFormAsync("/applicant/apply/SMALL-CURRENT", "start", ("OrganisationId", orgId.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal(HttpStatusCode.Redirect, started.StatusCode);
        var id = PortalClient.ApplicationIdFrom(started.Headers.Location);
        var app = $"/applicant/applications/{id}";

        var tooMuch = await client.PostFormAsync($"{app}/project", "project", ("Input.ProjectTitle", "Bleed kits for door staff"),
            ("Input.Summary", "First-aid training and bleed kits for venues."), ("Input.AmountRequested", "600"), ("Intent", "continue"));
        var tooMuchHtml = await tooMuch.BodyAsync();
        Assert.Equal(HttpStatusCode.OK, tooMuch.StatusCode);
        Assert.Contains("There is a problem", tooMuchHtml, StringComparison.Ordinal);
        Assert.Contains("<a href=\"#AmountRequested\">The amount must be £500 or less", tooMuchHtml, StringComparison.Ordinal);
        Assert.Contains("id=\"AmountRequested-error\"", tooMuchHtml, StringComparison.Ordinal);
        await using (var db = Db())
        {
            Assert.Equal("", (await db.Applications.SingleAsync(a => a.Id == id)).ProjectTitle);
        }

        var autosave = await client.PostFormAsync($"{app}/project", "project", ("Input.ProjectTitle", "Bleed kits for door staff"),
            ("Input.Summary", "First-aid training and bleed kits for venues."), ("Intent", "autosave"));
        Assert.Matches("Saved at [0-2][0-9]:[0-5][0-9]", await autosave.BodyAsync());

        var project = await client.PostFormAsync($"{app}/project", "project", ("Input.ProjectTitle", "Bleed kits for door staff"),
            ("Input.Summary", "First-aid training and bleed kits for venues."), ("Input.AmountRequested", "450"), ("Intent", "continue"));
        Assert.Equal(HttpStatusCode.Redirect, project.StatusCode);
        await client.CompleteShortFormAsync(app);
        var tasks = await client.HtmlAsync(app);
        Assert.Equal(3, Regex.Count(tasks, ">Completed<"));

        var (key, token) = await client.ReviewFormAsync(app);
        var posts = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => client.PostSubmitAsync(app, key, token)));

        Assert.All(posts, p => Assert.Equal($"{app}/receipt", p.Headers.Location?.AbsolutePath));
        // A retry after the first submit committed (the browser gave up waiting and posts the same form again) gets the
        // receipt too, not 400 for a form the submitted page no longer shows.
        var retry = await client.PostSubmitAsync(app, key, token);
        Assert.Equal(HttpStatusCode.Redirect, retry.StatusCode);
        Assert.Equal($"{app}/receipt", retry.Headers.Location?.AbsolutePath);
        var receipt = await client.HtmlAsync($"{app}/receipt");
        await using (var db = Db())
        {
            var submitted = await db.Applications.SingleAsync(a => a.Id == id);
            Assert.Equal(ApplicationStates.Submitted, submitted.State);
            Assert.NotNull(submitted.SubmittedAt);
            Assert.Contains(submitted.ApplicationReference, receipt, StringComparison.Ordinal);
            Assert.Contains(UkTime.Describe(submitted.SubmittedAt.Value), receipt, StringComparison.Ordinal);
            Assert.Equal(1, await db.WorkflowJournal.CountAsync(j => j.CaseKind == CaseKind.Application && j.CaseId == id && j.Trigger == ApplicationTriggers.Submit));
            var members = await db.OrganisationMembers.CountAsync(m => m.OrganisationId == orgId);
            Assert.Equal(members, await db.Outbox.CountAsync(o => o.Template == "application-submitted" && o.Subject.Contains(submitted.ApplicationReference)));
        }
        Assert.Contains($"{app}/receipt", await client.HtmlAsync("/applicant"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ApplicantPost_WithoutAntiforgeryToken_Gets400AndChangesNothing()
    {
        using var client = await site.SignedInClientAsync(Applicant);
        var id = await DraftIdAsync("Hereford Youth Boxing Club");
        using var content = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "project", ["Input.ProjectTitle"] = "Changed without a token", ["Intent"] = "later",
        });

        var response = await client.PostAsync(new Uri($"/applicant/applications/{id}/project", UriKind.Relative), content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        await using var db = Db();
        Assert.NotEqual("Changed without a token", (await db.Applications.SingleAsync(a => a.Id == id)).ProjectTitle);
    }

    [Fact]
    public async Task ApplicantForms_IgnoreStateAndAwardFields_PostedWithThem()
    {
        using var client = await site.SignedInClientAsync(Applicant);
        var id = await DraftIdAsync("Hereford Youth Boxing Club");

        var response = await client.PostFormAsync($"/applicant/applications/{id}/project", "project", ("Input.ProjectTitle", "Boxing against knife crime"),
            ("Input.State", "OfferAccepted"), ("State", "OfferAccepted"), ("Input.AmountAwarded", "25000"), ("Input.OrganisationId", "1"),
            ("Input.DeadlineExtendedTo", "2099-01-01"), ("Intent", "later"));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        await using var db = Db();
        var application = await db.Applications.SingleAsync(a => a.Id == id);
        Assert.Equal("Boxing against knife crime", application.ProjectTitle);
        Assert.Equal(ApplicationStates.Draft, application.State);
        Assert.Null(application.DeadlineExtendedTo);
        Assert.Equal(await OrganisationIdAsync("Hereford Youth Boxing Club"), application.OrganisationId);
        Assert.False(await db.Decisions.AnyAsync(d => d.ApplicationId == id));
    }

    public static TheoryData<string> ApplicationRoutes => new()
    {
        "/applicant/applications/{0}", "/applicant/applications/{0}/project", "/applicant/applications/{0}/budget",
        "/applicant/applications/{0}/outcomes", "/applicant/applications/{0}/beneficiaries", "/applicant/applications/{0}/declarations",
        "/applicant/applications/{0}/review", "/applicant/applications/{0}/receipt",
    };

    [Theory]
    [MemberData(nameof(ApplicationRoutes))]
    public async Task ApplicationRoutes_WithAnotherOrganisationsApplication_Are404WithNoData(string route)
    {
        using var client = await site.SignedInClientAsync(OtherApplicant);
        int draft, submitted;
        await using (var db = Db())
        {
            draft = await db.Applications.Where(a => a.ApplicationReference == "CGS-CY-0001").Select(a => a.Id).SingleAsync();
            submitted = await db.Applications.Where(a => a.ApplicationReference == "CGS-CY-0002").Select(a => a.Id).SingleAsync();
        }

        foreach (var id in new[] { draft, submitted })
        {
            var response = await client.GetAsync(new Uri(string.Format(System.Globalization.CultureInfo.InvariantCulture, route, id), UriKind.Relative));
            var body = await response.BodyAsync();

            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.DoesNotContain("CGS-CY-000", body, StringComparison.Ordinal);
            Assert.DoesNotContain("Hereford", body, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("/applicant/organisations/{0}")]
    [InlineData("/applicant/organisations/{0}/")]
    public async Task OrganisationProfile_OfAnotherOrganisation_Is404WithNoBankDetails(string route)
    {
        using var client = await site.SignedInClientAsync(OtherApplicant);
        var orgId = await OrganisationIdAsync("Hereford Street Angels");

        var response = await client.GetAsync(new Uri(string.Format(System.Globalization.CultureInfo.InvariantCulture, route, orgId), UriKind.Relative));
        var body = await response.BodyAsync();

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.DoesNotContain("Hereford Street Angels", body, StringComparison.Ordinal);
        BankDigits.AssertNotShown("0940", body);
    }

    [Theory]
    [InlineData("project", "Input.ProjectTitle")]
    [InlineData("declarations", "Input.Accept")]
    public async Task SectionPosts_ToAnotherOrganisationsDraft_AreRefusedAndChangeNothing(string section, string field)
    {
        using var owner = await site.SignedInClientAsync(Applicant);
        using var other = await site.SignedInClientAsync(OtherApplicant);
        var id = await DraftIdAsync("Hereford Youth Boxing Club");
        var token = GrantsWebFactory.AntiforgeryToken(await other.GetStringAsync(new Uri("/applicant", UriKind.Relative)));
        await using var before = Db();
        var version = (await before.Applications.AsNoTracking().SingleAsync(a => a.Id == id)).UpdatedAt;
        using var content = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["_handler"] = section, [field] = "true", ["Intent"] = "later",
        });

        var response = await other.PostAsync(new Uri($"/applicant/applications/{id}/{section}", UriKind.Relative), content);

        // The page answers 404 before rendering the form, so Blazor refuses the post for a form it did not render (400).
        Assert.Contains(response.StatusCode, new[] { HttpStatusCode.NotFound, HttpStatusCode.BadRequest });
        Assert.DoesNotContain("Hereford", await response.BodyAsync(), StringComparison.Ordinal);
        await using var after = Db();
        Assert.Equal(version, (await after.Applications.AsNoTracking().SingleAsync(a => a.Id == id)).UpdatedAt);
    }

    [Fact]
    public async Task OrganisationProfile_MasksBankAccount_AndOnlyOwnersSeeTheBankForm()
    {
        using var client = await site.SignedInClientAsync(Applicant);
        var orgId = await OrganisationIdAsync("Hereford Street Angels");

        var saved = await client.PostFormAsync($"/applicant/organisations/{orgId}", "bank", ("Bank.AccountName", "Hereford Street Angels"),
            ("Bank.SortCode", "57-79-74"), ("Bank.AccountNumber", "84610940"));
        var html = await saved.BodyAsync();

        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        Assert.Contains("GB-CHC-1150074", html, StringComparison.Ordinal);
        Assert.Contains("••••0940", html, StringComparison.Ordinal);
        Assert.DoesNotContain("84610940", html, StringComparison.Ordinal);
        var bad = await (await client.PostFormAsync($"/applicant/organisations/{orgId}", "bank", ("Bank.AccountName", "X"),
            ("Bank.SortCode", "57-79"), ("Bank.AccountNumber", "12"))).BodyAsync();
        Assert.Contains("<a href=\"#SortCode\">", bad, StringComparison.Ordinal);
        Assert.Contains("<a href=\"#AccountNumber\">", bad, StringComparison.Ordinal);
    }

    private async Task<int> DraftIdAsync(string organisation)
    {
        await using var db = Db();
        return await db.Applications.Where(a => a.Organisation!.Name == organisation && a.State == ApplicationStates.Draft)
            .OrderBy(a => a.Id).Select(a => a.Id).FirstAsync();
    }
}
