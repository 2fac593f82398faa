using System.Globalization;
using System.Net;
using GrantsCommissioning.Web.Tests.Applicants;
using GrantsCommissioning.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace GrantsCommissioning.Web.Tests.Rounds;

/// <summary>
/// The officer's round set-up pages: only grants officers reach them (every other role is refused, anonymous visitors
/// are sent to sign in, a round that does not exist is 404); the demo draft round CGS-NEXT is not on the public pages;
/// a form with weights not adding up to 100 says so and saves nothing; a saved draft, once published, is public.
/// </summary>
[Collection(DemoSiteCollection.Second)]
public class RoundPageTests(GrantsWebFactory site)
{
    private const string Denied = "denied";

    private static string[] Routes(int id) => ["/staff/rounds", "/staff/rounds/new", $"/staff/rounds/{id}", $"/staff/rounds/{id}/edit", $"/staff/rounds/{id}/preview"];

    [Theory]
    [InlineData("officer@demo.opcc-grants.example", "200")]
    [InlineData("assessor@demo.opcc-grants.example", Denied)]
    [InlineData("chief.executive@demo.opcc-grants.example", Denied)]
    [InlineData("commissioner@demo.opcc-grants.example", Denied)]
    [InlineData("finance@demo.opcc-grants.example", Denied)]
    [InlineData("panel@demo.opcc-grants.example", Denied)]
    [InlineData("admin@demo.opcc-grants.example", Denied)]
    [InlineData("applicant@demo.opcc-grants.example", Denied)]
    public async Task RoundPages_ForEachRole_OnlyGrantsOfficersGetIn(string email, string expected)
    {
        var id = await DraftIdAsync();
        using var client = await site.SignedInClientAsync(email);

        var answers = new List<string>();
        foreach (var path in Routes(id))
        {
            answers.Add(Answer(await client.GetAsync(new Uri(path, UriKind.Relative))));
        }

        Assert.All(answers, a => Assert.Equal(expected, a));
    }

    [Fact]
    public async Task RoundPages_Anonymous_AreSentToSignIn()
    {
        var id = await DraftIdAsync();
        using var client = site.NewClient();

        foreach (var path in Routes(id))
        {
            var response = await client.GetAsync(new Uri(path, UriKind.Relative));
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Contains("/Account/Login", response.Headers.Location?.ToString(), StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("/staff/rounds/987654")]
    [InlineData("/staff/rounds/987654/edit")]
    [InlineData("/staff/rounds/987654/preview")]
    public async Task RoundPages_ForARoundThatDoesNotExist_AreNotFound(string path)
    {
        using var client = await site.SignedInClientAsync("officer@demo.opcc-grants.example");

        var response = await client.GetAsync(new Uri(path, UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task DraftRound_IsListedForOfficers_PreviewedAsThePublicWouldSeeIt_ButNotPublic()
    {
        var id = await DraftIdAsync();
        using var officer = await site.SignedInClientAsync("officer@demo.opcc-grants.example");
        using var anonymous = site.NewClient();

        var list = await officer.HtmlAsync("/staff/rounds?phase=Draft");
        var preview = await officer.HtmlAsync($"/staff/rounds/{id}/preview");
        var publicList = await anonymous.HtmlAsync("/funding");
        var publicPage = await anonymous.GetAsync(new Uri("/funding/CGS-NEXT", UriKind.Relative));

        Assert.Contains("CGS-NEXT", list, StringComparison.Ordinal);
        Assert.Contains("Preview: this is how the round's public page will look", preview, StringComparison.Ordinal);
        Assert.Contains("Need and evidence", preview, StringComparison.Ordinal);
        Assert.DoesNotContain("CGS-NEXT", publicList, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, publicPage.StatusCode);
    }

    [Fact]
    public async Task NewRound_WeightsNotAddingUpTo100_SaysSoAndSavesNothing_ThenSavedAndPublished_IsPublic()
    {
        var reference = "WEB-" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        using var officer = await site.SignedInClientAsync("officer@demo.opcc-grants.example");

        var refused = await officer.PostFormAsync("/staff/rounds/new", "round", Fields(reference, "60", "30"));
        var refusedBody = await refused.BodyAsync();
        var saved = await officer.PostFormAsync("/staff/rounds/new", "round", Fields(reference, "60", "40"));

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("There is a problem", refusedBody, StringComparison.Ordinal);
        Assert.Contains("The criteria weights must add up to 100%. They add up to 90%.", refusedBody, StringComparison.Ordinal);
        Assert.True(saved.StatusCode == HttpStatusCode.Redirect, await saved.BodyAsync());
        var path = GrantsWebFactory.LocalPath(saved.Headers.Location!);
        var id = await site.IdAsync(db => db.Rounds.Where(r => r.Reference == reference).Select(r => r.Id));
        Assert.StartsWith($"/staff/rounds/{id}", path, StringComparison.Ordinal);
        var page = await (await officer.GetAsync(new Uri(path, UriKind.Relative))).BodyAsync();
        Assert.Contains("Draft (not published)", page, StringComparison.Ordinal);
        Assert.Contains("Registered charity", page, StringComparison.Ordinal);

        var published = await (await officer.PostFormAsync($"/staff/rounds/{id}", "publish", ("Publish.Confirm", "yes"))).BodyAsync();

        Assert.Contains("The round has been published.", published, StringComparison.Ordinal);
        using var anonymous = site.NewClient();
        Assert.Contains(reference, await anonymous.HtmlAsync("/funding"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CloseEarly_WithoutConfirming_IsRefused_AndTheRoundStaysOpen()
    {
        var id = await site.IdAsync(db => db.Rounds.Where(r => r.Reference == "CGS-CURRENT").Select(r => r.Id));
        using var officer = await site.SignedInClientAsync("officer@demo.opcc-grants.example");

        var body = await (await officer.PostFormAsync($"/staff/rounds/{id}", "close", ("Close.Reason", "Budget committed"))).BodyAsync();

        Assert.Contains("Confirm that applicants will not be able to submit after the round closes.", body, StringComparison.Ordinal);
        Assert.Contains(">Open<", body.Replace(" ", "", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    private static (string, string)[] Fields(string reference, string weight1, string weight2)
    {
        var opens = DateTime.UtcNow.Date.AddDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var closes = DateTime.UtcNow.Date.AddDays(40).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        return
        [
            ("Input.Fund", "CGS"), ("Input.Reference", reference), ("Input.Title", "Test round " + reference), ("Input.Purpose", "Projects for a test."),
            ("Input.WhoCanApply", "Charities in West Mercia."), ("Input.OpensDate", opens), ("Input.OpensTime", "09:00"), ("Input.ClosesDate", closes),
            ("Input.ClosesTime", "12:00"), ("Input.MinAward", "1000"), ("Input.MaxAward", "20000"), ("Input.Budget", "100000"), ("Input.Form", "standard"),
            ("Input.OrganisationTypes", "RegisteredCharity"), ("Input.OrganisationTypes", "CommunityGroup"), ("Input.ScoreScale", "5"),
            ("Input.Objectives", "2"),
            ("Input.AssessorsPerApplication", "2"), ("Input.DivergenceThreshold", "20"),
            ("Input.Criteria[0].Title", "Need"), ("Input.Criteria[0].Guidance", "Evidence"), ("Input.Criteria[0].Weight", weight1),
            ("Input.Criteria[1].Title", "Delivery"), ("Input.Criteria[1].Guidance", "Plan"), ("Input.Criteria[1].Weight", weight2),
        ];
    }

    private Task<int> DraftIdAsync() => site.IdAsync(db => db.Rounds.Where(r => r.Reference == "CGS-NEXT").Select(r => r.Id));

    private static string Answer(HttpResponseMessage response) =>
        response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location?.ToString().Contains("/Account/AccessDenied", StringComparison.Ordinal) == true
            ? Denied
            : ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture);
}
