using System.Net;
using GrantsCommissioning.Core.Data;
using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Core.Features.Dashboards;
using GrantsCommissioning.Core.Features.Staff;
using GrantsCommissioning.Core.Workflow;
using GrantsCommissioning.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GrantsCommissioning.Web.Tests.Staff;

/// <summary>
/// The two lists that used to stop at 50 rows without a word: the decisions on /decisions, now paged, sorted and searched
/// in the database with the total shown, and a staff account's changes, whose page says how many there are and whose
/// download holds every one.
/// </summary>
public sealed class UncappedListTests(GrantsWebFactory site) : IClassFixture<GrantsWebFactory>
{
    private const string Admin = "admin@demo.opcc-grants.example";

    [Fact]
    public async Task Decisions_EveryDecisionIsOnSomePage_AndThePageShowsTheTotal()
    {
        int total;
        List<int> expected;
        await using (var db = await site.Services.GetRequiredService<IDbContextFactory<GrantsDbContext>>().CreateDbContextAsync())
        {
            total = await db.Decisions.CountAsync();
            expected = (await db.Decisions.Select(d => new { d.Id, d.AmountPence }).ToListAsync())
                .OrderByDescending(d => d.AmountPence).ThenByDescending(d => d.Id).Select(d => d.Id).ToList();
        }
        var dashboards = site.Services.GetRequiredService<DashboardQueries>();
        var seen = new List<DecisionSummary>();
        for (var skip = 0; skip < total + 20; skip += 20)
        {
            var page = await dashboards.DecisionsAsync(new DecisionListQuery(NoticesOnly: false, Sort: DecisionListSort.AmountHighest, Skip: skip, Take: 20));
            Assert.Equal(total, page.Count);
            seen.AddRange(page.Items);
        }
        using var client = await site.SignedInClientAsync("chief.executive@demo.opcc-grants.example");
        var html = await client.GetStringAsync(new Uri("/decisions", UriKind.Relative));

        Assert.True(total > 50, $"the demo has {total} decisions");
        Assert.Equal(total, seen.Count);
        Assert.Equal(seen.Select(d => d.Amount.Pence).OrderByDescending(p => p), seen.Select(d => d.Amount.Pence));
        Assert.Equal(total, seen.Select(d => (d.ApplicationId, d.DecidedAt)).Distinct().Count());
        Assert.Contains($"Decisions ({total})", html, StringComparison.Ordinal);
        Assert.NotEmpty(expected);
    }

    [Fact]
    public async Task Decisions_Search_FindsByApplicationReference_AndTheDownloadFollowsIt()
    {
        var dashboards = site.Services.GetRequiredService<DashboardQueries>();
        var any = (await dashboards.DecisionsAsync(new DecisionListQuery(NoticesOnly: false, Take: 1))).Items.Single();

        var found = await dashboards.DecisionsAsync(new DecisionListQuery(NoticesOnly: false, Text: any.ApplicationReference.ToLowerInvariant()));
        using var client = await site.SignedInClientAsync("chief.executive@demo.opcc-grants.example");
        var csv = await client.GetStringAsync(new Uri($"/exports/decisions.csv?q={Uri.EscapeDataString(any.ApplicationReference)}", UriKind.Relative));

        Assert.NotEqual(0, found.Count);
        Assert.All(found.Items, d => Assert.Equal(any.ApplicationReference, d.ApplicationReference));
        Assert.Equal(found.Count + 1, csv.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [Fact]
    public async Task StaffAccount_WithMoreThanFiftyChanges_SaysHowManyAndTheDownloadHoldsThemAll()
    {
        var (id, name) = await StaffMemberAsync("finance.manager@demo.opcc-grants.example");
        var staff = site.Services.GetRequiredService<StaffAdministration>();
        var admin = new Actor("admin-test", "Test Administrator", new HashSet<string> { Roles.Administrator });
        for (var i = 0; i < 26; i++)
        {
            Assert.True((await staff.DisableAsync(id, admin)).Succeeded);
            Assert.True((await staff.EnableAsync(id, admin)).Succeeded);
        }
        var total = (await staff.GetAsync(id))!.ChangeCount;
        using var client = await site.SignedInClientAsync(Admin);

        var html = await client.GetStringAsync(new Uri($"/admin/staff/{id}", UriKind.Relative));
        var csv = await client.GetStringAsync(new Uri($"/exports/staff-changes.csv?id={id}", UriKind.Relative));
        var lines = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.True(total >= 52, $"{name} has {total} changes");
        Assert.Contains($"Changes to this account ({total})", html, StringComparison.Ordinal);
        Assert.Contains($"The latest {StaffAdministration.RecentChanges} of {total} changes are listed", html, StringComparison.Ordinal);
        Assert.Equal(total + 1, lines.Length);
        Assert.Contains("Disabled", lines[2], StringComparison.Ordinal);
    }

    [Fact]
    public async Task StaffChangesDownload_IsForAdministrators_AboutStaffAccountsOnly()
    {
        var (officer, _) = await StaffMemberAsync("officer@demo.opcc-grants.example");
        var (applicant, _) = await StaffMemberAsync("applicant@demo.opcc-grants.example");
        using var admin = await site.SignedInClientAsync(Admin);
        using var finance = await site.SignedInClientAsync("finance@demo.opcc-grants.example");

        RouteAccess.AssertAllowedOrRefused(await admin.GetAsync(new Uri($"/exports/staff-changes.csv?id={officer}", UriKind.Relative)), true, "admin");
        RouteAccess.AssertAllowedOrRefused(await finance.GetAsync(new Uri($"/exports/staff-changes.csv?id={officer}", UriKind.Relative)), false, "finance");
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync(new Uri($"/exports/staff-changes.csv?id={applicant}", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync(new Uri("/exports/staff-changes.csv?id=no-such-account", UriKind.Relative))).StatusCode);
    }

    private async Task<(string Id, string Name)> StaffMemberAsync(string email)
    {
        using var scope = site.Services.CreateScope();
        var user = await scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>().FindByEmailAsync(email);
        return (user!.Id, user.DisplayName);
    }
}
