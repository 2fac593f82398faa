using System.Net;
using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Web.Tests.Infrastructure;

namespace GrantsCommissioning.Web.Tests.Panel;

/// <summary>The staff Panel report pages: officers write, the Chief Executive and Commissioner approve; no one else gets in.</summary>
[Collection(DemoSiteCollection.Name)]
public class PanelReportRoleMatrixTests(GrantsWebFactory site)
{
    public static TheoryData<string, string> Users => DemoUsers.OneOfEachRole;

    private static readonly string[] StaffRoutes = ["/panel/reports", "/panel/reports/2013/1", "/panel/reports/2013/1/preview"];

    [Theory]
    [MemberData(nameof(Users))]
    public async Task StaffReportRoutes_AreForOfficersAndApproversOnly(string role, string email)
    {
        using var client = await site.SignedInClientAsync(email);
        var allowed = role is Roles.GrantsOfficer or Roles.DecisionMaker or Roles.Commissioner;

        foreach (var route in StaffRoutes)
        {
            var response = await client.GetAsync(new Uri(route, UriKind.Relative));
            if (allowed)
            {
                Assert.True(response.StatusCode == HttpStatusCode.OK, $"{role} {route}: {response.StatusCode}");
            }
            else
            {
                Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"{role} {route}: {response.StatusCode}");
                Assert.StartsWith("https://localhost/Account/AccessDenied", response.Headers.Location?.ToString(), StringComparison.Ordinal);
            }
        }
    }

    [Theory]
    [MemberData(nameof(Users))]
    public async Task MeasureRoutes_AreForOfficersApproversAndPanelMembers(string role, string email)
    {
        using var client = await site.SignedInClientAsync(email);
        var allowed = role is Roles.GrantsOfficer or Roles.DecisionMaker or Roles.Commissioner or Roles.PanelMember;
        var measure = await site.IdAsync(db => db.Measures.Where(m => m.Title == "Reduction in the volume of violent crime with injury").Select(m => m.Id));

        foreach (var route in new[] { "/panel/measures", "/panel/measures/2013/1", $"/panel/measures/history/{measure}" })
        {
            var response = await client.GetAsync(new Uri(route, UriKind.Relative));
            if (allowed)
            {
                Assert.True(response.StatusCode == HttpStatusCode.OK, $"{role} {route}: {response.StatusCode}");
                // The current quarter is after the 2013–2017 plan's period; the plan stays in force until replaced, so it has its measures, none read yet.
                var expected = route == "/panel/measures" ? "measures have a reading" : "Reduction in the volume of violent crime with injury";
                Assert.Contains(expected, WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()), StringComparison.Ordinal);
            }
            else
            {
                Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"{role} {route}: {response.StatusCode}");
            }
        }
        if (allowed)
        {
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(new Uri("/panel/measures/history/999999", UriKind.Relative))).StatusCode);
        }
    }

    [Fact]
    public async Task StaffReportRoutes_SignedOut_RedirectToSignIn()
    {
        using var client = site.NewClient();

        foreach (var route in StaffRoutes.Append("/panel/measures"))
        {
            var response = await client.GetAsync(new Uri(route, UriKind.Relative));
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.StartsWith("https://localhost/Account/Login", response.Headers.Location?.ToString(), StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("/panel/reports/2013/9")]
    [InlineData("/panel/reports/1800/1/preview")]
    [InlineData("/panel/reports/2012/4/preview")] // before the first plan started (a plan stays in force after its period until replaced)
    [InlineData("/panel/reports/2030/1/preview")] // a quarter that has not begun
    public async Task StaffReportRoutes_ForAQuarterThatCannotBeReported_AreNotFound(string route)
    {
        using var client = await site.SignedInClientAsync("officer@demo.opcc-grants.example");

        var response = await client.GetAsync(new Uri(route, UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Officer_SeesTheQ1ReportApprovedAndPublished_AndTheDocxPreview()
    {
        using var client = await site.SignedInClientAsync("officer@demo.opcc-grants.example");

        var html = WebUtility.HtmlDecode(await client.GetStringAsync(new Uri("/panel/reports/2013/1", UriKind.Relative)));
        var preview = await client.GetAsync(new Uri("/panel/reports/2013/1/preview", UriKind.Relative));

        Assert.Contains("reported against the Police and Crime Plan for West Mercia 2013–2017", html, StringComparison.Ordinal);
        Assert.Contains("Approved by Helen Marsh", html, StringComparison.Ordinal);
        Assert.Contains("Published versions", html, StringComparison.Ordinal);
        Assert.Equal("application/vnd.openxmlformats-officedocument.wordprocessingml.document", preview.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Quarter_After2017_IsReportedAgainstThe2013Plan_WhichStaysInForceUntilReplaced_AndBefore2013AgainstNone()
    {
        using var client = await site.SignedInClientAsync("officer@demo.opcc-grants.example");

        var after = WebUtility.HtmlDecode(await client.GetStringAsync(new Uri("/panel/reports/2026/1", UriKind.Relative)));
        var before = WebUtility.HtmlDecode(await client.GetStringAsync(new Uri("/panel/reports/2012/4", UriKind.Relative)));

        Assert.Contains("reported against the Police and Crime Plan for West Mercia 2013–2017", after, StringComparison.Ordinal);
        Assert.DoesNotContain("No Police and Crime Plan was in force", after, StringComparison.Ordinal);
        Assert.Contains("No Police and Crime Plan was in force in 2012/13 Q4", before, StringComparison.Ordinal);
    }
}
