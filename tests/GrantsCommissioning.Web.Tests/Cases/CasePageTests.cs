using System.Net;
using GrantsCommissioning.Web.Tests.Infrastructure;

namespace GrantsCommissioning.Web.Tests.Cases;

[Collection(DemoSiteCollection.Fourth)]
public class CasePageTests(GrantsWebFactory site)
{
    [Fact]
    public async Task ApplicationCase_ForADecisionMaker_ShowsDetailsDiagramHistoryAndTheDecisionForm()
    {
        var id = await site.IdAsync(db => db.Applications.Where(a => a.ApplicationReference == "CGS-CY-0005").Select(a => a.Id));
        using var client = await site.SignedInClientAsync("chief.executive@demo.opcc-grants.example");

        var html = await GetAsync(client, $"/cases/applications/{id}");

        Assert.Contains("Volunteer speed monitoring in villages with speeding concerns", html, StringComparison.Ordinal);
        Assert.Contains("Objective 9 – To work with the Safer Roads Partnership", html, StringComparison.Ordinal);
        Assert.Contains("Record the decision", html, StringComparison.Ordinal);
        Assert.Contains("stateDiagram-v2", html, StringComparison.Ordinal);
        Assert.Contains("class Recommendation current", html, StringComparison.Ordinal);
        Assert.Contains("History", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OfficerCase_InEligibilityCheck_OffersOnlyTheOfficersTransitionsAsButtons()
    {
        var id = await site.IdAsync(db => db.Applications.Where(a => a.ApplicationReference == "CGS-CY-0003").Select(a => a.Id));
        using var client = await site.SignedInClientAsync("officer@demo.opcc-grants.example");

        var html = await GetAsync(client, $"/cases/applications/{id}");

        Assert.Contains(">Passed checks: send for assessment</button>", html, StringComparison.Ordinal);
        Assert.Contains(">Failed checks: reject</button>", html, StringComparison.Ordinal);
        // grant-application v4: asking the applicant for more information, one case at a time (a reason is asked for first).
        Assert.Contains(">Ask the applicant for more information</button>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Record the decision", html, StringComparison.Ordinal);
        Assert.DoesNotContain(">Accept offer</button>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PaymentCase_ForFinance_OffersToRecordAnAuthorisedPayment()
    {
        var id = await site.IdAsync(db => db.Payments.Where(p => p.PaymentReference == "AWD-CY-0013-P2").Select(p => p.Id));
        using var client = await site.SignedInClientAsync("finance@demo.opcc-grants.example");

        var html = await GetAsync(client, $"/cases/payments/{id}");

        Assert.Contains("Instalment 2 of £5,000.00", html, StringComparison.Ordinal);
        Assert.Contains("Record the payment as made", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/cases/applications/1")]
    [InlineData("/cases/awards/1")]
    [InlineData("/cases/payments/1")]
    [InlineData("/cases/returns/1")]
    public async Task CasePages_AreForStaffOnly(string path)
    {
        using var client = await site.SignedInClientAsync("applicant@demo.opcc-grants.example");

        var response = await client.GetAsync(new Uri(path, UriKind.Relative));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/Account/AccessDenied", response.Headers.Location?.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CasePage_ForAnUnknownCase_IsNotFound()
    {
        using var client = await site.SignedInClientAsync("officer@demo.opcc-grants.example");

        var response = await client.GetAsync(new Uri("/cases/returns/999999", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("Page not found", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private static async Task<string> GetAsync(HttpClient client, string path)
    {
        var response = await client.GetAsync(new Uri(path, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
    }
}
