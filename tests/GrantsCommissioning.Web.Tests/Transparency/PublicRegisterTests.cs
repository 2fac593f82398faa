using System.IO.Compression;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Web.Tests.Infrastructure;

namespace GrantsCommissioning.Web.Tests.Transparency;

/// <summary>The public grants and spending registers and the 360Giving files, and the demo's sensitive recipients nowhere in public.</summary>
[Collection(DemoSiteCollection.Second)]
public partial class PublicRegisterTests(GrantsWebFactory site)
{
    /// <summary>The demo's refuges (seed-data/demo/sensitive-recipients.json) with their charity numbers.</summary>
    private static readonly string[] Sensitive = ["Women's Refuge", "Women&#39;s Refuge", "Women&#x27;s Refuge", "1150148", "1150703", "1151258"];

    [Fact]
    public async Task EveryPublicPageAndFile_SignedOut_NeverNamesASensitiveRecipient()
    {
        using var client = site.NewClient();
        var queue = new Queue<string>(["/", "/transparency/grants?q=Refuge", "/transparency/spending?q=Refuge", "/transparency/grants?q=Leominster",
            "/transparency/360giving.json", "/transparency/360giving.csv", "/transparency/360giving.xlsx", "/transparency/grants.csv",
            "/transparency/grants.xlsx", "/transparency/spending.csv", "/transparency/spending.xlsx"]);
        var seen = new HashSet<string>(queue, StringComparer.Ordinal);
        var read = 0;

        while (queue.Count > 0 && read < 400)
        {
            var path = queue.Dequeue();
            var response = await client.GetAsync(new Uri(path, UriKind.Relative));
            if (response.StatusCode != HttpStatusCode.OK)
            {
                continue;
            }
            read++;
            var text = await TextOfAsync(response);
            foreach (var word in Sensitive)
            {
                Assert.False(text.Contains(word, StringComparison.OrdinalIgnoreCase), $"{path} shows \"{word}\"");
            }
            foreach (var link in Links().Matches(text).Select(m => WebUtility.HtmlDecode(m.Groups[1].Value)))
            {
                if (link.StartsWith('/') && !link.StartsWith("//", StringComparison.Ordinal) && !link.StartsWith("/Account", StringComparison.OrdinalIgnoreCase)
                    && !link.StartsWith("/_", StringComparison.Ordinal) && !Asset().IsMatch(link) && seen.Add(link))
                {
                    queue.Enqueue(link);
                }
            }
        }

        Assert.True(read > 30, $"only {read} public pages and files were read");
        Assert.Contains("/transparency/decisions", seen);
        Assert.Contains("/transparency/panel-reports", seen);
        Assert.Contains(seen, s => s.StartsWith("/transparency/grants?", StringComparison.Ordinal) && s.Contains("page=3", StringComparison.Ordinal));
    }

    [Fact]
    public async Task GrantsRegister_ShowsEveryGrantWithItsFiguresFilterAndPaging_AndTheWithheldRecipientAsSuch()
    {
        using var client = site.NewClient();

        var all = WebUtility.HtmlDecode(await client.GetStringAsync(new Uri("/transparency/grants", UriKind.Relative)));
        var year = WebUtility.HtmlDecode(await client.GetStringAsync(new Uri("/transparency/grants?year=2013", UriKind.Relative)));
        var search = WebUtility.HtmlDecode(await client.GetStringAsync(new Uri("/transparency/grants?q=Hereford+Street+Angels", UriKind.Relative)));
        var refuge = WebUtility.HtmlDecode(await client.GetStringAsync(new Uri("/transparency/grants?q=withheld&year=2013", UriKind.Relative)));
        var csv = await client.GetStringAsync(new Uri("/transparency/grants.csv?year=2013", UriKind.Relative));

        var count = await site.IdAsync(db => db.Awards.Where(a => !a.IsCommissionedContract).GroupBy(a => 1).Select(g => g.Count()));
        Assert.Contains($"{count} grants totalling", all, StringComparison.Ordinal);
        Assert.Contains("Page 1 of", all, StringComparison.Ordinal);
        Assert.Contains("<strong>61 grants totalling £1,369,313</strong> awarded in 2013/14.", year, StringComparison.Ordinal);
        Assert.Contains("Hereford Street Angels", search, StringComparison.Ordinal);
        Assert.Contains("Plan objectives", search, StringComparison.Ordinal);
        Assert.Contains("Conditions", search, StringComparison.Ordinal);
        Assert.Contains("Recipient withheld (sensitive)", refuge, StringComparison.Ordinal);
        Assert.StartsWith("Reference,Recipient,Recipient org-id,Amount (GBP),Award date,", csv, StringComparison.Ordinal);
        Assert.Equal(62, csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Count(l => l.StartsWith("AWD-", StringComparison.Ordinal)) + 1);
    }

    [Fact]
    public async Task SpendingRegister_ListsPaymentsOverFiveHundredPounds_AndTheFilesDownload()
    {
        using var client = site.NewClient();

        var html = WebUtility.HtmlDecode(await client.GetStringAsync(new Uri("/transparency/spending", UriKind.Relative)));
        var csv = await client.GetStringAsync(new Uri("/transparency/spending.csv", UriKind.Relative));
        var json = await client.GetAsync(new Uri("/transparency/360giving.json", UriKind.Relative));
        var xlsx = await client.GetAsync(new Uri("/transparency/360giving.xlsx", UriKind.Relative));

        var over = await site.IdAsync(db => db.Payments.Where(p => p.PaidOn != null && p.AmountPence > 50_000 && !p.Award!.IsCommissionedContract)
            .GroupBy(p => 1).Select(g => g.Count()));
        Assert.Contains($"{over} payments totalling", html, StringComparison.Ordinal);
        Assert.Equal(over, csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length - 1);
        Assert.DoesNotContain(csv.Split("\r\n").Skip(1).Where(l => l.Length > 0), l => decimal.Parse(l.Split(',')[3], System.Globalization.CultureInfo.InvariantCulture) <= 500m);
        Assert.Equal("application/json", json.Content.Headers.ContentType?.MediaType);
        Assert.Contains("\"360G-opccwm-AWD-2013-0001\"", await json.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", xlsx.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task HomePage_LinksBothRegisters()
    {
        using var client = site.NewClient();

        var home = await client.GetStringAsync(new Uri("/", UriKind.Relative));

        Assert.Contains("href=\"/transparency/grants\"", home, StringComparison.Ordinal);
        Assert.Contains("href=\"/transparency/spending\"", home, StringComparison.Ordinal);
    }

    /// <summary>A page's or file's text: HTML and CSV as they are, Word and Excel files unzipped (their XML parts).</summary>
    private static async Task<string> TextOfAsync(HttpResponseMessage response)
    {
        var bytes = await response.Content.ReadAsByteArrayAsync();
        if (bytes.Length > 4 && bytes[0] == 'P' && bytes[1] == 'K')
        {
            using var zip = new ZipArchive(new MemoryStream(bytes));
            var text = new StringBuilder();
            foreach (var entry in zip.Entries.Where(e => e.FullName.EndsWith(".xml", StringComparison.Ordinal)))
            {
                using var reader = new StreamReader(entry.Open());
                text.Append(await reader.ReadToEndAsync());
            }
            return WebUtility.HtmlDecode(text.ToString());
        }
        return Encoding.UTF8.GetString(bytes);
    }

    [GeneratedRegex("href=\"([^\"#]+)\"")]
    private static partial Regex Links();

    [GeneratedRegex(@"\.(css|js|png|svg|ico|woff2?)(\?|$)")]
    private static partial Regex Asset();
}
