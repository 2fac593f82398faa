using System.Text.RegularExpressions;
using GrantsCommissioning.Web.Tests.Infrastructure;

namespace GrantsCommissioning.Web.Tests.Dashboards;

/// <summary>
/// The officer's dashboard as first sent, before its circuit is live: the applications search cannot be used yet. A search
/// typed and pressed then did nothing, as the button had no handler yet (an end-to-end test that searched at once timed
/// out in CI under load).
/// </summary>
[Collection(DemoSiteCollection.Name)]
public class OfficerDashboardTests(GrantsWebFactory site)
{
    [Fact]
    public async Task Prerendered_TheApplicationsSearch_IsDisabledUntilThePageIsLive()
    {
        using var client = await site.SignedInClientAsync("officer@demo.opcc-grants.example");

        var html = await client.GetStringAsync(new Uri("/officer", UriKind.Relative));

        var box = Regex.Match(html, "<input[^>]*aria-label=\"Search applications\"[^>]*>");
        var button = Regex.Match(html, "<button(?<attributes>[^>]*)>\\s*<span class=\"rz-button-box\">\\s*<span class=\"rz-button-text\">Search</span>");
        Assert.True(box.Success, "the page has the applications search box");
        Assert.True(button.Success, "the page has the Search button");
        Assert.Matches("\\sdisabled", box.Value);
        Assert.Matches("\\sdisabled", button.Groups["attributes"].Value);
    }
}
