using System.Collections.Concurrent;
using System.Diagnostics;
using GrantsCommissioning.Core.Data;
using GrantsCommissioning.Core.Features.Dashboards;
using GrantsCommissioning.Core.Features.Funds;
using GrantsCommissioning.Core.Features.Panel;
using GrantsCommissioning.Core.Features.Reports;
using GrantsCommissioning.EndToEnd.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace GrantsCommissioning.EndToEnd.Panel;

/// <summary>
/// Issue 16: a visit to /panel or /finance runs its queries once. The page is prerendered and then comes alive over its circuit;
/// the figures the prerender read are persisted into the page, so the circuit shows them without reading them again.
/// Counted through EF Core's own diagnostics, on this site's database only.
/// </summary>
[Collection(StaffBrowserCollection.Name)]
public sealed class PrerenderedStateTests(BrowserSite site)
{
    [Fact]
    public async Task PanelVisit_ReadsTheMeasuresAndTheRollUpOnce_ThoughItIsPrerenderedAndThenInteractive()
    {
        using var counter = new StatementCounter(await DataSourceAsync());
        await counter.QuietAsync(); // EF Core keeps its 'is anyone listening' answer for a second: count from after it

        // What one load of the page's figures costs, asked for directly.
        var dashboards = site.Services.GetRequiredService<DashboardQueries>();
        var quarter = await dashboards.LatestReportedQuarterAsync();
        await site.Services.GetRequiredService<PanelReportService>().PlanInForceAsync(quarter);
        await site.Services.GetRequiredService<ObjectiveRollUp>().YearToDateAsync(quarter);
        await dashboards.MeasureRagAsync(quarter);
        await dashboards.MeasureRagByObjectiveAsync(quarter);
        await dashboards.MeasureRagOverTimeAsync(quarter);
        var once = counter.Take();

        var page = await site.SignedInPageAsync("panel@demo.opcc-grants.example");
        await counter.QuietAsync(); // whatever signing in and its landing page read (prerender and circuit) is not the visit
        await page.GotoAsync("/panel");
        await page.WaitForSelectorAsync("main h1");
        // Interactive once the quarter list opens: Radzen's dropdown opens only over the circuit, so a click on the
        // prerendered page does nothing and is made again until the list shows.
        for (var attempt = 1; ; attempt++)
        {
            await page.Locator("#quarter").ClickAsync();
            try
            {
                await page.Locator(".rz-dropdown-item").First.WaitForAsync(new() { Timeout = 2000 });
                break;
            }
            catch (TimeoutException) when (attempt < 15)
            {
            }
        }
        await page.Keyboard.PressAsync("Escape");
        var visit = counter.Take();
        await page.Context.CloseAsync();

        Assert.True(once.Measures > 0 && once.Objectives > 0, $"one load: {once}");
        Assert.Equal(once, visit);
    }

    [Fact]
    public async Task FinanceVisit_ReadsTheYearsFiguresOnce_ThoughItIsPrerenderedAndThenInteractive()
    {
        using var counter = new StatementCounter(await DataSourceAsync());
        await counter.QuietAsync(); // EF Core keeps its 'is anyone listening' answer for a second: count from after it
        var dashboards = site.Services.GetRequiredService<DashboardQueries>();
        await dashboards.FinanceYearsAsync();
        await dashboards.FinanceAsync(dashboards.CurrentYear);
        await site.Services.GetRequiredService<FundFigures>().YearAsync(dashboards.CurrentYear);
        var once = counter.Take();

        var page = await site.SignedInPageAsync("finance@demo.opcc-grants.example");
        await counter.QuietAsync(); // whatever signing in and its landing page read (prerender and circuit) is not the visit
        await page.GotoAsync("/finance");
        await page.WaitForSelectorAsync("main h1");
        // Interactive once the payments filter answers: a change on the prerendered page does nothing, so it is made
        // again until the list says it is filtered (that reads payments, not funds).
        for (var attempt = 1; ; attempt++)
        {
            await page.SelectOptionAsync("#payment-state", attempt % 2 == 1 ? "Held" : "Ready");
            try
            {
                await page.Locator("#payments-total", new() { HasTextString = "that match" }).WaitForAsync(new() { Timeout = 2000 });
                break;
            }
            catch (TimeoutException) when (attempt < 15)
            {
            }
        }
        var visit = counter.Take();
        await page.Context.CloseAsync();

        Assert.True(once.Funds > 0, $"one load: {once}");
        Assert.Equal(once.Funds, visit.Funds);
    }

    private async Task<string> DataSourceAsync()
    {
        await using var db = await site.Services.GetRequiredService<IDbContextFactory<GrantsDbContext>>().CreateDbContextAsync();
        return db.Database.GetDbConnection().DataSource;
    }

    private sealed record Counts(int Measures, int Objectives, int Funds);

    /// <summary>Statements on one database that read the success-measure readings, the plan's objectives or the funds.</summary>
    private sealed class StatementCounter : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
    {
        private readonly string _dataSource;
        private readonly IDisposable _all;
        private readonly ConcurrentBag<IDisposable> _subscriptions = [];
        private int _measures;
        private int _objectives;
        private int _funds;

        public StatementCounter(string dataSource)
        {
            _dataSource = dataSource;
            _all = DiagnosticListener.AllListeners.Subscribe(this);
        }

        public Counts Take() => new(Interlocked.Exchange(ref _measures, 0), Interlocked.Exchange(ref _objectives, 0), Interlocked.Exchange(ref _funds, 0));

        /// <summary>
        /// Starts afresh once a whole second has passed without a counted statement: the landing page after signing in
        /// may still be prerendering or starting its circuit, and what it reads must not count as the visit's; and EF Core
        /// caches whether anyone listens to its diagnostics for a second, so statements sent sooner after subscribing go unseen.
        /// </summary>
        public async Task QuietAsync()
        {
            Take();
            for (var second = 0; second < 60; second++)
            {
                await Task.Delay(TimeSpan.FromSeconds(1));
                if (Take() == new Counts(0, 0, 0))
                {
                    return;
                }
            }
            throw new InvalidOperationException("The site kept reading measures, objectives or funds for a minute after signing in.");
        }

        public void OnNext(DiagnosticListener value)
        {
            if (value.Name == DbLoggerCategory.Name)
            {
                _subscriptions.Add(value.Subscribe(this));
            }
        }

        public void OnNext(KeyValuePair<string, object?> value)
        {
            if (value.Key != RelationalEventId.CommandExecuted.Name || value.Value is not CommandExecutedEventData e || e.Command.Connection?.DataSource != _dataSource)
            {
                return;
            }
            if (e.Command.CommandText.Contains("\"MeasureReadings\"", StringComparison.Ordinal))
            {
                Interlocked.Increment(ref _measures);
            }
            if (e.Command.CommandText.Contains("\"Objectives\"", StringComparison.Ordinal))
            {
                Interlocked.Increment(ref _objectives);
            }
            if (e.Command.CommandText.Contains("\"Funds\"", StringComparison.Ordinal))
            {
                Interlocked.Increment(ref _funds);
            }
        }

        public void OnCompleted()
        {
        }

        public void OnError(Exception error)
        {
        }

        public void Dispose()
        {
            _all.Dispose();
            foreach (var s in _subscriptions)
            {
                s.Dispose();
            }
        }
    }
}
