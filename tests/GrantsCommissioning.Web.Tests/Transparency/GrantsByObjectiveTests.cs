using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Core.Features.Transparency;
using GrantsCommissioning.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace GrantsCommissioning.Web.Tests.Transparency;

/// <summary>The public grants register's charts of grants by plan objective and by area with their table alternatives: each table's amounts add up to the grants listed, and each row's grants are those that serve its objective or area.</summary>
[Collection(DemoSiteCollection.Name)]
public partial class GrantsByObjectiveTests(GrantsWebFactory site)
{
    [Theory]
    [InlineData("/transparency/grants?year=2013", 2013)]
    [InlineData("/transparency/grants", null)]
    public async Task ChartTable_AddsUpToTheGrantsListed_AndCountsEachObjectivesGrants(string path, int? year)
    {
        using var client = site.NewClient();
        var registers = site.Services.GetRequiredService<PublicRegisters>();
        var filter = new RegisterFilter(year is { } y ? new FinancialYear(y) : null);
        var listed = registers.Matching(await registers.AllGrantsAsync(), filter).ToList();

        var html = await client.GetStringAsync(new Uri(path, UriKind.Relative));
        var table = html[html.IndexOf("id=\"by-objective-table\"", StringComparison.Ordinal)..];
        table = table[..table.IndexOf("</table>", StringComparison.Ordinal)];
        var rows = Row().Matches(table).Select(m => (Heading: WebUtility.HtmlDecode(m.Groups[1].Value), Year: m.Groups[2].Value,
            Grants: int.Parse(m.Groups[3].Value, CultureInfo.InvariantCulture), Pence: long.Parse(m.Groups[4].Value, CultureInfo.InvariantCulture))).ToList();

        Assert.Contains("class=\"bar-chart\" aria-hidden=\"true\"", html, StringComparison.Ordinal);
        Assert.NotEmpty(rows);
        Assert.Equal(listed.Sum(g => g.Amount.Pence), rows.Sum(r => r.Pence));
        foreach (var r in rows)
        {
            var serving = r.Heading == PublicRegisters.Unlinked.Title
                ? listed.Count(g => g.Year.ToString() == r.Year && g.Objectives.Sum(o => o.SharePercent) != 100)
                : listed.Count(g => g.Year.ToString() == r.Year && g.Objectives.Any(o => o.Heading == r.Heading));
            Assert.True(serving == r.Grants, $"{r.Heading} {r.Year}: {r.Grants} in the table, {serving} grants serve it");
        }
        if (year is not null)
        {
            Assert.All(rows, r => Assert.Equal(new FinancialYear(year.Value).ToString(), r.Year));
        }
    }

    [Theory]
    [InlineData("/transparency/grants?year=2013", 2013)]
    [InlineData("/transparency/grants", null)]
    public async Task AreaTable_AddsUpToTheGrantsListed_CountsEachAreasGrants_AndWithholdsSensitiveRecipientsAreas(string path, int? year)
    {
        using var client = site.NewClient();
        var registers = site.Services.GetRequiredService<PublicRegisters>();
        var listed = registers.Matching(await registers.AllGrantsAsync(), new RegisterFilter(year is { } y ? new FinancialYear(y) : null)).ToList();

        var html = await client.GetStringAsync(new Uri(path, UriKind.Relative));
        var table = html[html.IndexOf("id=\"by-area-table\"", StringComparison.Ordinal)..];
        table = table[..table.IndexOf("</table>", StringComparison.Ordinal)];
        var rows = AreaRow().Matches(table).Select(m => (Area: WebUtility.HtmlDecode(m.Groups[1].Value), Code: m.Groups[2].Value,
            Grants: int.Parse(m.Groups[3].Value, CultureInfo.InvariantCulture), Pence: long.Parse(m.Groups[4].Value, CultureInfo.InvariantCulture))).ToList();

        Assert.Equal(2, Regex.Count(html, "class=\"bar-chart\" aria-hidden=\"true\""));
        Assert.Equal(listed.Count, rows.Sum(r => r.Grants));
        Assert.Equal(listed.Sum(g => g.Amount.Pence), rows.Sum(r => r.Pence));
        foreach (var r in rows)
        {
            var inArea = listed.Where(g => (g.Location?.Name ?? PublicRegisters.AreaWithheld) == r.Area).ToList();
            Assert.True(inArea.Count == r.Grants, $"{r.Area}: {r.Grants} in the table, {inArea.Count} grants listed");
            Assert.Equal(inArea.Sum(g => g.Amount.Pence), r.Pence);
        }
        Assert.Contains(rows, r => r.Area == "Herefordshire" && r.Code == "E06000019");
        // The demo's refuges are sensitive: counted, their area not named.
        Assert.Equal(listed.Count(g => g.RecipientWithheld), rows.SingleOrDefault(r => r.Area == PublicRegisters.AreaWithheld).Grants);
        Assert.True(year is not null || listed.Any(g => g.RecipientWithheld), "the demo has no sensitive recipient to withhold");
    }

    [GeneratedRegex("<tr><th scope=\"row\">(.*?)</th><td class=\"code\">(.*?)</td><td class=\"num\">(\\d+)</td><td class=\"num\" data-pence=\"(-?\\d+)\">")]
    private static partial Regex AreaRow();

    [GeneratedRegex("<tr><th scope=\"row\">(.*?)</th><td class=\"year\">(.*?)</td><td class=\"num\">(\\d+)</td><td class=\"num\" data-pence=\"(-?\\d+)\">")]
    private static partial Regex Row();
}
