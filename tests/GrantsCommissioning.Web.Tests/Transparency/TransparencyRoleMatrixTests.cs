using System.Net;
using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Web.Tests.Infrastructure;
using GrantsCommissioning.Web.Tests.Panel;

namespace GrantsCommissioning.Web.Tests.Transparency;

/// <summary>Who reaches the registers (everyone) and the 360Giving quality page (officers, approvers and administrators).</summary>
[Collection(DemoSiteCollection.Name)]
public class TransparencyRoleMatrixTests(GrantsWebFactory site)
{
    private static readonly string[] PublicRoutes =
    [
        "/transparency/grants", "/transparency/spending", "/transparency/grants?page=2&year=2013", "/transparency/360giving.json",
        "/transparency/360giving.csv", "/transparency/360giving.xlsx", "/transparency/grants.xlsx", "/transparency/spending.csv",
    ];

    [Theory]
    [MemberData(nameof(PanelReportRoleMatrixTests.Users), MemberType = typeof(PanelReportRoleMatrixTests))]
    public async Task Routes_ForEachRole(string role, string email)
    {
        using var client = await site.SignedInClientAsync(email);
        var mayReadQuality = role is Roles.GrantsOfficer or Roles.DecisionMaker or Roles.Commissioner or Roles.Administrator;

        foreach (var route in PublicRoutes)
        {
            Assert.True((await client.GetAsync(new Uri(route, UriKind.Relative))).StatusCode == HttpStatusCode.OK, $"{role} {route}");
        }
        var quality = await client.GetAsync(new Uri("/open-data/quality", UriKind.Relative));
        if (mayReadQuality)
        {
            Assert.Equal(HttpStatusCode.OK, quality.StatusCode);
            var html = WebUtility.HtmlDecode(await quality.Content.ReadAsStringAsync());
            Assert.Contains("grants are published in the", html, StringComparison.Ordinal);
            Assert.Contains("Leominster Women's Refuge", html, StringComparison.Ordinal);
            Assert.Equal(role is Roles.GrantsOfficer or Roles.Administrator, html.Contains("Mark as sensitive", StringComparison.Ordinal));
        }
        else
        {
            Assert.Equal(HttpStatusCode.Redirect, quality.StatusCode);
            Assert.StartsWith("https://localhost/Account/AccessDenied", quality.Headers.Location?.ToString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task SignedOut_ReadsThePublicRoutes_AndIsSentToSignInForTheQualityPage()
    {
        using var client = site.NewClient();

        foreach (var route in PublicRoutes)
        {
            Assert.True((await client.GetAsync(new Uri(route, UriKind.Relative))).StatusCode == HttpStatusCode.OK, route);
        }
        var quality = await client.GetAsync(new Uri("/open-data/quality", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Redirect, quality.StatusCode);
        Assert.StartsWith("https://localhost/Account/Login", quality.Headers.Location?.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/transparency/360giving.pdf")]
    [InlineData("/transparency/grants.docx")]
    [InlineData("/transparency/grants/999999")]
    public async Task UnknownFilesAndIds_AreNotFound(string route)
    {
        // Signed out, an address the site does not have sends to sign-in like any other; signed in it is 404.
        using var client = await site.SignedInClientAsync("officer@demo.opcc-grants.example");

        var response = await client.GetAsync(new Uri(route, UriKind.Relative));

        Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{route}: {response.StatusCode} {response.Headers.Location}");
    }
}
