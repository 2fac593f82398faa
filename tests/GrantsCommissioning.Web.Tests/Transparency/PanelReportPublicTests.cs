using System.Net;
using System.Security.Cryptography;
using GrantsCommissioning.Web.Tests.Infrastructure;

namespace GrantsCommissioning.Web.Tests.Transparency;

/// <summary>The published Panel reports: public, each with its Word document, and nothing that is not published.</summary>
[Collection(DemoSiteCollection.Third)]
public class PanelReportPublicTests(GrantsWebFactory site)
{
    [Fact]
    public async Task PanelReports_SignedOut_ListsThePublishedQ1ReportWithItsDocxAndHash()
    {
        using var client = site.NewClient();

        var list = WebUtility.HtmlDecode(await client.GetStringAsync(new Uri("/transparency/panel-reports", UriKind.Relative)));
        var id = System.Text.RegularExpressions.Regex.Match(list, @"/transparency/panel-reports/(\d+)/document").Groups[1].Value;
        var report = WebUtility.HtmlDecode(await client.GetStringAsync(new Uri($"/transparency/panel-reports/{id}", UriKind.Relative)));
        var docx = await client.GetAsync(new Uri($"/transparency/panel-reports/{id}/document", UriKind.Relative));
        var bytes = await docx.Content.ReadAsByteArrayAsync();

        Assert.Contains("2013/14 Q1 (April – June 2013)", list, StringComparison.Ordinal);
        Assert.Contains("Police &amp; Crime Plan activity and performance monitoring report".Replace("&amp;", "&", StringComparison.Ordinal), report, StringComparison.Ordinal);
        Assert.Contains("To the end of June 2013, 61 grants have been awarded totalling £1,369,313.", report, StringComparison.Ordinal);
        Assert.Contains("Reduction in the volume of violent crime with injury *", report, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, docx.StatusCode);
        Assert.Equal("panel-report-2013-14-q1-v1.docx", docx.Content.Headers.ContentDisposition?.FileNameStar ?? docx.Content.Headers.ContentDisposition?.FileName);
        var hash = Convert.ToHexStringLower(SHA256.HashData(bytes));
        Assert.Contains(hash, list, StringComparison.Ordinal);
        Assert.Contains(hash, report, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/transparency/panel-reports/999999")]
    [InlineData("/transparency/panel-reports/999999/document")]
    public async Task UnknownReport_IsNotFound(string path)
    {
        using var client = site.NewClient();

        var response = await client.GetAsync(new Uri(path, UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
