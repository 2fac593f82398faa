using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using GrantsCommissioning.Web.Tests.Infrastructure;

namespace GrantsCommissioning.Web.Tests.Panel;

/// <summary>The Panel page's success-measure RAG counts are links to the measures that make them up: each list has as many measures as its count, all with that RAG.</summary>
[Collection(DemoSiteCollection.Third)]
public partial class RagDrillDownTests(GrantsWebFactory site)
{
    [Fact]
    public async Task EveryRagCountOnThePanelPage_OpensAListOfThatManyMeasures_AllWithThatRag()
    {
        using var client = await site.SignedInClientAsync("panel@demo.opcc-grants.example");
        var panel = WebUtility.HtmlDecode(await client.GetStringAsync(new Uri("/panel", UriKind.Relative)));
        var links = RagLink().Matches(panel).Select(m => (Href: m.Groups[1].Value, Rag: m.Groups[2].Value, Count: int.Parse(m.Groups[3].Value, CultureInfo.InvariantCulture))).ToList();

        Assert.NotEmpty(links);
        foreach (var (href, rag, count) in links)
        {
            var list = WebUtility.HtmlDecode(await client.GetStringAsync(new Uri(href, UriKind.Relative)));
            var shown = int.Parse(FilterCount().Match(list).Groups[1].Value, CultureInfo.InvariantCulture);
            var body = list[list.IndexOf("<tbody>", StringComparison.Ordinal)..list.IndexOf("</tbody>", StringComparison.Ordinal)];
            var rows = RagCell().Matches(body).Select(m => m.Groups[1].Value).ToList();

            Assert.True(count == shown, $"{href}: the Panel page says {count}, the list says {shown}");
            Assert.Equal(count, rows.Count);
            Assert.All(rows, r => Assert.Equal(rag, r));
        }
    }

    [Fact]
    public async Task MeasuresPage_WithoutAKnownRag_ListsEveryMeasure()
    {
        using var client = await site.SignedInClientAsync("officer@demo.opcc-grants.example");
        var all = await client.GetStringAsync(new Uri("/panel/measures/2013/1", UriKind.Relative));
        var odd = await client.GetStringAsync(new Uri("/panel/measures/2013/1?rag=7", UriKind.Relative));

        Assert.DoesNotContain("id=\"rag-filter\"", all, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"rag-filter\"", odd, StringComparison.Ordinal);
        Assert.Equal(RagCell().Count(all), RagCell().Count(odd));
    }

    [GeneratedRegex("<a href=\"(/panel/measures/\\d{4}/\\d\\?rag=(\\w+))\" data-rag-count=\"(\\d+)\">")]
    private static partial Regex RagLink();

    [GeneratedRegex("id=\"rag-filter\" data-count=\"(\\d+)\"")]
    private static partial Regex FilterCount();

    [GeneratedRegex("<span class=\"rag rag-(\\w+)\">")]
    private static partial Regex RagCell();
}
