using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Web.Tests.Infrastructure;
using GrantsCommissioning.Web.Tests.Panel;

namespace GrantsCommissioning.Web.Tests.Staff;

/// <summary>
/// The officer dashboard's "Monitoring returns still to come in" counts (overdue, then each of six months) are links to
/// the returns behind them: each list's total is the count, its download has that many rows, and the list is for
/// grants officers only; a state or date the dashboard never links to is a 404.
/// </summary>
[Collection(DemoSiteCollection.Fourth)]
public partial class ReturnsDueDrillDownTests(GrantsWebFactory site)
{
    [Fact]
    public async Task EveryReturnsDueCount_OpensAListOfThatManyReturns_AndItsDownloadHasThoseRows()
    {
        using var client = await site.SignedInClientAsync("officer@demo.opcc-grants.example");
        var dashboard = WebUtility.HtmlDecode(await client.GetStringAsync(new Uri("/officer", UriKind.Relative)));
        var links = DueLink().Matches(dashboard).Select(m => (Href: m.Groups[1].Value, Count: int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture))).ToList();

        // Overdue and six months, and the demo has returns to come in (so a list that ignored its filter would fail).
        Assert.Equal(7, links.Count);
        Assert.Contains("state=Overdue", links[0].Href, StringComparison.Ordinal);
        Assert.True(links.Skip(1).Sum(l => l.Count) > 0, "the demo has returns still to come in within six months");
        foreach (var (href, count) in links)
        {
            var list = WebUtility.HtmlDecode(await client.GetStringAsync(new Uri(href, UriKind.Relative)));
            Assert.True(list.Contains($">Returns ({count})</h2>", StringComparison.Ordinal), $"{href}: the dashboard says {count}; the list: {Regex.Match(list, "Returns \\(\\d+\\)").Value}");

            var csv = await client.GetStringAsync(CsvOf(href));
            Assert.Equal(count, csv.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length - 1);
        }
    }

    [Fact]
    public async Task AMonthsList_HoldsOnlyReturnsDueThatMonth()
    {
        using var client = await site.SignedInClientAsync("officer@demo.opcc-grants.example");
        var dashboard = WebUtility.HtmlDecode(await client.GetStringAsync(new Uri("/officer", UriKind.Relative)));
        var (href, count) = DueLink().Matches(dashboard).Skip(2).Select(m => (m.Groups[1].Value, int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture)))
            .First(l => l.Item2 > 0);
        var from = DateOnly.ParseExact(Regex.Match(href, "from=([0-9-]+)").Groups[1].Value, "yyyy-MM-dd", CultureInfo.InvariantCulture);

        var csv = await client.GetStringAsync(CsvOf(href));
        var page = WebUtility.HtmlDecode(await client.GetStringAsync(new Uri(href, UriKind.Relative)));

        var dues = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1)
            .Select(line => DateOnly.ParseExact(line.Split(',')[^1].Trim().Trim('"'), "yyyy-MM-dd", CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(count, dues.Count);
        Assert.All(dues, d => Assert.Equal((from.Year, from.Month), (d.Year, d.Month)));
        Assert.Contains($"<h1>Monitoring returns still to come in, due in {from.ToString("MMMM yyyy", CultureInfo.GetCultureInfo("en-GB"))}</h1>", page, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(PanelReportRoleMatrixTests.Users), MemberType = typeof(PanelReportRoleMatrixTests))]
    public async Task ReturnsList_IsForGrantsOfficersOnly(string role, string email)
    {
        using var client = await site.SignedInClientAsync(email);

        var response = await client.GetAsync(new Uri("/officer/returns?state=ToCome&to=2030-01-31", UriKind.Relative));

        if (role == Roles.GrantsOfficer)
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
        else
        {
            Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"{role}: {response.StatusCode}");
            Assert.StartsWith("https://localhost/Account/AccessDenied", response.Headers.Location?.ToString(), StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("/officer/returns")]
    [InlineData("/officer/returns?state=Accepted")]
    [InlineData("/officer/returns?state=ToCome&from=31-01-2027")]
    [InlineData("/officer/returns?state=Overdue&to=2027-02-30")]
    [InlineData("/exports/returns.csv?state=Accepted")]
    [InlineData("/exports/returns.csv?state=ToCome&to=tomorrow")]
    public async Task AListTheDashboardNeverLinksTo_IsNotFound(string route)
    {
        using var client = await site.SignedInClientAsync("officer@demo.opcc-grants.example");

        var response = await client.GetAsync(new Uri(route, UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    /// <summary>The CSV download of the list a dashboard link opens (the same filters).</summary>
    private static Uri CsvOf(string listHref) => new(listHref.Replace("/officer/returns?", "/exports/returns.csv?", StringComparison.Ordinal), UriKind.Relative);

    [GeneratedRegex("<a href=\"(/officer/returns\\?[^\"]+)\" data-count=\"(\\d+)\">")]
    private static partial Regex DueLink();
}
