using System.Globalization;
using Bunit;
using GrantsCommissioning.Core.Data;
using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Core.Features.Dashboards;
using GrantsCommissioning.Core.Workflow;
using GrantsCommissioning.Web.Components.Pages.Dashboards;
using GrantsCommissioning.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Radzen;

namespace GrantsCommissioning.Web.Tests.Staff;

/// <summary>
/// The officer's returns lists and finance's payments needing action hold more rows than a page: each shows the total
/// of every row, and the second page holds the next rows in order (nothing is cut at 50 or at a page).
/// </summary>
public sealed class StaffListPagingTests(StaffListPagingTests.Site site) : BunitContext, IClassFixture<StaffListPagingTests.Site>
{
    [Fact]
    public async Task OfficerPage_ShowsEveryReturnToReviewAndOverdue_InTheTotals()
    {
        var (review, overdue) = await site.SeededAsync();
        using var client = await site.SignedInClientAsync("officer@demo.opcc-grants.example");

        var html = await client.GetStringAsync(new Uri("/officer", UriKind.Relative));

        Assert.True(review > 50 && overdue > ReturnGrid.PageSize, $"seeded {review} to review, {overdue} overdue");
        Assert.Contains($"Monitoring returns to review ({review})", html, StringComparison.Ordinal);
        Assert.Contains($"Overdue monitoring returns ({overdue})", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReturnGrid_SecondPage_HoldsTheNextReturnsByDueDate()
    {
        await site.SeededAsync();
        List<string> expected;
        await using (var db = await site.Services.GetRequiredService<IDbContextFactory<GrantsDbContext>>().CreateDbContextAsync())
        {
            expected = await db.Returns.Where(r => r.State == ReturnStates.Submitted).OrderBy(r => r.DueDate).ThenBy(r => r.Id)
                .Skip(ReturnGrid.PageSize).Take(ReturnGrid.PageSize).Select(r => r.ReturnReference).ToListAsync();
        }
        Services.AddSingleton(site.Services.GetRequiredService<DashboardQueries>());
        Services.AddRadzenComponents();
        JSInterop.Mode = JSRuntimeMode.Loose;
        var cut = Render<ReturnGrid>(p => p.Add(g => g.State, ReturnStates.Submitted).Add(g => g.Title, "To review").Add(g => g.Id, "review"));
        cut.WaitForAssertion(() => Assert.Equal(ReturnGrid.PageSize, cut.FindAll("tbody a").Count));

        await cut.InvokeAsync(() => cut.FindComponent<Radzen.Blazor.RadzenDataGrid<ReturnSummary>>().Instance.GoToPage(1));

        cut.WaitForAssertion(() => Assert.Equal(expected, cut.FindAll("tbody a").Select(a => a.TextContent.Trim()).ToList()));
    }

    [Fact]
    public async Task FinancePage_ShowsTheCountAndTotalOfEveryPaymentNeedingAction_AndTheSecondPageFollowsTheFirst()
    {
        await site.SeededAsync();
        int count;
        long pence;
        List<string> secondPage;
        await using (var db = await site.Services.GetRequiredService<IDbContextFactory<GrantsDbContext>>().CreateDbContextAsync())
        {
            var needing = db.Payments.Where(p => p.State == PaymentStates.Ready || p.State == PaymentStates.Authorised || p.State == PaymentStates.Held);
            count = await needing.CountAsync();
            pence = (await needing.Select(p => p.AmountPence).ToListAsync()).Sum();
            secondPage = await needing.OrderBy(p => p.DueDate).ThenBy(p => p.Id).Skip(20).Take(20).Select(p => p.PaymentReference).ToListAsync();
        }
        using var client = await site.SignedInClientAsync("finance@demo.opcc-grants.example");

        var html = await client.GetStringAsync(new Uri("/finance", UriKind.Relative));
        var page = await site.Services.GetRequiredService<DashboardQueries>().PaymentsNeedingActionAsync(new PaymentListQuery(Skip: 20, Take: 20));

        Assert.True(count > 50, $"{count} payments needing action");
        Assert.Contains($"{count} payments ready, authorised or held, ", html, StringComparison.Ordinal);
        Assert.Equal((count, pence), (page.Count, page.Total.Pence));
        Assert.Equal(secondPage, page.Items.Select(p => p.Reference).ToList());
    }

    [Fact]
    public async Task PaymentsExport_HasEveryPaymentNeedingAction()
    {
        await site.SeededAsync();
        using var client = await site.SignedInClientAsync("finance@demo.opcc-grants.example");

        var csv = await client.GetStringAsync(new Uri("/exports/payments.csv", UriKind.Relative));
        var page = await site.Services.GetRequiredService<DashboardQueries>().PaymentsNeedingActionAsync(new PaymentListQuery());

        Assert.Equal(page.Count + 1, csv.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }

    /// <summary>The demo site with 60 more returns to review, 30 more overdue and 60 more payments ready, on one demo award.</summary>
    public sealed class Site : GrantsWebFactory
    {
        private readonly SemaphoreSlim _once = new(1, 1);
        private (int Review, int Overdue)? _seeded;

        public async Task<(int Review, int Overdue)> SeededAsync()
        {
            await _once.WaitAsync();
            try
            {
                return _seeded ??= await SeedAsync();
            }
            finally
            {
                _once.Release();
            }
        }

        private async Task<(int, int)> SeedAsync()
        {
            var workflow = Services.GetRequiredService<ICaseWorkflow>();
            await using var db = await Services.GetRequiredService<IDbContextFactory<GrantsDbContext>>().CreateDbContextAsync();
            var award = await db.Awards.Where(a => a.State == AwardStates.Active).OrderBy(a => a.Id).FirstAsync();
            var at = DateTimeOffset.UtcNow;
            var start = new DateOnly(2014, 4, 1);
            var returns = new List<MonitoringReturn>();
            var payments = new List<Payment>();
            for (var i = 0; i < 90; i++)
            {
                var ret = new MonitoringReturn
                {
                    ReturnReference = string.Create(CultureInfo.InvariantCulture, $"PAGING-R{i:D3}"), AwardId = award.Id,
                    PeriodStart = start, PeriodEnd = start.AddMonths(3).AddDays(-1), DueDate = start.AddDays(i % 37), Narrative = "Delivered as planned.",
                    SubmittedAt = i < 60 ? at : null,
                };
                returns.Add(ret);
            }
            for (var i = 0; i < 60; i++)
            {
                var payment = new Payment
                {
                    PaymentReference = string.Create(CultureInfo.InvariantCulture, $"PAGING-P{i:D3}"), AwardId = award.Id, PaymentKind = PaymentKind.Instalment,
                    InstalmentNumber = 100 + i, DueDate = start.AddDays(i % 23), AmountPence = 10_000 + i,
                };
                payments.Add(payment);
            }
            db.Returns.AddRange(returns);
            db.Payments.AddRange(payments);
            await db.SaveChangesAsync();
            for (var i = 0; i < returns.Count; i++)
            {
                workflow.Import(db, returns[i], i < 60 ? ReturnStates.Submitted : ReturnStates.Overdue, at, "Seeded for the paging tests.");
            }
            foreach (var payment in payments)
            {
                workflow.Import(db, payment, PaymentStates.Ready, at, "Seeded for the paging tests.");
            }
            await db.SaveChangesAsync();
            return (await db.Returns.CountAsync(r => r.State == ReturnStates.Submitted), await db.Returns.CountAsync(r => r.State == ReturnStates.Overdue));
        }
    }
}
