using System.Net;
using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Core.Features.Funds;
using GrantsCommissioning.Web.Tests.Infrastructure;
using GrantsCommissioning.Web.Tests.PaymentRuns;

namespace GrantsCommissioning.Web.Tests.Funds;

/// <summary>
/// The fund pages: funds and budgets for Finance and administrators, virements for Finance and the Chief Finance Officer
/// (decision makers), each figure's drill-down for Finance; everyone else refused; unknown funds and figures 404.
/// </summary>
[Collection(DemoSiteCollection.Name)]
public class FundRouteTests(GrantsWebFactory site)
{
    public static TheoryData<string, string> Users => PaymentRunRouteTests.Users;

    private async Task<(string Route, string[] Roles)[]> RoutesAsync()
    {
        var passported = await site.IdAsync(db => db.Funds.Where(f => f.Code == "CSF-WM").Select(f => f.Id));
        return
        [
            ("/finance/funds", [Roles.Finance, Roles.Administrator]),
            ($"/finance/funds/{passported}", [Roles.Finance, Roles.Administrator]),
            ("/finance/virements", [Roles.Finance, Roles.DecisionMaker]),
            ($"/finance/2027/funds/{passported}/committed", [Roles.Finance]),
            ($"/finance/2027/funds/{passported}/forecast?quarter=2", [Roles.Finance]),
        ];
    }

    [Theory]
    [MemberData(nameof(Users))]
    public async Task FundRoutes_AreForTheirRolesOnly(string role, string email)
    {
        using var client = await site.SignedInClientAsync(email);

        foreach (var (route, roles) in await RoutesAsync())
        {
            var response = await client.GetAsync(new Uri(route, UriKind.Relative));
            if (roles.Contains(role))
            {
                Assert.True(response.StatusCode == HttpStatusCode.OK, $"{role} {route}: {response.StatusCode}");
            }
            else
            {
                Assert.True(response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Forbidden, $"{role} {route}: {response.StatusCode}");
            }
        }
    }

    [Fact]
    public async Task FundRoutes_SignedOut_RedirectToSignIn()
    {
        using var client = site.NewClient();

        foreach (var (route, _) in await RoutesAsync())
        {
            var response = await client.GetAsync(new Uri(route, UriKind.Relative));
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.StartsWith("https://localhost/Account/Login", response.Headers.Location?.ToString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task UnknownFundAndFigure_AreNotFound()
    {
        using var client = await site.SignedInClientAsync("finance@demo.opcc-grants.example");
        var passported = await site.IdAsync(db => db.Funds.Where(f => f.Code == "CSF-WM").Select(f => f.Id));

        foreach (var route in new[] { "/finance/funds/999999", "/finance/2027/funds/999999/paid", $"/finance/2027/funds/{passported}/budgeted", $"/finance/2027/funds/{passported}/paid?quarter=5" })
        {
            Assert.True((await client.GetAsync(new Uri(route, UriKind.Relative))).StatusCode == HttpStatusCode.NotFound, route);
        }
    }

    [Fact]
    public async Task Demo_HasThePassportedFundItsTableTheCarryForwardAndAVirementForTheCfo()
    {
        using var finance = await site.SignedInClientAsync("finance@demo.opcc-grants.example");
        using var cfo = await site.SignedInClientAsync("cfo@demo.opcc-grants.example");
        var passported = await site.IdAsync(db => db.Funds.Where(f => f.Code == "CSF-WM").Select(f => f.Id));
        var grants = await site.IdAsync(db => db.Funds.Where(f => f.Code == "CGS").Select(f => f.Id));

        var table = WebUtility.HtmlDecode(await finance.GetStringAsync(new Uri($"/finance/funds/{passported}", UriKind.Relative)));
        var scheme = WebUtility.HtmlDecode(await finance.GetStringAsync(new Uri($"/finance/funds/{grants}", UriKind.Relative)));
        var virements = WebUtility.HtmlDecode(await cfo.GetStringAsync(new Uri("/finance/virements", UriKind.Relative)));
        var year = WebUtility.HtmlDecode(await finance.GetStringAsync(new Uri("/finance/2027", UriKind.Relative)));

        Assert.Contains("2027/28: £1,132,000.00 to allocate", table, StringComparison.Ordinal);
        Assert.Contains("AWD-CSF-WM-2728-05", table, StringComparison.Ordinal);
        Assert.Contains("£452,000.00", scheme, StringComparison.Ordinal);
        Assert.Contains("Approve", virements, StringComparison.Ordinal);
        Assert.Contains("Community Safety Fund (passported to partnerships)", year, StringComparison.Ordinal);
    }
}
