using System.Net;
using GrantsCommissioning.Core.Features.Retention;
using GrantsCommissioning.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace GrantsCommissioning.Web.Tests.Public;

/// <summary>
/// The privacy notice says what the service does (issue 14's defect): the retention periods it states are those the
/// retention page holds, with what a purge removes, and it no longer says records are never deleted; the 360Giving
/// files it promises are served.
/// </summary>
[Collection(DemoSiteCollection.Third)]
public class PrivacyNoticeTests(GrantsWebFactory site)
{
    [Fact]
    public async Task PrivacyNotice_StatesTheRetentionPeriodsInForce_AndThe360GivingFilesItNamesExist()
    {
        using var client = site.NewClient();
        var policies = await site.Services.GetRequiredService<RetentionService>().PoliciesAsync();

        var html = WebUtility.HtmlDecode(await client.GetStringAsync(new Uri("/privacy", UriKind.Relative)));

        Assert.Equal(3, policies.Count);
        foreach (var p in policies)
        {
            Assert.Contains($"{p.Title}: {RetentionDefaults.Describe(p.Period, p.Unit)} from {p.ClockStarts}. Then {p.Removes}.", html, StringComparison.Ordinal);
        }
        Assert.DoesNotContain("does not yet delete", html, StringComparison.Ordinal);
        Assert.Contains("360Giving", html, StringComparison.Ordinal);
        foreach (var file in new[] { "/transparency/360giving.json", "/transparency/360giving.csv" })
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri(file, UriKind.Relative))).StatusCode);
        }
    }
}
