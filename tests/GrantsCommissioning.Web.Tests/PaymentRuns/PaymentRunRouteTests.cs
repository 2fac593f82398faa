using System.Net;
using DocumentFormat.OpenXml.Packaging;
using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Core.Features.PaymentRuns;
using GrantsCommissioning.Web.Tests.Infrastructure;

namespace GrantsCommissioning.Web.Tests.PaymentRuns;

/// <summary>The finance pages and downloads: Finance only, everyone else refused, signed-out sent to sign in, unknown runs 404.</summary>
[Collection(DemoSiteCollection.Fourth)]
public class PaymentRunRouteTests(GrantsWebFactory site)
{
    public static TheoryData<string, string> Users => DemoUsers.OneOfEachRole;

    private async Task<string[]> RoutesAsync()
    {
        var exported = await site.IdAsync(db => db.Set<PaymentRun>().Where(r => r.State == PaymentRunWorkflow.Exported).Select(r => r.Id));
        return ["/finance/runs", $"/finance/runs/{exported}", "/finance/reconciliation", "/finance/2027", $"/finance/runs/{exported}/export.csv",
            $"/finance/runs/{exported}/export.xlsx", "/exports/finance-funds.xlsx?year=2026", "/exports/payments.csv",
            $"/exports/run-payments.csv?id={exported}", "/exports/reconciliation.xlsx"];
    }

    [Theory]
    [MemberData(nameof(Users))]
    public async Task FinanceRoutes_AreForFinanceOnly(string role, string email)
    {
        using var client = await site.SignedInClientAsync(email);

        foreach (var route in await RoutesAsync())
        {
            RouteAccess.AssertAllowedOrRefused(await client.GetAsync(new Uri(route, UriKind.Relative)), role == Roles.Finance, $"{role} {route}");
        }
    }

    [Fact]
    public async Task FinanceRoutes_SignedOut_RedirectToSignIn()
    {
        using var client = site.NewClient();

        foreach (var route in await RoutesAsync())
        {
            var response = await client.GetAsync(new Uri(route, UriKind.Relative));
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.StartsWith("https://localhost/Account/Login", response.Headers.Location?.ToString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task RunPage_CountsItsPayments_InGoodEnglish()
    {
        using var client = await site.SignedInClientAsync("finance@demo.opcc-grants.example");
        var single = await site.IdAsync(db => db.Set<PaymentRun>().Where(r => r.Items.Count == 1).OrderBy(r => r.Id).Select(r => r.Id).Take(1));

        var page = WebUtility.HtmlDecode(await client.GetStringAsync(new Uri($"/finance/runs/{single}", UriKind.Relative)));

        Assert.Contains("</span> 1 payment, £", page, StringComparison.Ordinal);
        Assert.Contains("Total of 1 payment</th>", page, StringComparison.Ordinal);
        Assert.DoesNotContain("1 payments", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownRun_AndFilesOfARunNotYetExported_AreNotFound()
    {
        using var client = await site.SignedInClientAsync("finance@demo.opcc-grants.example");
        var prepared = await site.IdAsync(db => db.Set<PaymentRun>().Where(r => r.State == PaymentRunWorkflow.Prepared).Select(r => r.Id));

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(new Uri("/finance/runs/999999", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(new Uri("/finance/runs/999999/export.csv", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(new Uri($"/finance/runs/{prepared}/export.csv", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task Finance_SeesTheDemoRunsReconciliationAndFutureYear_AndTheExportIsTheSameBytesTwice()
    {
        using var client = await site.SignedInClientAsync("finance@demo.opcc-grants.example");
        var exported = await site.IdAsync(db => db.Set<PaymentRun>().Where(r => r.State == PaymentRunWorkflow.Exported).Select(r => r.Id));

        var runs = WebUtility.HtmlDecode(await client.GetStringAsync(new Uri("/finance/runs", UriKind.Relative)));
        var reconciliation = WebUtility.HtmlDecode(await client.GetStringAsync(new Uri("/finance/reconciliation", UriKind.Relative)));
        var future = WebUtility.HtmlDecode(await client.GetStringAsync(new Uri("/finance/2027", UriKind.Relative)));
        var first = await client.GetByteArrayAsync(new Uri($"/finance/runs/{exported}/export.xlsx", UriKind.Relative));
        var second = await client.GetByteArrayAsync(new Uri($"/finance/runs/{exported}/export.xlsx", UriKind.Relative));

        Assert.Contains("Prepared: awaiting authorisation", runs, StringComparison.Ordinal);
        Assert.Contains("Exported to the finance system", runs, StringComparison.Ordinal);
        Assert.Contains("Unknown reference", reconciliation, StringComparison.Ordinal);
        Assert.Contains("AWD-CY-9999-P1", reconciliation, StringComparison.Ordinal);
        Assert.Contains("Fund budgets, commitments and payments in 2027/28", future, StringComparison.Ordinal);
        Assert.Equal(first, second);
        using var document = SpreadsheetDocument.Open(new MemoryStream(first), false);
        Assert.Contains("AWD-SF-CY-0012-P1", document.WorkbookPart!.WorksheetParts.Single().Worksheet.InnerText, StringComparison.Ordinal);
    }
}
