using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using GrantsCommissioning.Core.Configuration;

namespace GrantsCommissioning.Bench;

// Deadline day: the real app on Kestrel (127.0.0.1) and SQLite takes N complete applications from C concurrent
// clients through the review page's form; between its blocks, ten times as many single-row durable inserts on a bare SQLite file.
// See bench/README.md.

/// <summary>The entry point (not top-level statements, whose Program would clash with the web app's).</summary>
internal static class BenchMain
{
    /// <summary>A warm-up round that JIT-compiles fewer methods than this is quiet.</summary>
    private const int SettledJitMethods = 40;

    /// <summary>
    /// The warm-up ends after this many quiet rounds in a row, and not before <see cref="MinimumWarmUpRounds"/>: tiered
    /// compilation promotes methods in bursts after a delay, so one quiet round is no sign that it has finished, and the
    /// rarer paths (double-submits, retries) need several rounds to be called often enough to be promoted at all.
    /// </summary>
    private const int QuietRoundsToSettle = 3;

    private const int MinimumWarmUpRounds = 10;

    /// <summary>
    /// Baseline inserts per submission in each block. An insert costs a small fraction of a submission, so as many
    /// would time a block of a few tens of milliseconds, in which one WAL checkpoint more or less, or one slow fsync,
    /// moves the ratio by half; ten times as many make the two sides' blocks of comparable length.
    /// </summary>
    private const int BaselineInsertsPerSubmission = 10;

    public static async Task<int> Main(string[] args)
    {
        if (Array.IndexOf(args, "b1") is var b1 and >= 0)
        {
            // bash bench/run.sh b1 [runs] [clients] [blocks] [block seconds]
            int Arg(int i, int fallback) => args.Length > b1 + i ? int.Parse(args[b1 + i], CultureInfo.InvariantCulture) : fallback;
            return await PublicPagesBench.RunAsync(Arg(1, 3), Arg(2, 16), Arg(3, 4), Arg(4, 5));
        }
        if (Array.IndexOf(args, "b7") is var b7 and >= 0)
        {
            // bash bench/run.sh b7 [runs]
            return await ColdStartBench.RunAsync(args.Length > b7 + 1 ? int.Parse(args[b7 + 1], CultureInfo.InvariantCulture) : 5);
        }
        if (Array.IndexOf(args, "b6") is var b6 and >= 0)
        {
            // bash bench/run.sh b6 [runs] [awards]
            int Arg(int i, int fallback) => args.Length > b6 + i ? int.Parse(args[b6 + i], CultureInfo.InvariantCulture) : fallback;
            return await RollUpBench.RunAsync(Arg(1, 3), Arg(2, 50_000));
        }
        BenchOptions options;
        try
        {
            options = BenchOptions.Parse(args);
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or OverflowException)
        {
            await Console.Error.WriteLineAsync(ex.Message);
            return 64;
        }
        var defaultResults = Path.Combine(RepositoryPaths.Resolve(null, "bench", AppContext.BaseDirectory), "results", "latest.json");
        var summaries = new List<string>();
        var code = 0;
        foreach (var store in BenchStore.All)
        {
            // latest.json for SQLite, latest-postgresql.json beside it for PostgreSQL.
            var resultsPath = options.ResultsPath ?? defaultResults;
            if (store != BenchStore.Sqlite)
            {
                resultsPath = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(resultsPath))!,
                    Path.GetFileNameWithoutExtension(resultsPath) + "-" + store.Title.ToLowerInvariant() + Path.GetExtension(resultsPath));
            }
            // Each run starts its own app on a fresh database; the ratio is reported as min / median / max over the runs.
            var ratios = new List<double>();
            var floorRatios = new List<double>();
            var appToFloor = new List<double>();
            var lostOrDuplicated = 0;
            for (var run = 1; run <= options.Runs; run++)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"== B3 {store.Title}, run {run} of {options.Runs}"));
                var runPath = run == options.Runs ? resultsPath
                    : Path.Combine(Path.GetDirectoryName(Path.GetFullPath(resultsPath))!, Path.GetFileNameWithoutExtension(resultsPath) + $"-run{run}" + Path.GetExtension(resultsPath));
                var (storeCode, ratio, floorRatio, wrong) = await RunSubmitAsync(store, options, runPath);
                ratios.Add(ratio);
                if (floorRatio is { } f)
                {
                    floorRatios.Add(f);
                    appToFloor.Add(ratio / f);
                }
                lostOrDuplicated += wrong;
                code = code == 0 ? storeCode : code;
            }
            ratios.Sort();
            floorRatios.Sort();
            appToFloor.Sort();
            if (floorRatios.Count > 0)
            {
                summaries.Add(string.Create(CultureInfo.InvariantCulture,
                    $"B3 {store.Title}: web floor ÷ baseline inserts/s (the most any web app could reach here) over {floorRatios.Count} runs, min / median / max = {floorRatios[0]:F3} / {floorRatios[floorRatios.Count / 2]:F3} / {floorRatios[^1]:F3}; "
                    + $"app ÷ web floor = {appToFloor[0]:F3} / {appToFloor[appToFloor.Count / 2]:F3} / {appToFloor[^1]:F3}"));
            }
            summaries.Add(string.Create(CultureInfo.InvariantCulture,
                $"B3 {store.Title}: ratio submissions/s ÷ baseline inserts/s over {ratios.Count} runs, min / median / max = {ratios[0]:F3} / {ratios[ratios.Count / 2]:F3} / {ratios[^1]:F3}; lost or duplicated in all runs: {lostOrDuplicated}"));
        }
        Console.WriteLine();
        summaries.ForEach(Console.WriteLine);
        return code;
    }

    /// <summary>
    /// B3 on one store; returns the exit code, the ratio, the web floor's ratio (none without a warm-up to capture its
    /// pages from), and the submissions lost or duplicated.
    /// </summary>
    private static async Task<(int Code, double Ratio, double? FloorRatio, int LostOrDuplicated)> RunSubmitAsync(BenchStore store, BenchOptions options, string resultsPath)
    {
        var inv = CultureInfo.InvariantCulture;
        var total = Stopwatch.StartNew();
        void Step(string message) => Console.WriteLine(string.Create(inv, $"[{total.Elapsed.TotalSeconds,6:F1}s] {message}"));

        Step($"Starting the app (Production, {store.Title}, Kestrel on 127.0.0.1) for {options.Submissions} submissions from {options.Concurrency} clients");
        var app = new BenchApp(store);
        using var activity = new DbActivity();
        await using var baseline = await Baseline.CreateAsync(store);
        BareSubmit? floor = null;
        HttpClient? floorHttp = null;
        SubmitPhase? floorPhase = null;
        SubmitPhase? timedFloor = null;
        var floorOutcomes = new List<SubmitOutcome>();
        var floorWarmOutcomes = new List<SubmitOutcome>();
        var floorElapsed = TimeSpan.Zero;
        // CPU the whole process used during each side's blocks (server and clients share it): steadier than a rate,
        // since it does not depend on how the clients' waits line up.
        var appCpu = TimeSpan.Zero;
        var floorCpu = TimeSpan.Zero;
        using var process = Process.GetCurrentProcess();
        TimeSpan CpuNow()
        {
            process.Refresh();
            return process.TotalProcessorTime;
        }
        (int Rows, string IntegrityCheck)? floorCheck = null;
        Verification verification;
        IReadOnlyList<SubmitOutcome> timed;
        TimeSpan timedElapsed;
        var warmUpCount = 0;
        ResponseCounts responses;
        LatencySummary signIn;
        TimeSpan signInElapsed;
        TimeSpan setupElapsed;
        try
        {
            app.Start();
            var userCount = Math.Min(options.Users ?? options.Concurrency, options.Submissions + options.WarmUp);
            Step($"App listening on {app.BaseAddress}; creating {userCount} applicant users and {options.Submissions + options.WarmUp} organisations with complete drafts through the Core services");
            var setupClock = Stopwatch.StartNew();
            var (roundReference, users, applicants) = await BenchSetup.CreateAsync(app.Services, options.Submissions + options.WarmUp, userCount);
            setupElapsed = setupClock.Elapsed;

            using var handler = new SocketsHttpHandler
            {
                UseCookies = false, AllowAutoRedirect = false, MaxConnectionsPerServer = int.MaxValue, PooledConnectionLifetime = TimeSpan.FromMinutes(10),
            };
            using var http = new HttpClient(handler) { BaseAddress = app.BaseAddress, Timeout = TimeSpan.FromSeconds(options.RequestTimeoutSeconds) };
            // As if TLS ended at a proxy in front of the app: outside Development the antiforgery cookie needs HTTPS.
            http.DefaultRequestHeaders.Add("X-Forwarded-Proto", "https");
            var browsers = users.ToDictionary(u => u.Index, _ => new Browser(http));

            Step($"Set-up done in {setupElapsed.TotalSeconds:F1}s (round {roundReference}); signing every applicant in through the login form (PBKDF2, 600,000 iterations)");
            var signInTimes = new double[users.Count];
            var signInFailures = 0;
            var signInClock = Stopwatch.StartNew();
            // As many at once as there are cores: each costs ~0.5 CPU-second of PBKDF2, so more in parallel only queue
            // inside the server until the HTTP timeout. None of this is inside the timed phase.
            await Parallel.ForEachAsync(users, new ParallelOptions { MaxDegreeOfParallelism = Math.Min(options.Concurrency, Environment.ProcessorCount) }, async (u, ct) =>
            {
                var start = Stopwatch.GetTimestamp();
                if (!await browsers[u.Index].SignInAsync(u.Email, BenchSetup.Password, ct))
                {
                    Interlocked.Increment(ref signInFailures);
                }
                signInTimes[u.Index] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            });
            signInElapsed = signInClock.Elapsed;
            signIn = LatencySummary.Of(signInTimes);
            if (signInFailures > 0)
            {
                throw new InvalidOperationException($"{signInFailures} applicant users could not sign in.");
            }

            var phase = new SubmitPhase(options, browsers);
            var warmUp = applicants.Take(options.WarmUp).ToList();
            var measured = applicants.Skip(options.WarmUp).ToList();
            Step($"Signed in {users.Count} users in {signInElapsed.TotalSeconds:F1}s; warm-up: up to {warmUp.Count} submissions, not timed, until the JIT has settled");
            // A server on deadline day has been up for hours: its hot code is fully optimised (tiered compilation).
            // Warm up in rounds until a round compiles almost nothing new, so the clock measures the steady state. Each
            // round has the timed phase's share of double-submits and retries (their paths are code too) and a block
            // of the baseline, whose own code would otherwise be compiled inside the timed phase.
            var warmOutcomes = new List<SubmitOutcome>();
            var warmKinds = SubmitPhase.AssignKinds(warmUp.Count, options);
            var round = Math.Max(1, options.Concurrency * 2);
            // The web floor serves the app's own pages: its review page now, its receipt page after the first round.
            var floorReview = warmUp.Count > 0 ? (await browsers[warmUp[0].User.Index].GetAsync($"/applicant/applications/{warmUp[0].ApplicationId}/review", CancellationToken.None)).Html : null;
            var lastRoundJit = 0L;
            var quietRounds = 0;
            var rounds = 0;
            for (var from = 0; from < warmUp.Count; from += round)
            {
                rounds++;
                var to = Math.Min(warmUp.Count, from + round);
                var compiledBefore = System.Runtime.JitInfo.GetCompiledMethodCount();
                var (roundOutcomes, _) = await phase.RunAsync(warmUp[from..to], warmKinds[from..to], Math.Max(1, Math.Min(options.Concurrency, to - from)), TimeSpan.MaxValue);
                await baseline.WarmUpAsync(round * BaselineInsertsPerSubmission, options.Concurrency);
                if (floorPhase is not null)
                {
                    floorWarmOutcomes.AddRange((await floorPhase.RunAsync(warmUp[from..to], warmKinds[from..to], Math.Max(1, Math.Min(options.Concurrency, to - from)), TimeSpan.MaxValue)).Outcomes);
                }
                else if (floorReview is not null)
                {
                    var (_, receipt) = await browsers[warmUp[0].User.Index].GetAsync($"/applicant/applications/{warmUp[0].ApplicationId}/receipt", CancellationToken.None);
                    floor = await BareSubmit.StartAsync(store, floorReview, receipt);
                    floorHttp = new HttpClient(handler, disposeHandler: false) { BaseAddress = floor.Address, Timeout = http.Timeout };
                    floorPhase = new SubmitPhase(options, users.ToDictionary(u => u.Index, _ => new Browser(floorHttp)));
                }
                warmOutcomes.AddRange(roundOutcomes);
                lastRoundJit = System.Runtime.JitInfo.GetCompiledMethodCount() - compiledBefore;
                quietRounds = lastRoundJit < SettledJitMethods ? quietRounds + 1 : 0;
                if (rounds >= MinimumWarmUpRounds && quietRounds >= QuietRoundsToSettle)
                {
                    break;
                }
            }
            warmUpCount = warmOutcomes.Count;
            var settled = quietRounds >= QuietRoundsToSettle ? "settled" : $"not settled: --warmup {options.WarmUp} was reached";
            Step(string.Create(inv, $"Warm-up: {warmUpCount} submissions and {rounds * round * BaselineInsertsPerSubmission} baseline inserts in {rounds} rounds; the last JIT-compiled {lastRoundJit} methods ({settled})"));

            var kinds = SubmitPhase.AssignKinds(measured.Count, options);
            Step($"Timed phase: {measured.Count} submissions, {options.Concurrency} clients, {kinds.Count(k => k == SubmitKind.Double)} double-submits, "
                + $"{kinds.Count(k => k == SubmitKind.Retry)} retries after a {options.RetryTimeoutMs} ms client timeout; "
                + $"interleaved with the baseline in {options.Blocks} blocks each");
            var timedPhase = new SubmitPhase(options, browsers);
            timedFloor = floorPhase is null ? null : new SubmitPhase(options, floorPhase.Browsers);
            var outcomes = new List<SubmitOutcome>();
            timedElapsed = TimeSpan.Zero;
            var jitMethodsBefore = System.Runtime.JitInfo.GetCompiledMethodCount();
            var jitTimeBefore = System.Runtime.JitInfo.GetCompilationTime();
            for (var b = 0; b < options.Blocks; b++)
            {
                var from = measured.Count * b / options.Blocks;
                var to = measured.Count * (b + 1) / options.Blocks;
                var inserts = BaselineInsertsPerSubmission * (options.Submissions * (b + 1) / options.Blocks - options.Submissions * b / options.Blocks);
                // Alternate which goes first, so neither always runs on a machine just warmed (or just loaded) by the other.
                if (b % 2 == 0)
                {
                    await baseline.RunBlockAsync(inserts, options.Concurrency);
                }
                else
                {
                    await FloorBlockAsync();
                }
                activity.Counting = true;
                var cpuBefore = CpuNow();
                FsyncMarker.Mark($"start-{b}");
                var remaining = TimeSpan.FromSeconds(options.MaxSeconds) - timedElapsed;
                var (blockOutcomes, blockElapsed) = await timedPhase.RunAsync(measured[from..to], kinds[from..to], options.Concurrency,
                    remaining > TimeSpan.Zero ? remaining : TimeSpan.Zero);
                FsyncMarker.Mark($"end-{b}");
                appCpu += CpuNow() - cpuBefore;
                activity.Counting = false;
                outcomes.AddRange(blockOutcomes);
                timedElapsed += blockElapsed;
                Step(string.Create(inv, $"block {b + 1}/{options.Blocks}: {blockOutcomes.Count(o => o.Reference is not null) / blockElapsed.TotalSeconds:F1} receipts/s; "
                    + $"JIT so far {System.Runtime.JitInfo.GetCompiledMethodCount() - jitMethodsBefore} methods"));
                if (b % 2 == 1)
                {
                    await baseline.RunBlockAsync(inserts, options.Concurrency);
                }
                else
                {
                    await FloorBlockAsync();
                }

                async Task FloorBlockAsync()
                {
                    if (timedFloor is not null)
                    {
                        var floorCpuBefore = CpuNow();
                        var (floorBlock, elapsed) = await timedFloor.RunAsync(measured[from..to], kinds[from..to], options.Concurrency, TimeSpan.MaxValue);
                        floorOutcomes.AddRange(floorBlock);
                        floorElapsed += elapsed;
                        floorCpu += CpuNow() - floorCpuBefore;
                    }
                }
            }
            timed = outcomes;
            responses = timedPhase.Responses;

            Step($"Timed phase done in {timedElapsed.TotalSeconds:F1}s; JIT in it (blocks and baseline): {System.Runtime.JitInfo.GetCompiledMethodCount() - jitMethodsBefore} methods, "
                + $"{(System.Runtime.JitInfo.GetCompilationTime() - jitTimeBefore).TotalMilliseconds:F0} ms; checking the database");
            verification = await Verifier.CheckAsync(app.Services, store, app.Database, roundReference, [.. warmOutcomes, .. timed]);
        }
        finally
        {
            floorHttp?.Dispose();
            if (floor is not null)
            {
                floorCheck = await floor.CheckAsync();
                await floor.DisposeAsync();
            }
            await app.DisposeAsync();
            await store.DropAsync(app.Database);
            try
            {
                Directory.Delete(app.DataDirectory, recursive: true);
            }
            catch (IOException)
            {
                // Left for the OS to clean with the temp folder.
            }
        }

        var baselineResult = await baseline.ResultAsync();
        Step($"Done (baseline: {baselineResult.Inserts} single-row inserts, one {store.Begin.TrimEnd(';')}…COMMIT each, {options.Concurrency} writers, {store.Title} durable commits)");

        var receipts = timed.Where(o => o.Reference is not null).ToList();
        var submitLatency = LatencySummary.Of(receipts.Select(o => o.SubmitMs));
        var reviewLatency = LatencySummary.Of(timed.Where(o => o.Attempted && o.ReviewMs > 0).Select(o => o.ReviewMs));
        var perSecond = receipts.Count / timedElapsed.TotalSeconds;
        var ratio = perSecond / baselineResult.PerSecond;
        var failedSubmissions = timed.Count(o => o.Attempted && o.Reference is null);
        var floorReceipts = floorOutcomes.Where(o => o.Reference is not null).ToList();
        var floorLatency = LatencySummary.Of(floorReceipts.Select(o => o.SubmitMs));
        double? floorPerSecond = floorCheck is null ? null : floorReceipts.Count / floorElapsed.TotalSeconds;
        var floorRatio = floorPerSecond / baselineResult.PerSecond;
        var appCpuMs = appCpu.TotalMilliseconds / Math.Max(1, receipts.Count);
        double? floorCpuMs = floorCheck is null ? null : floorCpu.TotalMilliseconds / Math.Max(1, floorReceipts.Count);
        // Every receipt the floor showed is its application's row, and every row was shown to a client.
        var floorShown = floorWarmOutcomes.Concat(floorOutcomes).Where(o => o.Reference is not null).ToList();
        var floorWrong = floorShown.Count(o => o.Reference != "FLOOR-" + o.Applicant.ApplicationId.ToString("D6", inv))
            + Math.Abs((floorCheck?.Rows ?? 0) - floorShown.Select(o => o.Applicant.ApplicationId).Distinct().Count());
        var notStarted = timed.Count(o => !o.Attempted);
        var firstAttemptsAbandoned = timed.Count(o => o.FirstAttemptTimedOut);

        Console.WriteLine();
        Console.WriteLine(string.Create(inv, $"Deadline day on {store.Title}: {options.Submissions} applications, {options.Concurrency} concurrent clients, durable commits, {Environment.ProcessorCount} cores"));
        Console.WriteLine();
        Console.WriteLine("| run                          |       per s |     p50 ms |     p99 ms | errors | lost | duplicated |");
        Console.WriteLine("|------------------------------|------------:|-----------:|-----------:|-------:|-----:|-----------:|");
        Console.WriteLine(string.Create(inv,
            $"| submissions (HTTP form flow) | {perSecond,11:F1} | {submitLatency.P50Ms,10:F1} | {submitLatency.P99Ms,10:F1} | {responses.Failed,6} | {verification.Lost,4} | {verification.Duplicated,10} |"));
        if (floorPerSecond is { } fps)
        {
            Console.WriteLine(string.Create(inv,
                $"| web floor (same 3 requests)  | {fps,11:F1} | {floorLatency.P50Ms,10:F1} | {floorLatency.P99Ms,10:F1} | {timedFloor!.Responses.Failed,6} | {floorWrong,4} |          - |"));
        }
        Console.WriteLine(string.Create(inv,
            $"| baseline single-row inserts  | {baselineResult.PerSecond,11:F1} | {baselineResult.Latency.P50Ms,10:F2} | {baselineResult.Latency.P99Ms,10:F2} |      - |    - |          - |"));
        Console.WriteLine();
        if (floorPerSecond is { } floorRate)
        {
            Console.WriteLine(string.Create(inv,
                $"web floor: {floorReceipts.Count}/{floorOutcomes.Count} receipts, {floorCheck!.Value.Rows} rows (warm-up and timed), integrity_check {floorCheck.Value.IntegrityCheck}; "
                + $"floor ÷ inserts {floorRatio:F3}, app ÷ floor {perSecond / floorRate:F3}"));
        }

        Console.WriteLine(string.Create(inv,
            $"receipts shown {receipts.Count}/{timed.Count} in {timedElapsed.TotalSeconds:F1}s; failed {failedSubmissions}, not started {notStarted}; "
            + $"HTTP responses 2xx/3xx {responses.Ok}, 4xx/5xx or failed {responses.Failed}"));
        Console.WriteLine(string.Create(inv,
            $"double-submits {timed.Count(o => o.Kind == SubmitKind.Double)}, retries {timed.Count(o => o.Kind == SubmitKind.Retry)} (first attempt abandoned in {firstAttemptsAbandoned}); "
            + $"review page p50 {reviewLatency.P50Ms:F1} ms, p99 {reviewLatency.P99Ms:F1} ms"));
        Console.WriteLine(string.Create(inv,
            $"database: lost {verification.LostSubmissions} submissions + {verification.MissingReceiptEmails} receipt emails; duplicated {verification.DuplicatedSubmissions} submissions + "
            + $"{verification.DuplicatedReceiptEmails} receipt emails; submitted without a receipt shown {verification.SubmittedWithoutReceiptShown}; integrity_check {verification.IntegrityCheck}; "
            + $"baseline rows {baselineResult.RowsInTable}/{baselineResult.Inserts}, integrity_check {baselineResult.IntegrityCheck}"));
        Console.WriteLine(string.Create(inv,
            $"before the clock: set-up {setupElapsed.TotalSeconds:F1}s; sign-in {signIn.Count} users in {signInElapsed.TotalSeconds:F1}s ({signIn.Count / signInElapsed.TotalSeconds:F1}/s, p50 {signIn.P50Ms:F0} ms, p99 {signIn.P99Ms:F0} ms)"));
        foreach (var problem in verification.Problems.Take(10))
        {
            Console.WriteLine("  problem: " + problem);
        }
        foreach (var error in timed.Where(o => o.Error is not null).GroupBy(o => $"{o.Kind}: {o.Error}").Take(8))
        {
            Console.WriteLine(string.Create(inv, $"  client error ×{error.Count()}: {error.Key}"));
        }

        var json = new
        {
            generatedAt = DateTimeOffset.UtcNow, store = store.Title,
            machine = new { cores = Environment.ProcessorCount, os = System.Runtime.InteropServices.RuntimeInformation.OSDescription, runtime = Environment.Version.ToString() },
            options = new
            {
                submissions = options.Submissions, concurrency = options.Concurrency, users = options.Users ?? options.Concurrency, doubleSubmitShare = options.DoubleSubmitShare, retryShare = options.RetryShare,
                retryTimeoutMs = options.RetryTimeoutMs, warmUp = warmUpCount, maxSeconds = options.MaxSeconds,
            },
            submissions = new
            {
                perSecond, elapsedSeconds = timedElapsed.TotalSeconds, receipts = receipts.Count, attempted = timed.Count(o => o.Attempted), failed = failedSubmissions, notStarted,
                latencyMs = submitLatency, reviewPageLatencyMs = reviewLatency,
                httpOk = responses.Ok, httpErrors = responses.Failed,
                doubleSubmits = timed.Count(o => o.Kind == SubmitKind.Double), retries = timed.Count(o => o.Kind == SubmitKind.Retry), firstAttemptsAbandoned,
                lost = verification.Lost, duplicated = verification.Duplicated, verification,
            },
            webFloor = floorPerSecond is null ? null : new
            {
                perSecond = floorPerSecond, elapsedSeconds = floorElapsed.TotalSeconds, receipts = floorReceipts.Count, latencyMs = floorLatency, httpErrors = timedFloor?.Responses.Failed,
                wrong = floorWrong, rows = floorCheck?.Rows, integrityCheck = floorCheck?.IntegrityCheck, ratioToInserts = floorRatio, appToFloor = perSecond / floorPerSecond,
            },
            baseline = new { perSecond = baselineResult.PerSecond, elapsedSeconds = baselineResult.Elapsed.TotalSeconds, inserts = baselineResult.Inserts, rows = baselineResult.RowsInTable, latencyMs = baselineResult.Latency, integrityCheck = baselineResult.IntegrityCheck },
            ratio,
            cpuMsPerReceipt = new { app = appCpuMs, webFloor = floorCpuMs },
            efPerReceipt = new { statements = activity.Statements / (double)Math.Max(1, receipts.Count), opens = activity.Opens / (double)Math.Max(1, receipts.Count), commits = activity.Commits / (double)Math.Max(1, receipts.Count) },
            signIn = new { users = signIn.Count, elapsedSeconds = signInElapsed.TotalSeconds, latencyMs = signIn },
            setupSeconds = setupElapsed.TotalSeconds,
        };
        Console.WriteLine(string.Create(inv,
            $"EF Core per receipt in the timed blocks (review page, submit, receipt page): {activity.Statements / (double)Math.Max(1, receipts.Count):F1} statements, "
            + $"{activity.Opens / (double)Math.Max(1, receipts.Count):F1} connection opens, {activity.Commits / (double)Math.Max(1, receipts.Count):F2} transaction commits"));
        var floorCpuText = floorCpuMs is { } f ? string.Create(inv, $", web floor {f:F2} ms") : "";
        Console.WriteLine(string.Create(inv,
            $"CPU per receipt in the timed blocks (the whole process: server and clients): app {appCpuMs:F2} ms{floorCpuText}"));
        Console.WriteLine(string.Create(inv, $"LINQ queries EF Core translated in the timed blocks (query cache misses): {activity.Compiled.Sum(p => p.Value)}"));
        foreach (var (expression, count) in activity.Compiled.Take(10))
        {
            Console.WriteLine(string.Create(inv, $"  {count,6} {(expression.Length > 300 ? expression[..300] + "…" : expression)}"));
        }
        Console.WriteLine("  per receipt | ms per receipt | statement");
        foreach (var (sql, count, ms) in activity.ByText().Take(25))
        {
            Console.WriteLine(string.Create(inv,
                $"  {count / (double)Math.Max(1, receipts.Count),11:F2} | {ms / Math.Max(1, receipts.Count),14:F3} | {(sql.Length > 160 ? sql[..160] + "…" : sql)}"));
        }
        var summary = string.Create(inv, $"B3 {store.Title}: ratio submissions/s ÷ baseline inserts/s = {ratio:F3} (one submission costs about {1 / ratio:F1} durable single-row inserts); lost {verification.Lost}, duplicated {verification.Duplicated}");
        Console.WriteLine(summary);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(resultsPath))!);
        await File.WriteAllTextAsync(resultsPath, JsonSerializer.Serialize(json, new JsonSerializerOptions(JsonSerializerDefaults.Web) { WriteIndented = true }));
        Console.WriteLine($"results: {resultsPath}");

        if (verification.Lost > 0 || verification.Duplicated > 0 || verification.SubmittedNotAttempted > 0 || verification.IntegrityCheck != "ok"
            || baselineResult.IntegrityCheck != "ok" || baselineResult.RowsInTable != baselineResult.Inserts
            || floorWrong > 0 || floorCheck is { IntegrityCheck: not "ok" })
        {
            await Console.Error.WriteLineAsync("FAILED: lost or duplicated submissions, or a failed integrity check.");
            return (1, ratio, floorRatio, verification.Lost + verification.Duplicated);
        }
        if (receipts.Count < timed.Count)
        {
            await Console.Error.WriteLineAsync($"INCOMPLETE: {timed.Count - receipts.Count} of {timed.Count} submissions got no receipt (errors or the {options.MaxSeconds}s limit).");
            return (2, ratio, floorRatio, 0);
        }
        return (0, ratio, floorRatio, 0);
    }
}
