using System.Globalization;
using System.Net;
using GrantsCommissioning.Web.Tests.Applicants;
using GrantsCommissioning.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GrantsCommissioning.Web.Tests.Assessments;

/// <summary>
/// The assessment pages on the demo site: officers' pages only for grants officers, assessors' pages only for
/// assessors and only their own assignments (another assessor's is 404); an assessor cannot open the case before
/// declaring no conflict, and a conflict recuses them and emails the officer; refusals change nothing.
/// Demo: Tom Bennett (assessor@) has CGS-CY-0101 awaiting his answer and CGS-CY-0102 to score; his register lists
/// Bromsgrove Rural Crime Network (CGS-CY-0106); Grace Adeyemi's (assessor2@) register has expired.
/// </summary>
[Collection(DemoSiteCollection.Second)]
public class AssessmentPageTests(GrantsWebFactory site)
{
    private const string Denied = "denied";
    private const string Officer = "officer@demo.opcc-grants.example";
    private const string Tom = "assessor@demo.opcc-grants.example";
    private const string Grace = "assessor2@demo.opcc-grants.example";

    private async Task<string[]> OfficerRoutesAsync()
    {
        var round = await RoundIdAsync();
        var app = await ApplicationIdAsync("CGS-CY-0103");
        return [$"/staff/rounds/{round}/assessment", $"/staff/rounds/{round}/ranking", $"/staff/rounds/{round}/ranking.csv", $"/staff/applications/{app}/moderation",
            $"/staff/rounds/{round}/scores", $"/staff/rounds/{round}/scores?sort=score&page=2"];
    }

    private async Task<string[]> AssessorRoutesAsync() => ["/assess", "/assess/interests", $"/assess/{await AssignmentIdAsync("CGS-CY-0101", Tom)}"];

    [Theory]
    [InlineData(Officer, "200", Denied)]
    [InlineData(Tom, Denied, "200")]
    [InlineData("chief.executive@demo.opcc-grants.example", Denied, Denied)]
    [InlineData("commissioner@demo.opcc-grants.example", Denied, Denied)]
    [InlineData("finance@demo.opcc-grants.example", Denied, Denied)]
    [InlineData("panel@demo.opcc-grants.example", Denied, Denied)]
    [InlineData("admin@demo.opcc-grants.example", Denied, Denied)]
    [InlineData("applicant@demo.opcc-grants.example", Denied, Denied)]
    public async Task AssessmentPages_ForEachRole_OfficersAndAssessorsEachGetOnlyTheirOwn(string email, string officerPages, string assessorPages)
    {
        using var client = await site.SignedInClientAsync(email);

        var officer = new List<string>();
        foreach (var path in await OfficerRoutesAsync())
        {
            officer.Add(Answer(await client.GetAsync(new Uri(path, UriKind.Relative))));
        }
        var assessor = new List<string>();
        foreach (var path in await AssessorRoutesAsync())
        {
            assessor.Add(Answer(await client.GetAsync(new Uri(path, UriKind.Relative))));
        }

        Assert.All(officer, a => Assert.Equal(officerPages, a));
        Assert.All(assessor, a => Assert.Equal(assessorPages, a));
    }

    [Fact]
    public async Task AssessmentPages_Anonymous_AreSentToSignIn()
    {
        using var client = site.NewClient();

        foreach (var path in (await OfficerRoutesAsync()).Concat(await AssessorRoutesAsync()))
        {
            var response = await client.GetAsync(new Uri(path, UriKind.Relative));
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Contains("/Account/Login", response.Headers.Location?.ToString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task ForeignOrUnknownIds_AreNotFound()
    {
        using var officer = await site.SignedInClientAsync(Officer);
        using var grace = await site.SignedInClientAsync(Grace);
        var tomsAssignment = await AssignmentIdAsync("CGS-CY-0101", Tom);

        Assert.Equal(HttpStatusCode.NotFound, (await officer.GetAsync(new Uri("/staff/rounds/987654/assessment", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await officer.GetAsync(new Uri("/staff/rounds/987654/ranking", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await officer.GetAsync(new Uri("/staff/rounds/987654/ranking.csv", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await officer.GetAsync(new Uri("/staff/rounds/987654/scores", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await officer.GetAsync(new Uri("/staff/applications/987654/moderation", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await grace.GetAsync(new Uri($"/assess/{tomsAssignment}", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task Officer_AssigningAnAssessorWhoseRegisterNamesTheApplicant_OrHasExpired_IsToldWhy_AndNothingIsAssigned()
    {
        var round = await RoundIdAsync();
        var bromsgrove = await ApplicationIdAsync("CGS-CY-0106");
        var tom = await UserIdAsync(Tom);
        var grace = await UserIdAsync(Grace);
        using var officer = await site.SignedInClientAsync(Officer);
        var due = DateTime.UtcNow.AddDays(14).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var path = $"/staff/rounds/{round}/assessment";

        var flagged = await (await officer.PostFormAsync(path, "assign", ("ApplicationIds", bromsgrove.ToString(CultureInfo.InvariantCulture)), ("Form.AssessorUserId", tom), ("Form.DueDate", due))).BodyAsync();
        var expired = await (await officer.PostFormAsync(path, "assign", ("ApplicationIds", bromsgrove.ToString(CultureInfo.InvariantCulture)), ("Form.AssessorUserId", grace), ("Form.DueDate", due))).BodyAsync();
        var none = await (await officer.PostFormAsync(path, "assign", ("Form.AssessorUserId", tom), ("Form.DueDate", due))).BodyAsync();

        Assert.Contains("Tom Bennett's register of interests lists Bromsgrove Rural Crime Network, so they cannot assess CGS-CY-0106. Choose another assessor.", flagged, StringComparison.Ordinal);
        Assert.Contains("Grace Adeyemi's register of interests expired on", expired, StringComparison.Ordinal);
        Assert.Contains("Select at least one application to assign.", none, StringComparison.Ordinal);
        Assert.Empty(await IdsAsync(db => db.Assessments.Where(a => a.ApplicationId == bromsgrove).Select(a => a.Id)));
    }

    [Fact]
    public async Task Assessor_CannotOpenTheCaseBeforeDeclaring_AConflictRecusesThem_AndTheOfficerIsEmailed()
    {
        var app = await ApplicationIdAsync("CGS-CY-0101");
        var assignment = await AssignmentIdAsync("CGS-CY-0101", Tom);
        using var tom = await site.SignedInClientAsync(Tom);

        var before = await tom.GetAsync(new Uri($"/cases/applications/{app}", UriKind.Relative));
        var page = await tom.HtmlAsync($"/assess/{assignment}");
        var noDetails = await (await tom.PostFormAsync($"/assess/{assignment}", "respond", ("Response.Answer", "conflict"))).BodyAsync();
        var recused = await (await tom.PostFormAsync($"/assess/{assignment}", "respond", ("Response.Answer", "conflict"), ("Response.Details", "My partner is a trustee."))).BodyAsync();
        var after = await tom.GetAsync(new Uri($"/cases/applications/{app}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, before.StatusCode);
        Assert.Contains("do you have a conflict of interest with Market Drayton Women", page, StringComparison.Ordinal);
        Assert.DoesNotContain($"/cases/applications/{app}", page, StringComparison.Ordinal);
        Assert.Contains("Describe the conflict of interest", noDetails, StringComparison.Ordinal);
        Assert.Contains("You have been recused from this application.", recused, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, after.StatusCode);
        Assert.Single(await IdsAsync(db => db.Outbox.Where(o => o.ToAddress == Officer && o.Subject == "Reassign CGS-CY-0101: Tom Bennett declared a conflict of interest").Select(o => 1)));
    }

    [Fact]
    public async Task Assessor_ScoringWithoutAJustification_IsRefusedAgainstThatField_AndNothingIsSaved()
    {
        var assignment = await AssignmentIdAsync("CGS-CY-0102", Tom);
        var criteria = await IdsAsync(db => db.Assessments.Where(a => a.Id == assignment).SelectMany(a => a.Application!.Round!.Criteria).OrderBy(c => c.Order).Select(c => c.Id));
        using var tom = await site.SignedInClientAsync(Tom);
        var fields = new List<(string, string)> { ("Scoring.Recommendation", "Fund") };
        foreach (var c in criteria)
        {
            fields.Add(($"Score-{c}", "4"));
            fields.Add(($"Justification-{c}", c == criteria[^1] ? "" : "Well evidenced."));
        }

        var body = await (await tom.PostFormAsync($"/assess/{assignment}", "score", [.. fields])).BodyAsync();

        Assert.Contains("There is a problem", body, StringComparison.Ordinal);
        Assert.Contains($"href=\"#Justification-{criteria[^1]}\"", body, StringComparison.Ordinal);
        Assert.Contains("Write a justification for your score on", body, StringComparison.Ordinal);
        Assert.Empty(await IdsAsync(db => db.AssessmentScores.Where(s => s.AssessmentId == assignment).Select(s => s.Id)));
    }

    [Fact]
    public async Task Ranking_ShowsTheModeratedScoreAndTheFundingLine_AndExportsTheSameRowsAsCsv()
    {
        var round = await RoundIdAsync();
        using var officer = await site.SignedInClientAsync(Officer);

        var page = await officer.HtmlAsync($"/staff/rounds/{round}/ranking");
        var csv = await officer.GetStringAsync(new Uri($"/staff/rounds/{round}/ranking.csv", UriKind.Relative));

        Assert.Contains("Funding line: the round", page, StringComparison.Ordinal);
        Assert.Contains("68.0 (moderated)", page, StringComparison.Ordinal);
        Assert.StartsWith("Rank,Reference,Organisation", csv, StringComparison.Ordinal);
        Assert.Contains("\"CGS-CY-0105\",\"Kidderminster Street Angels\"", csv, StringComparison.Ordinal);
        Assert.Contains("\"CGS-CY-0103\"", csv, StringComparison.Ordinal);
        Assert.Contains("needs moderation", csv, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RoundScores_ShowEachAssessorsCriterionScoresAndTotals_TheModeratedScore_InPages_AndNothingFromTheForm()
    {
        var round = await RoundIdAsync();
        var moderation = site.Services.GetRequiredService<GrantsCommissioning.Core.Features.Assessments.ModerationService>();
        using var officer = await site.SignedInClientAsync(Officer);

        // The page's rows are the download's (one line per criterion of each completed assessment), grouped by application.
        var lines = (await moderation.RoundScoresAsync(round))!;
        var byScore = (await moderation.RoundScoreTableAsync(round, GrantsCommissioning.Core.Features.Assessments.RoundScoreSort.Score, 1, 100))!;
        Assert.True(byScore.Total >= 3, $"the demo round has {byScore.Total} applications with completed assessments");
        Assert.Equal(lines.Select(l => l.Application).Distinct().Order(StringComparer.Ordinal), byScore.Rows.Select(r => r.Reference).Order(StringComparer.Ordinal));
        Assert.Equal(lines.Count, byScore.Rows.Sum(r => r.Assessors.Sum(a => a.Scores.Count)));
        Assert.Equal(lines.Select(l => l.Score), byScore.Rows.OrderBy(r => r.Reference, StringComparer.Ordinal).SelectMany(r => r.Assessors.SelectMany(a => a.Scores)));
        Assert.Equal(byScore.Rows.Select(r => r.RankingScore ?? -1).OrderByDescending(x => x), byScore.Rows.Select(r => r.RankingScore ?? -1));

        // Pages of two, in each order, together list every application once.
        foreach (var sort in Enum.GetValues<GrantsCommissioning.Core.Features.Assessments.RoundScoreSort>())
        {
            var first = (await moderation.RoundScoreTableAsync(round, sort, 1, 2))!;
            var all = new List<string>();
            for (var n = 1; n <= first.Pages; n++)
            {
                all.AddRange((await moderation.RoundScoreTableAsync(round, sort, n, 2))!.Rows.Select(r => r.Reference));
            }
            Assert.Equal(byScore.Total, first.Total);
            Assert.Equal(byScore.Rows.Select(r => r.Reference).Order(StringComparer.Ordinal), all.Order(StringComparer.Ordinal));
        }

        var page = WebUtility.HtmlDecode(await officer.GetStringAsync(new Uri($"/staff/rounds/{round}/scores?sort=score", UriKind.Relative)));
        Assert.Contains($"data-count=\"{byScore.Total}\"", page, StringComparison.Ordinal);
        Assert.Contains($"/exports/round-assessments.csv?id={round}", page, StringComparison.Ordinal);
        // One application's assessors diverged and the officer agreed 68 (the ranking shows "68.0 (moderated)").
        var moderated = byScore.Rows.Single(r => r.Moderated is not null);
        Assert.Equal(68, moderated.Moderated);
        foreach (var r in byScore.Rows)
        {
            Assert.Contains($"data-application=\"{r.Reference}\"", page, StringComparison.Ordinal);
            foreach (var a in r.Assessors)
            {
                Assert.Contains(a.Assessor, page, StringComparison.Ordinal);
            }
        }
        Assert.Contains(">68</td>", page, StringComparison.Ordinal);
        // Nothing from the application form: not the project's beneficiaries or summary.
        await using var db = await site.Services.GetRequiredService<IDbContextFactory<GrantsCommissioning.Core.Data.GrantsDbContext>>().CreateDbContextAsync();
        var texts = await db.Applications.Where(a => a.RoundId == round).Select(a => new[] { a.Summary, a.Beneficiaries }).ToListAsync();
        Assert.NotEmpty(texts.SelectMany(t => t).OfType<string>());
        foreach (var text in texts.SelectMany(t => t).OfType<string>().Where(t => t.Length > 20))
        {
            Assert.DoesNotContain(text, page, StringComparison.Ordinal);
        }
        Assert.Contains("/staff/rounds/" + round + "/scores", await officer.GetStringAsync(new Uri($"/staff/rounds/{round}/ranking", UriKind.Relative)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Moderation_OfAnApplicationWhoseAssessorsAgree_OffersNoForm_AndTheOneInModerationDoes()
    {
        using var officer = await site.SignedInClientAsync(Officer);

        var agreed = await officer.HtmlAsync($"/staff/applications/{await ApplicationIdAsync("CGS-CY-0104")}/moderation");
        var diverged = await officer.HtmlAsync($"/staff/applications/{await ApplicationIdAsync("CGS-CY-0103")}/moderation");

        Assert.Contains("This application does not need moderation", agreed, StringComparison.Ordinal);
        Assert.DoesNotContain("Record the moderated score", agreed, StringComparison.Ordinal);
        Assert.Contains("35 percentage points", diverged, StringComparison.Ordinal);
        Assert.Contains("Record the moderated score", diverged, StringComparison.Ordinal);
    }

    private async Task<List<int>> IdsAsync(Func<GrantsCommissioning.Core.Data.GrantsDbContext, IQueryable<int>> query)
    {
        await using var db = await site.Services.GetRequiredService<IDbContextFactory<GrantsCommissioning.Core.Data.GrantsDbContext>>().CreateDbContextAsync();
        return await query(db).ToListAsync();
    }

    private Task<int> RoundIdAsync() => site.IdAsync(db => db.Rounds.Where(r => r.Reference == "CGS-CURRENT").Select(r => r.Id));

    private Task<int> ApplicationIdAsync(string reference) => site.IdAsync(db => db.Applications.Where(a => a.ApplicationReference == reference).Select(a => a.Id));

    private async Task<string> UserIdAsync(string email) => (await site.FindUserAsync(email))!.Id;

    private Task<int> AssignmentIdAsync(string reference, string email) =>
        site.IdAsync(db => db.Assessments.Where(a => a.Application!.ApplicationReference == reference && db.Users.Any(u => u.Id == a.AssessorUserId && u.Email == email)).Select(a => a.Id));

    private static string Answer(HttpResponseMessage response) =>
        response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location?.ToString().Contains("/Account/AccessDenied", StringComparison.Ordinal) == true
            ? Denied
            : response.StatusCode == HttpStatusCode.Forbidden ? Denied : ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture);
}
