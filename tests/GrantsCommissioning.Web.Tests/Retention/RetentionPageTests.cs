using System.Net;
using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Core.Features.Retention;
using GrantsCommissioning.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace GrantsCommissioning.Web.Tests.Retention;

/// <summary>The administrator's retention page and report export: Administrator only; the demo's dry run is shown and exported; bad input is refused with its message.</summary>
[Collection(DemoSiteCollection.Third)]
public class RetentionPageTests(GrantsWebFactory site)
{
    private const string Path = "/admin/retention";

    public static TheoryData<string, string> Users => DemoUsers.OneOfEachRole;

    private Task<int> RunIdAsync() => site.IdAsync(db => db.Set<RetentionRun>().OrderByDescending(r => r.Id).Select(r => r.Id).Take(1));

    [Theory]
    [MemberData(nameof(Users))]
    public async Task TheRetentionPageAndReport_AreForAdministratorsOnly(string role, string email)
    {
        using var client = await site.SignedInClientAsync(email);
        var run = await RunIdAsync();

        foreach (var route in new[] { Path, $"{Path}/report.csv?run={run}" })
        {
            var response = await client.GetAsync(new Uri(route, UriKind.Relative));
            if (role == Roles.Administrator)
            {
                Assert.True(response.StatusCode == HttpStatusCode.OK, $"{role} {route}: {response.StatusCode}");
            }
            else
            {
                Assert.True(response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Forbidden, $"{role} {route}: {response.StatusCode}");
                Assert.StartsWith("https://localhost/Account/AccessDenied", response.Headers.Location?.ToString() ?? "https://localhost/Account/AccessDenied", StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public async Task SignedOut_IsSentToSignIn_AndAnUnknownReportIsNotFound()
    {
        using var anonymous = site.NewClient();
        using var admin = await site.SignedInClientAsync("admin@demo.opcc-grants.example");

        var page = await anonymous.GetAsync(new Uri(Path, UriKind.Relative));
        var unknown = await admin.GetAsync(new Uri($"{Path}/report.csv?run=999999", UriKind.Relative));
        var unknownHold = await admin.GetStringAsync(new Uri($"{Path}?confirm=lift&id=999999", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.StartsWith("https://localhost/Account/Login", page.Headers.Location?.ToString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.DoesNotContain("Yes, lift the hold", unknownHold, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Administrator_SeesThePoliciesTheHoldAndTheDemoDryRun_AndTheCsvHasTheSameRecords()
    {
        using var admin = await site.SignedInClientAsync("admin@demo.opcc-grants.example");
        var run = await RunIdAsync();

        var html = WebUtility.HtmlDecode(await admin.GetStringAsync(new Uri(Path, UriKind.Relative)));
        var csv = await admin.GetStringAsync(new Uri($"{Path}/report.csv?run={run}", UriKind.Relative));
        var lines = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);

        Assert.Contains("Unsuccessful applications", html, StringComparison.Ordinal);
        Assert.Contains("7 years from the award's close (or termination)", html, StringComparison.Ordinal);
        Assert.Contains("Subject of a complaint to the Information Commissioner's Office", html, StringComparison.Ordinal);
        Assert.Contains("CGS-2013-0901", html, StringComparison.Ordinal);
        Assert.Contains("Kept: under legal hold.", html, StringComparison.Ordinal);
        Assert.Contains("Approve and purge…", html, StringComparison.Ordinal);
        Assert.StartsWith("Reference,Record type,Decision,", lines[0], StringComparison.Ordinal);
        Assert.Contains(lines, l => l.StartsWith("\"CGS-2013-0901\",\"Unsuccessful applications\",Purge,2013-06-20,2015-06-20,", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("\"CGS-2013-0904\",\"Unsuccessful applications\",Keep,", StringComparison.Ordinal));
        var items = await site.IdAsync(db => db.Set<RetentionRunItem>().Where(i => i.RunId == run).GroupBy(i => i.RunId).Select(g => g.Count()));
        Assert.Equal(items + 1, lines.Length);
    }

    [Fact]
    public async Task ThePolicyForm_SaysWhatIsWrong_AndChangesNothing()
    {
        using var admin = await site.SignedInClientAsync("admin@demo.opcc-grants.example");
        var before = await site.IdAsync(db => db.Set<RetentionPolicy>().Where(p => p.RecordType == RetentionRecordType.ClosedAward).Select(p => p.Period));

        var response = await GrantsWebFactory.PostFormAsync(admin, $"{Path}?edit=ClosedAward", "policy",
            new() { ["Policy.RecordType"] = "ClosedAward", ["Policy.Period"] = "2", ["Policy.Unit"] = "Years" });
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

        Assert.Contains("Closed awards, with their returns and payments are financial records: keep them for at least 6 years after they close.", html, StringComparison.Ordinal);
        Assert.Equal(before, await site.IdAsync(db => db.Set<RetentionPolicy>().Where(p => p.RecordType == RetentionRecordType.ClosedAward).Select(p => p.Period)));
        Assert.Equal(7, before);
    }
}
