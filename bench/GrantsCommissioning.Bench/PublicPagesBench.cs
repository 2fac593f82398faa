using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace GrantsCommissioning.Bench;

/// <summary>
/// B1: anonymous GET / and GET /funding on the real app (Production, demo data, Kestrel on 127.0.0.1) against a bare
/// baseline: a minimal ASP.NET Core app on the same database that runs the same SELECTs through bare ADO.NET
/// (Microsoft.Data.Sqlite, or Npgsql with --postgres; reading every row) and writes the same HTML (the app's own page, captured once). Both are loaded by the same
/// clients in alternating blocks, so they see the same machine. Prints requests/s and p99 of each and the ratios.
/// </summary>
internal static class PublicPagesBench
{
    // Quoted names and @parameters: the same text runs on SQLite and PostgreSQL.
    private const string FundsSql = "SELECT \"Code\", \"Name\" FROM \"Funds\" ORDER BY \"Name\";";
    private const string ObjectivesSql =
        "SELECT o.\"Number\", o.\"Title\" FROM \"Objectives\" o JOIN \"Plans\" p ON p.\"Id\" = o.\"PlanId\" " +
        "WHERE p.\"Version\" = (SELECT MAX(p2.\"Version\") FROM \"Plans\" p2 WHERE p2.\"Code\" = p.\"Code\") ORDER BY o.\"Number\";";
    private const string OpenRoundsSql =
        "SELECT r.\"Id\", r.\"Reference\", r.\"Title\", f.\"Name\", r.\"Purpose\", r.\"MaxAwardPence\", r.\"OpensAt\", r.\"ClosesAt\", r.\"UsesShortForm\", o.\"Number\" " +
        "FROM \"Rounds\" r JOIN \"Funds\" f ON f.\"Id\" = r.\"FundId\" LEFT JOIN \"RoundObjectives\" ro ON ro.\"FundingRoundId\" = r.\"Id\" " +
        "LEFT JOIN \"Objectives\" o ON o.\"Id\" = ro.\"ObjectivesId\" " +
        "WHERE r.\"OpensAt\" <= @now AND r.\"ClosesAt\" > @now ORDER BY r.\"ClosesAt\", r.\"Id\", o.\"Number\";";
    private const string HeadlineSql =
        "SELECT COUNT(*), COALESCE(SUM(\"AmountPence\"), 0) FROM \"Awards\" WHERE \"AwardedOn\" >= @start AND \"AwardedOn\" <= @end;";

    public static async Task<int> RunAsync(int runs, int clients, int blocks, double blockSeconds)
    {
        var summaries = new List<string>();
        foreach (var store in BenchStore.All)
        {
            summaries.AddRange(await RunOnAsync(store, runs, clients, blocks, blockSeconds));
        }
        Console.WriteLine();
        summaries.ForEach(Console.WriteLine);
        return 0;
    }

    private static async Task<IReadOnlyList<string>> RunOnAsync(BenchStore store, int runs, int clients, int blocks, double blockSeconds)
    {
        var inv = CultureInfo.InvariantCulture;
        var app = new BenchApp(store, demoData: true);
        app.Start();
        try
        {
            using var handler = new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false, MaxConnectionsPerServer = int.MaxValue };
            using var http = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(30) };
            http.DefaultRequestHeaders.Add("X-Forwarded-Proto", "https");
            var pages = new Dictionary<string, string>
            {
                ["/"] = await http.GetStringAsync(new Uri(app.BaseAddress, "/")),
                ["/funding"] = await http.GetStringAsync(new Uri(app.BaseAddress, "/funding")),
            };
            await using var bare = await StartBareAsync(store, app.Database, pages);
            var bareAddress = bare.Address();
            Console.WriteLine(string.Create(inv, $"B1 on {store.Title}: app at {app.BaseAddress}, bare baseline at {bareAddress}; {clients} clients, {blocks} blocks of {blockSeconds:F0} s each per side, {runs} runs"));
            var ratios = new Dictionary<string, List<(double Rps, double P99)>> { ["/"] = [], ["/funding"] = [] };
            for (var run = 1; run <= runs; run++)
            {
                foreach (var path in pages.Keys)
                {
                    var subject = new Load();
                    var baseline = new Load();
                    for (var b = 0; b < blocks; b++)
                    {
                        var (first, second, firstLoad, secondLoad) = b % 2 == 0
                            ? (bareAddress, app.BaseAddress, baseline, subject)
                            : (app.BaseAddress, bareAddress, subject, baseline);
                        await firstLoad.RunAsync(http, new Uri(first, path), clients, TimeSpan.FromSeconds(blockSeconds));
                        await secondLoad.RunAsync(http, new Uri(second, path), clients, TimeSpan.FromSeconds(blockSeconds));
                    }
                    var s = subject.Summary();
                    var l = baseline.Summary();
                    ratios[path].Add((subject.PerSecond / baseline.PerSecond, s.P99Ms / l.P99Ms));
                    Console.WriteLine(string.Create(inv,
                        $"run {run} GET {path,-8}: app {subject.PerSecond,7:F0}/s p50 {s.P50Ms,6:F1} p99 {s.P99Ms,6:F1} ms (errors {subject.Errors}) | bare {baseline.PerSecond,7:F0}/s p50 {l.P50Ms,6:F1} p99 {l.P99Ms,6:F1} ms (errors {baseline.Errors}) | ratio {subject.PerSecond / baseline.PerSecond:F2}, p99 ×{s.P99Ms / l.P99Ms:F1}"));
                }
            }
            return ratios.Select(pair =>
            {
                var r = pair.Value.Select(x => x.Rps).Order().ToList();
                var p = pair.Value.Select(x => x.P99).Order().ToList();
                return string.Create(inv,
                    $"B1 {store.Title} GET {pair.Key}: ratio app/bare requests per second min {r[0]:F2} / median {r[r.Count / 2]:F2} / max {r[^1]:F2}; p99 app/bare min {p[0]:F1} / median {p[p.Count / 2]:F1} / max {p[^1]:F1}");
            }).ToList();
        }
        finally
        {
            await app.DisposeAsync();
            await store.DropAsync(app.Database);
        }
    }

    private static async Task<WebApplication> StartBareAsync(BenchStore store, string database, IReadOnlyDictionary<string, string> pages)
    {
        var bare = BareWeb.Create();
        bare.MapGet("/funding", async context =>
        {
            await using var connection = await store.OpenAsync(database, readOnly: true);
            await ReadAllAsync(connection, FundsSql);
            await ReadAllAsync(connection, ObjectivesSql);
            await ReadAllAsync(connection, OpenRoundsSql, ("now", store.Timestamp(DateTimeOffset.UtcNow)));
            await WriteAsync(context, pages["/funding"]);
        });
        bare.MapGet("/", async context =>
        {
            await using var connection = await store.OpenAsync(database, readOnly: true);
            await ReadAllAsync(connection, OpenRoundsSql, ("now", store.Timestamp(DateTimeOffset.UtcNow)));
            var year = DateTime.UtcNow.Month >= 4 ? DateTime.UtcNow.Year : DateTime.UtcNow.Year - 1;
            await ReadAllAsync(connection, HeadlineSql, ("start", new DateOnly(year, 4, 1)), ("end", new DateOnly(year + 1, 3, 31)));
            await WriteAsync(context, pages["/"]);
        });
        await bare.StartAsync();
        return bare;
    }

    private static Task WriteAsync(HttpContext context, string html)
    {
        context.Response.ContentType = "text/html; charset=utf-8";
        return context.Response.WriteAsync(html);
    }

    private static async Task ReadAllAsync(DbConnection connection, string sql, params (string Name, object Value)[] parameters)
    {
        await using var command = BenchStore.Command(connection, sql, parameters);
        await using var reader = await command.ExecuteReaderAsync();
        var values = new object[reader.FieldCount];
        while (await reader.ReadAsync())
        {
            reader.GetValues(values);
        }
    }

    /// <summary>Closed-loop load: <c>clients</c> workers each send the next request when the last one answered.</summary>
    private sealed class Load
    {
        private readonly List<double> latencies = [];
        private TimeSpan elapsed;
        private int errors;

        public int Errors => errors;

        public double PerSecond => latencies.Count / elapsed.TotalSeconds;

        public LatencySummary Summary() => LatencySummary.Of(latencies);

        public async Task RunAsync(HttpClient http, Uri url, int clients, TimeSpan duration)
        {
            var clock = Stopwatch.StartNew();
            var results = await Task.WhenAll(Enumerable.Range(0, clients).Select(_ => Task.Run(async () =>
            {
                var mine = new List<double>();
                while (clock.Elapsed < duration)
                {
                    var start = Stopwatch.GetTimestamp();
                    try
                    {
                        using var response = await http.GetAsync(url, HttpCompletionOption.ResponseContentRead);
                        if (!response.IsSuccessStatusCode)
                        {
                            Interlocked.Increment(ref errors);
                            continue;
                        }
                    }
                    catch (HttpRequestException)
                    {
                        Interlocked.Increment(ref errors);
                        continue;
                    }
                    mine.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
                }
                return mine;
            })));
            elapsed += clock.Elapsed;
            foreach (var list in results)
            {
                latencies.AddRange(list);
            }
        }
    }
}
