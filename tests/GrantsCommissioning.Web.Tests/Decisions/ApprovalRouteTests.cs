using System.Net;
using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Web.Tests.Applicants;
using GrantsCommissioning.Web.Tests.Infrastructure;

namespace GrantsCommissioning.Web.Tests.Decisions;

/// <summary>
/// The deputies page (decision makers and the Commissioner only) and the approval tracker on the case page, as the demo
/// data shows them on a first run: CGS-CY-0011 with a voided approval and the Chief Executive's approval given by her deputy.
/// </summary>
[Collection(DemoSiteCollection.Third)]
public class ApprovalRouteTests(GrantsWebFactory site)
{
    public static TheoryData<string, string> Users => DemoUsers.OneOfEachRole;

    [Theory]
    [MemberData(nameof(Users))]
    public async Task DeputiesPage_IsForDecisionMakersAndTheCommissionerOnly(string role, string email)
    {
        using var client = await site.SignedInClientAsync(email);

        var response = await client.GetAsync(new Uri("/staff/deputies", UriKind.Relative));

        if (role is Roles.DecisionMaker or Roles.Commissioner)
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
            Assert.Contains("Jamal Hussain", html, StringComparison.Ordinal);
            Assert.Contains("£20,000", html, StringComparison.Ordinal);
            Assert.Contains("Nominate the deputy", html, StringComparison.Ordinal);
        }
        else
        {
            Assert.True(response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Forbidden, $"{role}: {response.StatusCode}");
        }
    }

    [Fact]
    public async Task OnlyThePrincipal_IsOfferedToEndTheirNomination()
    {
        using var ce = await site.SignedInClientAsync("chief.executive@demo.opcc-grants.example");
        using var cfo = await site.SignedInClientAsync("cfo@demo.opcc-grants.example");

        var own = WebUtility.HtmlDecode(await ce.HtmlAsync("/staff/deputies"));
        var other = WebUtility.HtmlDecode(await cfo.HtmlAsync("/staff/deputies"));

        Assert.Contains("End the nomination of Jamal Hussain", own, StringComparison.Ordinal);
        Assert.DoesNotContain("End the nomination of", other, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheDemoCase_ShowsTheTracker_WithTheVoidedApprovalAndTheDeputysApproval()
    {
        var id = await site.IdAsync(db => db.Applications.Where(a => a.ApplicationReference == "CGS-CY-0011").Select(a => a.Id));
        using var client = await site.SignedInClientAsync("cfo@demo.opcc-grants.example");

        var html = WebUtility.HtmlDecode(await client.HtmlAsync($"/cases/applications/{id}"));

        Assert.Contains("id=\"approval-tracker\"", html, StringComparison.Ordinal);
        Assert.Contains("Chief Executive's approval", html, StringComparison.Ordinal);
        Assert.Contains("Done: Jamal Hussain as deputy for Helen Marsh", html, StringComparison.Ordinal);
        Assert.Contains("Decision: Decision maker (up to £25,000)", html, StringComparison.Ordinal);
        Assert.Contains("Waiting: next", html, StringComparison.Ordinal);
        Assert.Contains("Chief Executive's approval by Helen Marsh", html, StringComparison.Ordinal);
        Assert.Contains("Sent back: confirm the refuge's latest accounts before a decision.", html, StringComparison.Ordinal);
    }
}
