using System.Net;
using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Web.Tests.Infrastructure;
using GrantsCommissioning.Web.Tests.PaymentRuns;

namespace GrantsCommissioning.Web.Tests.Schedules;

/// <summary>The award payment schedule page: grants officers and finance only, everyone else refused, an unknown award 404; the demo shows an advance and a held instalment.</summary>
[Collection(DemoSiteCollection.Fourth)]
public class ScheduleRouteTests(GrantsWebFactory site)
{
    public static TheoryData<string, string> Users => PaymentRunRouteTests.Users;

    private async Task<string> RouteAsync() => $"/cases/awards/{await site.IdAsync(db => db.Awards.Where(a => a.AwardReference == "AWD-CY-0013").Select(a => a.Id))}/schedule";

    [Theory]
    [MemberData(nameof(Users))]
    public async Task SchedulePage_IsForGrantsOfficersAndFinanceOnly(string role, string email)
    {
        using var client = await site.SignedInClientAsync(email);
        var route = await RouteAsync();

        var response = await client.GetAsync(new Uri(route, UriKind.Relative));

        if (role is Roles.GrantsOfficer or Roles.Finance)
        {
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{role} {route}: {response.StatusCode}");
        }
        else
        {
            Assert.True(response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Forbidden, $"{role} {route}: {response.StatusCode}");
        }
    }

    [Fact]
    public async Task SchedulePage_SignedOut_RedirectsToSignIn_AndAnUnknownAwardIsNotFound()
    {
        using var anonymous = site.NewClient();
        using var officer = await site.SignedInClientAsync("officer@demo.opcc-grants.example");

        var signedOut = await anonymous.GetAsync(new Uri(await RouteAsync(), UriKind.Relative));
        var unknown = await officer.GetAsync(new Uri("/cases/awards/999999/schedule", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);
        Assert.StartsWith("https://localhost/Account/Login", signedOut.Headers.Location?.ToString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task Demo_ShowsTheAdvanceWithItsJustification_AndTheInstalmentHeldForADocument()
    {
        using var finance = await site.SignedInClientAsync("finance@demo.opcc-grants.example");
        var route = await RouteAsync();

        var page = WebUtility.HtmlDecode(await finance.GetStringAsync(new Uri(route, UriKind.Relative)));
        var award = WebUtility.HtmlDecode(await finance.GetStringAsync(new Uri(route.Replace("/schedule", "", StringComparison.Ordinal), UriKind.Relative)));

        Assert.Contains("Held until the updated safeguarding policy signed by the trustees is received.", page, StringComparison.Ordinal);
        Assert.Contains("the charity has no reserves to carry the sessional youth workers' pay", page, StringComparison.Ordinal);
        Assert.Contains("Payment basis</dt><dd>Advance – Paid at the start of the quarter it funds", award, StringComparison.Ordinal);
    }
}
