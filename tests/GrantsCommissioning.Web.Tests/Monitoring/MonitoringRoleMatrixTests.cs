using System.Net;
using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Web.Tests.Infrastructure;
using GrantsCommissioning.Web.Tests.Panel;

namespace GrantsCommissioning.Web.Tests.Monitoring;

/// <summary>
/// The monitoring routes: the portfolio and its CSV for officers, decision makers and administrators; the change-request
/// form for grants officers and the grantee's for the applicant; the decision page for grants officers, decision makers and the Commissioner; no one else gets in (each role's demo user, as the Panel matrix lists them), and an award that does not exist is a 404.
/// </summary>
[Collection(DemoSiteCollection.Third)]
public class MonitoringRoleMatrixTests(GrantsWebFactory site)
{
    [Theory]
    [MemberData(nameof(PanelReportRoleMatrixTests.Users), MemberType = typeof(PanelReportRoleMatrixTests))]
    public async Task MonitoringRoutes_AreForTheirRolesOnly(string role, string email)
    {
        using var client = await site.SignedInClientAsync(email);
        var award = await site.IdAsync(db => db.Awards.Where(a => a.AwardReference == "AWD-CY-0013").Select(a => a.Id));
        var grant = await site.IdAsync(db => db.Awards.Where(a => a.AwardReference == "AWD-CY-0020").Select(a => a.Id));
        var portfolio = role is Roles.GrantsOfficer or Roles.DecisionMaker or Roles.Administrator;
        var change = role is Roles.GrantsOfficer;

        foreach (var (route, allowed) in new[] { ("/officer/portfolio", portfolio), ("/exports/portfolio.csv", portfolio), ($"/cases/awards/{award}/change", change),
            ($"/applicant/grants/{grant}/change", role is Roles.Applicant),
            ($"/cases/awards/{grant}/change/decide", role is Roles.GrantsOfficer or Roles.DecisionMaker or Roles.Commissioner) })
        {
            var response = await client.GetAsync(new Uri(route, UriKind.Relative));
            if (allowed)
            {
                Assert.True(response.StatusCode == HttpStatusCode.OK, $"{role} {route}: {response.StatusCode}");
            }
            else if (route.EndsWith(".csv", StringComparison.Ordinal))
            {
                Assert.True(response.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.Redirect, $"{role} {route}: {response.StatusCode}");
            }
            else
            {
                Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"{role} {route}: {response.StatusCode}");
                Assert.StartsWith("https://localhost/Account/AccessDenied", response.Headers.Location?.ToString(), StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public async Task MonitoringRoutes_SignedOut_RedirectToSignIn()
    {
        using var client = site.NewClient();

        foreach (var route in new[] { "/officer/portfolio", "/exports/portfolio.csv", "/cases/awards/1/change", "/applicant/grants/1/change", "/cases/awards/1/change/decide" })
        {
            var response = await client.GetAsync(new Uri(route, UriKind.Relative));
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.StartsWith("https://localhost/Account/Login", response.Headers.Location?.ToString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task ChangeForm_ForAnAwardThatDoesNotExist_IsNotFound()
    {
        using var client = await site.SignedInClientAsync("officer@demo.opcc-grants.example");

        var response = await client.GetAsync(new Uri("/cases/awards/999999/change", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task PortfolioCsv_ListsTheOfficersDemoAwardsWithTheirRag()
    {
        using var client = await site.SignedInClientAsync("officer@demo.opcc-grants.example");

        var csv = await client.GetStringAsync(new Uri("/exports/portfolio.csv", UriKind.Relative));

        Assert.StartsWith("\"Award\",\"Title\",\"Organisation\",\"State\",\"End date\"", csv, StringComparison.Ordinal);
        Assert.Contains("\"AWD-CY-0013\"", csv, StringComparison.Ordinal);
        Assert.Contains("\"Some concerns\",\"Spend is running ahead of the payments made", csv, StringComparison.Ordinal);
        // AWD-CY-0014 went off track and the Chief Finance Officer terminated it (the finance demo): no longer an open award.
        Assert.DoesNotContain("\"AWD-CY-0014\"", csv, StringComparison.Ordinal);
    }
}
