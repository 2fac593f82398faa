using System.Diagnostics;
using System.Globalization;
using GrantsCommissioning.Core.Configuration;
using GrantsCommissioning.Core.Data;
using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Core.Features.Dashboards;
using GrantsCommissioning.Core.Features.Monitoring;
using GrantsCommissioning.Core.Features.Panel;
using GrantsCommissioning.Core.Features.Reports;
using GrantsCommissioning.Core.Workflow;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace GrantsCommissioning.Bench;

/// <summary>
/// B6: the reports and staff lists at ten years' scale, on SQLite and (with --postgres) PostgreSQL. The app starts with
/// the demo data; a copy of its database is the "demo" database, and ten more years are generated into another copy
/// (<see cref="TenYearData"/>, cached by size and schema: files in bench/results, or databases in bench/run.sh's
/// PostgreSQL cluster, which it keeps in bench/results/postgres). The app's own services (its registered <see cref="DbContextOptions"/>, pointed at
/// each file) then run, in alternating rounds so both sides see the same machine:
/// <list type="bullet">
/// <item>the Panel page's queries for 2013/14 Q1 (plan in force, year-to-date roll-up, measures by RAG) on the ten-year
/// database against the demo database: the cost should follow the period, not the history (goal ≤ 2);</item>
/// <item>the year-to-date roll-up of the busiest year (2025/26 Q4) against hand-written SQL on the same file doing the
/// same aggregation (goal ≤ 1.5, and under a second);</item>
/// <item>the officer's and finance's staff lists (officer dashboard, unassigned portfolio page, the finance page for
/// 2025/26) on the ten-year database against the demo database.</item>
/// </list>
/// Each measure is the median of several calls after a warm-up; printed last: each ratio's min / median / max over the runs.
/// </summary>
internal static class RollUpBench
{
    private const int CallsPerRound = 5;

    public static async Task<int> RunAsync(int runs, int awards)
    {
        var summaries = new List<string>();
        var code = 0;
        foreach (var store in BenchStore.All)
        {
            var (storeCode, lines) = await RunOnAsync(store, runs, awards);
            summaries.AddRange(lines);
            code = code == 0 ? storeCode : code;
        }
        Console.WriteLine();
        summaries.ForEach(Console.WriteLine);
        return code;
    }

    private static async Task<(int Code, IReadOnlyList<string> Summaries)> RunOnAsync(BenchStore store, int runs, int awards)
    {
        var inv = CultureInfo.InvariantCulture;
        var clock = Stopwatch.StartNew();
        void Step(string message) => Console.WriteLine(string.Create(inv, $"[{clock.Elapsed.TotalSeconds,6:F1}s] {store.Title} {message}"));
        var folder = Path.Combine(RepositoryPaths.Resolve(null, "bench", AppContext.BaseDirectory), "results");
        Directory.CreateDirectory(folder);

        // The app starts on a fresh database and loads the demo data; stopped, its database is copied as the demo database.
        var first = new BenchApp(store, demoData: true);
        string schema;
        try
        {
            first.Start();
            await using var db = await first.Services.GetRequiredService<IDbContextFactory<GrantsDbContext>>().CreateDbContextAsync();
            schema = (await db.Database.GetAppliedMigrationsAsync()).Last().Split('_')[0];
        }
        finally
        {
            await first.DisposeAsync();
        }
        var working = first.Database;
        var demoDatabase = store.Name(folder, "b6-demo");
        await store.CopyAsync(working, demoDatabase);
        var tenYearDatabase = store.Name(folder, string.Create(inv, $"b6-ten-year-{awards}-{schema}"));
        if (store.Exists(tenYearDatabase))
        {
            Step($"Using the ten-year database generated earlier: {tenYearDatabase}");
        }
        else
        {
            Step($"Generating ten years of grants ({awards:N0} awards, {awards * 4:N0} payments and {awards * 4:N0} returns) into the app's database");
            var generator = new BenchApp(store, demoData: false, first.DataDirectory);
            try
            {
                generator.Start();
                await TenYearData.GenerateAsync(generator.Services, awards, Step);
            }
            finally
            {
                await generator.DisposeAsync();
            }
            var partial = store.Name(folder, string.Create(inv, $"b6-ten-year-{awards}-{schema}-partial"));
            await store.CopyAsync(working, partial);
            await store.RenameAsync(partial, tenYearDatabase);
            Step($"Saved as {tenYearDatabase}");
        }

        // The app's own container builds the services each side runs (on the demo database, where it starts again).
        var app = new BenchApp(store, demoData: false, first.DataDirectory);
        try
        {
            app.Start();
            return await MeasureAsync(store, app.Services, demoDatabase, tenYearDatabase, runs, Step);
        }
        finally
        {
            await app.DisposeAsync();
            await store.DropAsync(working);
        }
    }

    private static async Task<(int Code, IReadOnlyList<string> Summaries)> MeasureAsync(
        BenchStore store, IServiceProvider services, string demoDatabase, string tenYearDatabase, int runs, Action<string> step)
    {
        var inv = CultureInfo.InvariantCulture;
        var demo = new Side(services, store, demoDatabase);
        var tenYears = new Side(services, store, tenYearDatabase);
        var early = new FinancialQuarter(new FinancialYear(2013), 1);
        var busiest = new FinancialQuarter(new FinancialYear(TenYearData.FirstYear + TenYearData.Years - 1), 4);
        await store.AnalyzeAsync(demoDatabase);
        await store.AnalyzeAsync(tenYearDatabase);
        step($"Ten-year database: {await tenYears.CountAsync("Awards"):N0} awards, {await tenYears.CountAsync("Payments"):N0} payments, {await tenYears.CountAsync("Returns"):N0} returns");

        // The hand-written roll-up must give the app's figures, or the comparison means nothing.
        var appFigures = await tenYears.RollUp.YearToDateAsync(busiest);
        var sqlFigures = await HandWrittenRollUp.RunAsync(store, tenYearDatabase, busiest.Year.Start, busiest.End);
        if (!HandWrittenRollUp.Matches(appFigures, sqlFigures, out var difference))
        {
            await Console.Error.WriteLineAsync($"{store.Title}: the hand-written SQL and the app's roll-up disagree: {difference}");
            return (1, []);
        }

        // The statements and the plans the database chooses for them, on the ten-year data: the busiest year's roll-up,
        // the Panel page's early quarter and the staff lists.
        var plans = string.Create(inv, $"{store.Title}: roll-up year to date {busiest}, ")
            + await QueryPlans.ExplainAsync(store, tenYearDatabase, () => tenYears.RollUp.YearToDateAsync(busiest))
            + string.Create(inv, $"\n{store.Title}: Panel page queries for {early}, ")
            + await QueryPlans.ExplainAsync(store, tenYearDatabase, () => tenYears.PanelPageAsync(early))
            + string.Create(inv, $"\n{store.Title}: staff lists (officer dashboard, unassigned portfolio, finance page for {busiest.Year}), ")
            + await QueryPlans.ExplainAsync(store, tenYearDatabase, () => tenYears.StaffListsAsync(busiest.Year));
        var plansFile = Path.Combine(RepositoryPaths.Resolve(null, "bench", AppContext.BaseDirectory), "results",
            string.Create(inv, $"b6-plans-{store.Title.ToLowerInvariant()}.txt"));
        await File.WriteAllTextAsync(plansFile, plans);
        step($"Statements and query plans of the roll-up, the Panel page and the staff lists on the ten-year database: {plansFile}");

        var measures = new Dictionary<string, List<double>>();
        void Add(string name, double ratio) => (measures.TryGetValue(name, out var list) ? list : measures[name] = []).Add(ratio);
        for (var run = 1; run <= runs; run++)
        {
            var panelTen = await MedianMsAsync(() => tenYears.PanelPageAsync(early));
            var panelDemo = await MedianMsAsync(() => demo.PanelPageAsync(early));
            var rollUp = await MedianMsAsync(() => tenYears.RollUp.YearToDateAsync(busiest));
            var sql = await MedianMsAsync(() => HandWrittenRollUp.RunAsync(store, tenYearDatabase, busiest.Year.Start, busiest.End));
            var listsTen = await MedianMsAsync(() => tenYears.StaffListsAsync(busiest.Year));
            var listsDemo = await MedianMsAsync(() => demo.StaffListsAsync(busiest.Year));
            Console.WriteLine(string.Create(inv,
                $"run {run}: Panel 2013/14 Q1 ten-year {panelTen,7:F1} ms, demo {panelDemo,6:F1} ms (×{panelTen / panelDemo:F2}) | roll-up {busiest} app {rollUp,7:F1} ms, hand-written SQL {sql,7:F1} ms (×{rollUp / sql:F2}) | staff lists ten-year {listsTen,7:F1} ms, demo {listsDemo,6:F1} ms (×{listsTen / listsDemo:F2})"));
            Add("Panel page queries for 2013/14 Q1, ten-year ÷ demo database (goal ≤ 2)", panelTen / panelDemo);
            Add($"Roll-up year to date {busiest}, app ÷ hand-written SQL (goal ≤ 1.5)", rollUp / sql);
            Add($"Roll-up year to date {busiest}, app in ms (goal < 1000)", rollUp);
            Add("Staff lists (officer dashboard, portfolio page, finance page), ten-year ÷ demo database", listsTen / listsDemo);
        }
        return (0, measures.Select(pair =>
        {
            var r = pair.Value.Order().ToList();
            return string.Create(inv, $"B6 {store.Title} {pair.Key}: min {r[0]:F2} / median {r[r.Count / 2]:F2} / max {r[^1]:F2}");
        }).ToList());
    }

    private static async Task<double> MedianMsAsync(Func<Task> action)
    {
        await action();
        var times = new List<double>();
        for (var i = 0; i < CallsPerRound; i++)
        {
            var start = Stopwatch.GetTimestamp();
            await action();
            times.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }
        times.Sort();
        return times[times.Count / 2];
    }

    /// <summary>The app's services, built by its own container, on one database file.</summary>
    private sealed class Side
    {
        private readonly IDbContextFactory<GrantsDbContext> factory;
        private readonly DashboardQueries dashboards;
        private readonly PortfolioQueries portfolio;
        private readonly PanelReportService panelReports;

        public Side(IServiceProvider services, BenchStore store, string database)
        {
            // The app's registered options (provider, interceptors, model), pointed at this database.
            var options = store.ContextOptions(services, database);
            factory = new PooledDbContextFactory<GrantsDbContext>(options);
            RollUp = ActivatorUtilities.CreateInstance<ObjectiveRollUp>(services, factory);
            dashboards = ActivatorUtilities.CreateInstance<DashboardQueries>(services, factory);
            portfolio = ActivatorUtilities.CreateInstance<PortfolioQueries>(services, factory);
            panelReports = ActivatorUtilities.CreateInstance<PanelReportService>(services, factory);
        }

        public ObjectiveRollUp RollUp { get; }

        /// <summary>What the Panel page asks for a quarter (src/GrantsCommissioning.Web/Components/Pages/Dashboards/Panel.razor).</summary>
        public async Task PanelPageAsync(FinancialQuarter quarter)
        {
            await dashboards.LatestReportedQuarterAsync();
            if (await panelReports.PlanInForceAsync(quarter) is not null)
            {
                await RollUp.YearToDateAsync(quarter);
            }
            await dashboards.MeasureRagAsync(quarter);
        }

        public async Task StaffListsAsync(FinancialYear year)
        {
            await dashboards.OfficerAsync();
            await dashboards.ReturnsAsync(new ReturnListQuery(ReturnStates.Submitted));
            await dashboards.ReturnsAsync(new ReturnListQuery(ReturnStates.Overdue));
            await portfolio.PageAsync(new PortfolioQuery(null, Unassigned: true));
            await dashboards.FinanceAsync(year);
            await dashboards.PaymentsNeedingActionAsync(new PaymentListQuery());
        }

        public async Task<int> CountAsync(string table)
        {
            await using var db = await factory.CreateDbContextAsync();
            return table switch
            {
                "Awards" => await db.Awards.CountAsync(),
                "Payments" => await db.Payments.CountAsync(),
                _ => await db.Returns.CountAsync(),
            };
        }
    }
}
