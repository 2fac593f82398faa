using System.Globalization;
using System.Net;
using GrantsCommissioning.Web.Tests.Applicants;
using GrantsCommissioning.Web.Tests.Infrastructure;
using GrantsCommissioning.Core.Data;
using GrantsCommissioning.Core.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GrantsCommissioning.Web.Tests.TwoStage;

/// <summary>
/// The two-stage round's pages on the demo site (CGS-TWO-STAGE, seed-data/demo/interests.json): the applicant's
/// expression of interest form is for applicants only, the officer's list for grants officers only; a round that is
/// not two-stage, or does not exist, is 404 on both; the public round page says the round has two stages; a full
/// application without an invitation is refused with a clear message and nothing saved (the service's refusal is in the Core tests).
/// </summary>
[Collection(DemoSiteCollection.Third)]
public class TwoStagePageTests(GrantsWebFactory site)
{
    private const string Denied = "denied";
    private const string Round = "CGS-TWO-STAGE";

    [Theory]
    [InlineData("officer@demo.opcc-grants.example", Denied, "200")]
    [InlineData("assessor@demo.opcc-grants.example", Denied, Denied)]
    [InlineData("chief.executive@demo.opcc-grants.example", Denied, Denied)]
    [InlineData("commissioner@demo.opcc-grants.example", Denied, Denied)]
    [InlineData("finance@demo.opcc-grants.example", Denied, Denied)]
    [InlineData("panel@demo.opcc-grants.example", Denied, Denied)]
    [InlineData("admin@demo.opcc-grants.example", Denied, Denied)]
    [InlineData("applicant@demo.opcc-grants.example", "200", Denied)]
    public async Task TwoStagePages_ForEachRole_OnlyTheirUsersGetIn(string email, string interestForm, string officerList)
    {
        var id = await RoundIdAsync(Round);
        using var client = await site.SignedInClientAsync(email);

        var form = Answer(await client.GetAsync(new Uri($"/applicant/interest/{Round}", UriKind.Relative)));
        var list = Answer(await client.GetAsync(new Uri($"/staff/rounds/{id}/interests", UriKind.Relative)));

        Assert.Equal((interestForm, officerList), (form, list));
    }

    [Fact]
    public async Task TwoStagePages_Anonymous_AreSentToSignIn()
    {
        var id = await RoundIdAsync(Round);
        using var client = site.NewClient();

        foreach (var path in new[] { $"/applicant/interest/{Round}", $"/staff/rounds/{id}/interests" })
        {
            var response = await client.GetAsync(new Uri(path, UriKind.Relative));
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Contains("/Account/Login", response.Headers.Location?.ToString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task TwoStagePages_ForAnotherRoundOrNone_AreNotFound()
    {
        var singleStage = await RoundIdAsync("CGS-NEXT");
        using var officer = await site.SignedInClientAsync("officer@demo.opcc-grants.example");
        using var applicant = await site.SignedInClientAsync("applicant@demo.opcc-grants.example");

        Assert.Equal(HttpStatusCode.NotFound, (await officer.GetAsync(new Uri($"/staff/rounds/{singleStage}/interests", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await officer.GetAsync(new Uri("/staff/rounds/987654/interests", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await applicant.GetAsync(new Uri("/applicant/interest/SMALL-WINTER", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await applicant.GetAsync(new Uri("/applicant/interest/NO-SUCH-ROUND", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task DemoRound_IsPublicAsTwoStage_AndTheOfficerSeesItsExpressionsOfInterest()
    {
        var id = await RoundIdAsync(Round);
        using var anonymous = site.NewClient();
        using var officer = await site.SignedInClientAsync("officer@demo.opcc-grants.example");

        var publicPage = await anonymous.HtmlAsync($"/funding/{Round}");
        var list = await officer.HtmlAsync($"/staff/rounds/{id}/interests");

        Assert.Contains("This round has two stages", publicPage, StringComparison.Ordinal);
        Assert.Contains($"/applicant/interest/{Round}", publicPage, StringComparison.Ordinal);
        Assert.DoesNotContain("Start an application", publicPage, StringComparison.Ordinal);
        Assert.Contains("Hereford Street Angels", list, StringComparison.Ordinal);
        Assert.Contains("Capital CCTV schemes are outside this round's purpose", list, StringComparison.Ordinal);
        Assert.Contains("Invited to apply", list, StringComparison.Ordinal);
        Assert.Contains("Waiting for a decision", list, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FullApplication_WithoutAnInvitation_IsRefusedWithAClearMessage_AndNothingIsSaved()
    {
        var roundId = await RoundIdAsync(Round);
        var org = await site.IdAsync(db => db.Organisations.Where(o => o.Name == "Hereford Youth Boxing Club").Select(o => o.Id).Take(1));
        using var applicant = await site.SignedInClientAsync("applicant@demo.opcc-grants.example");
        var before = await CountAsync(roundId);

        var page = await applicant.HtmlAsync($"/applicant/apply/{Round}");
        var response = await applicant.PostFormAsync($"/applicant/apply/{Round}", "start", ("OrganisationId", org.ToString(CultureInfo.InvariantCulture)));

        Assert.Contains("only organisations invited from their expression of interest can make a full application", page, StringComparison.Ordinal);
        // The page offers no start form on a two-stage round, so a forged post starts nothing either.
        Assert.NotEqual(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(before, await CountAsync(roundId));
    }

    [Fact]
    public async Task InterestForm_ForAnOrganisationTheRoundDoesNotAccept_SaysWhy_OffersNoChoice_AndAForgedPostSavesNothing()
    {
        // The treasurer of Malvern Town Council also joins a statutory partner for this test: CGS-TWO-STAGE is open to
        // charities, CIOs, CICs, community groups and parish and town councils only.
        const string Partner = "West Mercia Youth Offending Service";
        var roundId = await RoundIdAsync(Round);
        var org = await site.IdAsync(db => db.Organisations.Where(o => o.Name == Partner).Select(o => o.Id).Take(1));
        var factory = site.Services.GetRequiredService<IDbContextFactory<GrantsDbContext>>();
        string userId;
        await using (var db = await factory.CreateDbContextAsync())
        {
            userId = await db.Users.Where(u => u.Email == "treasurer@demo.opcc-grants.example").Select(u => u.Id).SingleAsync();
            db.OrganisationMembers.Add(new OrganisationMember
            {
                OrganisationId = org, UserId = userId, Email = "treasurer@demo.opcc-grants.example", Role = OrganisationRole.Editor, AcceptedAt = DateTimeOffset.UtcNow,
            });
            await db.SaveChangesAsync();
        }
        try
        {
            using var treasurer = await site.SignedInClientAsync("treasurer@demo.opcc-grants.example");
            var before = await CountAsync(roundId);

            var page = await treasurer.HtmlAsync($"/applicant/interest/{Round}");
            var refused = await (await treasurer.PostFormAsync($"/applicant/interest/{Round}", "interest",
                ("Input.OrganisationId", org.ToString(CultureInfo.InvariantCulture)), ("Input.ProjectTitle", "Youth diversion at weekends"),
                ("Input.Summary", "Weekend sessions for young people at risk of offending."), ("Input.AmountRequested", "9000"))).BodyAsync();

            Assert.Contains($"{Partner} is not eligible for this round", page, StringComparison.Ordinal);
            Assert.Contains($"{Partner} is registered as: Statutory partner.", page, StringComparison.Ordinal);
            Assert.DoesNotContain($"id=\"org-{org}\"", page, StringComparison.Ordinal);
            Assert.Contains($"{Partner} is not eligible for ", refused, StringComparison.Ordinal);
            Assert.Contains("Nothing was saved.", refused, StringComparison.Ordinal);
            Assert.DoesNotContain("Expression of interest sent", refused, StringComparison.Ordinal);
            Assert.Equal(before, await CountAsync(roundId));
        }
        finally
        {
            await using var db = await factory.CreateDbContextAsync();
            await db.OrganisationMembers.Where(m => m.OrganisationId == org && m.UserId == userId).ExecuteDeleteAsync();
        }
    }

    [Fact]
    public async Task OfficersList_ShowsEachExpressionOfInterestsEligibility()
    {
        var id = await RoundIdAsync(Round);
        using var officer = await site.SignedInClientAsync("officer@demo.opcc-grants.example");

        var list = await officer.HtmlAsync($"/staff/rounds/{id}/interests");

        Assert.Contains("<th scope=\"col\">Eligibility</th>", list, StringComparison.Ordinal);
        // The demo's three organisations (a charity, a community group, a town council) all meet the round's rules.
        Assert.Contains("<span class=\"tag tag--done\">Eligible</span>", list, StringComparison.Ordinal);
        Assert.DoesNotContain(">Not eligible</span>", list, StringComparison.Ordinal);
    }

    private async Task<int> CountAsync(int roundId)
    {
        await using var db = await site.Services.GetRequiredService<IDbContextFactory<GrantsDbContext>>().CreateDbContextAsync();
        return await db.Applications.CountAsync(a => a.RoundId == roundId);
    }

    private Task<int> RoundIdAsync(string reference) => site.IdAsync(db => db.Rounds.Where(r => r.Reference == reference).Select(r => r.Id).Take(1));

    private static string Answer(HttpResponseMessage response) =>
        response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location?.ToString().Contains("/Account/AccessDenied", StringComparison.Ordinal) == true
            ? Denied
            : ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture);
}
