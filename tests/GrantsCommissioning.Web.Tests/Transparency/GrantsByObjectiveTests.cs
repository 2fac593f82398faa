using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Core.Features.Transparency;
using GrantsCommissioning.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace GrantsCommissioning.Web.Tests.Transparency;

/// <summary>The public grants register's chart of grants by plan objective and its table alternative: the table's amounts add up to the grants listed, and each objective's grants are those that serve it.</summary>
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

    [GeneratedRegex("<tr><th scope=\"row\">(.*?)</th><td class=\"year\">(.*?)</td><td class=\"num\">(\\d+)</td><td class=\"num\" data-pence=\"(-?\\d+)\">")]
    private static partial Regex Row();
}
