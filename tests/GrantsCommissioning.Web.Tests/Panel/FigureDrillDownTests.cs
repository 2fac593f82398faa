using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Core.Features.Reports;
using GrantsCommissioning.Web.Components.Pages.Panel;
using GrantsCommissioning.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace GrantsCommissioning.Web.Tests.Panel;

/// <summary>
/// Drill-down: every figure on the Panel page and in the published report's HTML view links to the awards, payments or
/// returns that make it up, and the list's count and total equal the figure; who may open the lists.
/// </summary>
[Collection(DemoSiteCollection.Second)]
public partial class FigureDrillDownTests(GrantsWebFactory site)
{
    private const string Figure = "/panel/figures?list=awards&from=2013-04-01&to=2013-06-30&objective=2";

    [Fact]
    public async Task PublishedReport_EveryFigure_OpensAListWhoseTotalIsTheFigure()
    {
        using var client = await site.SignedInClientAsync("panel@demo.opcc-grants.example");
        var list = await client.GetStringAsync(new Uri("/transparency/panel-reports", UriKind.Relative));
        var id = Regex.Match(list, @"/transparency/panel-reports/(\d+)/document").Groups[1].Value;
        var report = await client.GetStringAsync(new Uri($"/transparency/panel-reports/{id}", UriKind.Relative));

        var checkedFigures = await WalkFiguresAsync(client, report);

        // The 10 objectives with grants × 3 figures (objective 10 has none, so no figures), the 3 year-to-date totals, 6 priorities × 3.
        Assert.Equal(10 * 3 + 3 + 6 * 3, checkedFigures);
        Assert.Contains("To the end of June 2013, 61 grants have been awarded totalling £1,369,313.", Text(report), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PanelPage_EveryFigure_OpensAListWhoseTotalIsTheFigure()
    {
        using var client = await site.SignedInClientAsync("panel@demo.opcc-grants.example");
        var page = await client.GetStringAsync(new Uri("/panel", UriKind.Relative));

        var checkedFigures = await WalkFiguresAsync(client, page);

        // 11 objectives × 4, the totals row and sentence (4 + 4), 6 priorities × 5, and the live grants by rating: 11 objectives × 4 and the totals row (4).
        Assert.Equal(11 * 4 + 8 + 6 * 5 + 11 * 4 + 4, checkedFigures);
        Assert.Contains("To the end of June 2013, 61 grants have been awarded totalling £1,369,313;", Text(page), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PanelPage_CountsLiveGrantsByTheirRatingAtTheQuarterEnd_NotALaterRating()
    {
        using var client = await site.SignedInClientAsync("panel@demo.opcc-grants.example");
        // Each tag read as a space, so the table's cells stay apart.
        var page = Regex.Replace(Regex.Replace(WebUtility.HtmlDecode(await client.GetStringAsync(new Uri("/panel", UriKind.Relative))), "<[^>]+>", " "), @"\s+", " ");

        // The demo rates five 2013 grants in June 2013 (two on track, two some concerns, AWD-2013-0003 off track); the later
        // ratings (AWD-2013-0003 on track in October, AWD-2013-0007 in February 2014) are not counted at 30 June 2013.
        Assert.Contains("Live grants by RAG rating at 30 June 2013", page, StringComparison.Ordinal);
        Assert.Matches(@"All live grants \(each counted once\) 2 2 1 \d+", page);
        var offTrack = await client.GetStringAsync(new Uri("/panel/figures?list=ratings&from=2013-04-01&to=2013-06-30&rag=red", UriKind.Relative));
        Assert.Contains("AWD-2013-0003", offTrack, StringComparison.Ordinal);
        Assert.Contains("data-count=\"1\"", offTrack, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PanelRatings_InTheCurrentQuarter_CountTheDemoRatings_AndEachListHasItsCount()
    {
        var quarter = FinancialQuarter.Containing(site.Services.GetRequiredService<TimeProvider>().GetUtcNow());
        var report = await site.Services.GetRequiredService<ObjectiveRollUp>().YearToDateAsync(quarter);
        using var client = await site.SignedInClientAsync("panel@demo.opcc-grants.example");

        // AWD-CY-0016 on track, AWD-CY-0013 and AWD-CY-0020 with some concerns (AWD-CY-0014, off track, is terminated).
        Assert.True(report.Totals.Ratings is { OnTrack: >= 1, SomeConcerns: >= 2, NotRated: > 0 }, $"{report.Totals.Ratings}");
        var figures = report.Rows.Select(r => ((int?)r.Number, r.Ratings)).Append((null, report.Totals.Ratings));
        foreach (var (objective, ratings) in figures)
        {
            foreach (var rag in new[] { Rag.Green, Rag.Amber, Rag.Red, Rag.NotRated })
            {
                var href = FigureLink.Href(new FigureQuery(FigureList.Ratings, report.From, report.To, objective, Rag: rag));
                var list = await client.GetStringAsync(new Uri(href, UriKind.Relative));
                Assert.True(ratings.Count(rag) == int.Parse(CountPattern().Match(list).Groups[1].Value, CultureInfo.InvariantCulture), $"{href}: {ratings}");
            }
        }
    }

    [Fact]
    public async Task DecisionsDashboard_EveryPriorityFigure_OpensAListWhoseTotalIsTheFigure()
    {
        using var client = await site.SignedInClientAsync("chief.executive@demo.opcc-grants.example");
        var page = await client.GetStringAsync(new Uri("/decisions", UriKind.Relative));

        var checkedFigures = await WalkFiguresAsync(client, page);

        // 6 priorities × (grants, awarded, paid, spend reported).
        Assert.Equal(6 * 4, checkedFigures);
        Assert.Contains("Grants by national priority for policing", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PublishedReport_SignedOut_ShowsFiguresWithoutLinks()
    {
        using var client = site.NewClient();
        var list = await client.GetStringAsync(new Uri("/transparency/panel-reports", UriKind.Relative));
        var id = Regex.Match(list, @"/transparency/panel-reports/(\d+)/document").Groups[1].Value;

        var report = await client.GetStringAsync(new Uri($"/transparency/panel-reports/{id}", UriKind.Relative));

        Assert.DoesNotContain("/panel/figures", report, StringComparison.Ordinal);
        Assert.Contains("Grants by national priority for policing", report, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(PanelReportRoleMatrixTests.Users), MemberType = typeof(PanelReportRoleMatrixTests))]
    public async Task FigureList_IsForOfficersApproversAndPanelMembers(string role, string email)
    {
        using var client = await site.SignedInClientAsync(email);
        var allowed = role is Roles.GrantsOfficer or Roles.DecisionMaker or Roles.Commissioner or Roles.PanelMember;

        var response = await client.GetAsync(new Uri(Figure, UriKind.Relative));

        if (allowed)
        {
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{role}: {response.StatusCode}");
            Assert.Contains("Objective 2 – ", WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        }
        else
        {
            Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"{role}: {response.StatusCode}");
            Assert.StartsWith("https://localhost/Account/AccessDenied", response.Headers.Location?.ToString(), StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("/panel/figures?list=awards&from=2013-04-01&to=2013-06-30&objective=99")]
    [InlineData("/panel/figures?list=awards&from=2013-04-01&to=2013-06-30&priority=no-such-priority")]
    [InlineData("/panel/figures?list=grants&from=2013-04-01&to=2013-06-30")]
    [InlineData("/panel/figures?list=awards&from=2013-06-30&to=2013-04-01")]
    [InlineData("/panel/figures?list=awards&from=2013-04-01&to=2013-06-30&objective=2&priority=homicide")]
    [InlineData("/panel/figures")]
    [InlineData("/panel/figures?list=ratings&from=2013-04-01&to=2013-06-30")]
    [InlineData("/panel/figures?list=ratings&from=2013-04-01&to=2013-06-30&rag=purple")]
    [InlineData("/panel/figures?list=awards&from=2013-04-01&to=2013-06-30&rag=green")]
    public async Task FigureList_ThatNamesNoRealFigure_IsNotFound(string path)
    {
        using var client = await site.SignedInClientAsync("panel@demo.opcc-grants.example");

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(new Uri(path, UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task FigureList_SignedOut_RedirectsToSignIn()
    {
        using var client = site.NewClient();

        var response = await client.GetAsync(new Uri(Figure, UriKind.Relative));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("https://localhost/Account/Login", response.Headers.Location?.ToString(), StringComparison.Ordinal);
    }

    /// <summary>Opens every figure link on the page and checks the list's count (for a count) or total (for an amount) is the figure; returns how many.</summary>
    private static async Task<int> WalkFiguresAsync(HttpClient client, string html)
    {
        var links = FigureLinkPattern().Matches(html);
        foreach (Match link in links)
        {
            var href = WebUtility.HtmlDecode(link.Groups["href"].Value);
            var figure = WebUtility.HtmlDecode(link.Groups["text"].Value).Trim();
            var list = await client.GetStringAsync(new Uri(href, UriKind.Relative));
            var count = int.Parse(CountPattern().Match(list).Groups[1].Value, CultureInfo.InvariantCulture);
            var total = new Money(long.Parse(TotalPattern().Match(list).Groups[1].Value, CultureInfo.InvariantCulture));
            if (figure.StartsWith('£'))
            {
                Assert.True(figure == total.ToString() || figure == total.ToShortString(), $"{href}: the figure {figure} but the list totals {total}");
            }
            else
            {
                Assert.True(int.Parse(figure.Split(' ')[0], NumberStyles.AllowThousands, CultureInfo.GetCultureInfo("en-GB")) == count,
                    $"{href}: the figure {figure} but the list has {count}");
            }
        }
        return links.Count;
    }

    private static string Text(string html) => Regex.Replace(Regex.Replace(WebUtility.HtmlDecode(html), "<[^>]+>", ""), @"\s+", " ");

    [GeneratedRegex("""<a href="(?<href>/panel/figures\?[^"]+)" class="figure">(?<text>[^<]+)</a>""")]
    private static partial Regex FigureLinkPattern();

    [GeneratedRegex("""data-count="(\d+)""")]
    private static partial Regex CountPattern();

    [GeneratedRegex("""data-total-pence="(-?\d+)""")]
    private static partial Regex TotalPattern();
}
