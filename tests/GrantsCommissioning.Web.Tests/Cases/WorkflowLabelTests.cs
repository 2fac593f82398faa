using System.Net;
using System.Text.RegularExpressions;
using GrantsCommissioning.Web.Tests.Infrastructure;

namespace GrantsCommissioning.Web.Tests.Cases;

/// <summary>Users see the definitions' labels and roles as people say them, never internal names.</summary>
[Collection(DemoSiteCollection.Second)]
public partial class WorkflowLabelTests(GrantsWebFactory site)
{
    [Fact]
    public async Task ApplicationCase_ShowsTheDecisionAndHistoryInWords()
    {
        var id = await site.IdAsync(db => db.Applications.Where(a => a.ApplicationReference == "CGS-CY-0019").Select(a => a.Id));
        using var client = await site.SignedInClientAsync("chief.executive@demo.opcc-grants.example");

        var raw = await GetAsync(client, $"/cases/applications/{id}");
        var html = WebUtility.HtmlDecode(raw);

        Assert.Contains("Part-funded", html, StringComparison.Ordinal);
        Assert.Contains("(Decision maker)", html, StringComparison.Ordinal);
        Assert.Contains("Offer made", html, StringComparison.Ordinal);
        Assert.DoesNotContain("PartFund", Text(raw), StringComparison.Ordinal);
        Assert.DoesNotContain("(DecisionMaker)", html, StringComparison.Ordinal);
        Assert.DoesNotContain("OfferMade", Text(raw), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AdminRecentActivity_NamesCasesAndActionsAsPeopleSayThem()
    {
        using var client = await site.SignedInClientAsync("admin@demo.opcc-grants.example");

        var text = Text(await GetAsync(client, "/admin"));

        Assert.Matches("(Application|Award|Payment|Monitoring return) [A-Z]{3}-", text);
        Assert.DoesNotMatch(@"\b(MonitoringReturn|Application|Award|Payment) #\d", text);
        Assert.DoesNotMatch(@"\b(AcceptOffer|MakeReady|PartFund|StartChecks|MarkOverdue)\b", text);
    }

    [Fact]
    public async Task DecisionsList_ShowsOutcomesInWords()
    {
        using var client = await site.SignedInClientAsync("chief.executive@demo.opcc-grants.example");

        var text = Text(await GetAsync(client, "/decisions"));

        Assert.Contains("Approved in full", text, StringComparison.Ordinal);
        Assert.Contains("Part-funded", text, StringComparison.Ordinal);
        Assert.DoesNotContain("PartFund", text, StringComparison.Ordinal);
    }

    /// <summary>The page's visible text: markup, scripts and the workflow diagram's Mermaid source (its ids; the drawing shows the labels) left out.</summary>
    private static string Text(string html) =>
        WebUtility.HtmlDecode(Tags().Replace(Scripts().Replace(Diagram().Replace(html, ""), ""), " "));

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex Tags();

    [GeneratedRegex("<script.*?</script>", RegexOptions.Singleline)]
    private static partial Regex Scripts();

    [GeneratedRegex("data-mermaid=\"[^\"]*\"|<details>.*?</details>", RegexOptions.Singleline)]
    private static partial Regex Diagram();

    private static async Task<string> GetAsync(HttpClient client, string path)
    {
        var response = await client.GetAsync(new Uri(path, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }
}
