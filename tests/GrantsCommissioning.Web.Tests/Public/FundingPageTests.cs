using System.Net;
using System.Text.RegularExpressions;
using GrantsCommissioning.Web.Tests.Infrastructure;

namespace GrantsCommissioning.Web.Tests.Public;

[Collection(DemoSiteCollection.Second)]
public partial class FundingPageTests(GrantsWebFactory site)
{
    [Theory]
    [InlineData("abc")]
    [InlineData("-1")]
    [InlineData("99999999999")]
    public async Task FundingPage_WithAnObjectiveThatIsNotAnObjectiveNumber_ShowsEveryOpenRound(string objective)
    {
        using var client = site.NewClient();

        var response = await client.GetAsync(new Uri($"/funding?objective={objective}", UriKind.Relative));
        var all = await client.GetStringAsync(new Uri("/funding", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var count = RoundCount().Match(await response.Content.ReadAsStringAsync());
        Assert.True(count.Success, "the page lists the open rounds");
        Assert.Equal(RoundCount().Match(all).Value, count.Value);
    }

    [GeneratedRegex(@"\d+ funding rounds? open")]
    private static partial Regex RoundCount();
}
