using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using GrantsCommissioning.Core.Configuration;

namespace GrantsCommissioning.Bench;

/// <summary>
/// B7: cold start and idle memory. The app as deployed (`dotnet publish`, which the web project makes ReadyToRun) against
/// the `dotnet new blazor` template published the same way, and beside them the app's plain Release build (every method
/// compiled by the JIT) to show what publishing saves; each as `dotnet X.dll`, Production, on a database that already
/// holds the reference data, as after any restart. Each is started as a new process, in rotating order, timed from process
/// start to the first 200 on `/`, then left idle for a few seconds and its resident memory read from /proc. Printed last:
/// published app ÷ published template for both, min / median / max over the runs.
/// </summary>
internal static class ColdStartBench
{
    private static readonly TimeSpan Idle = TimeSpan.FromSeconds(5);

    public static async Task<int> RunAsync(int runs)
    {
        var inv = CultureInfo.InvariantCulture;
        var repository = Path.GetDirectoryName(RepositoryPaths.Resolve(null, "src", AppContext.BaseDirectory))!;
        var results = Path.Combine(repository, "bench", "results");
        var template = await TemplateAsync(results);
        var web = Path.Combine(repository, "src", "GrantsCommissioning.Web");
        var published = Path.Combine(results, "app-publish");
        // The same command an office deploys with (README, Deploying); the project turns ReadyToRun on for it.
        await ExecAsync("dotnet", $"publish \"{web}\" -c Release -nologo -v quiet -o \"{published}\"", repository);
        var dataDirectory = Path.Combine(Path.GetTempPath(), "gc-bench-coldstart-" + Guid.NewGuid().ToString("N"));
        var settings = new Dictionary<string, string>
        {
            ["Grants__DataDirectory"] = dataDirectory,
            ["Grants__LoadDemoData"] = "true",
            ["Grants__PublicBaseUrl"] = "https://grants.bench.example/",
            ["AllowedHosts"] = "grants.bench.example;127.0.0.1",
            ["Grants__SeedDataPath"] = Path.Combine(repository, "seed-data"),
            ["Grants__WorkflowsPath"] = Path.Combine(repository, "workflows"),
            // The one log line that says where the app's start-up time went.
            ["Logging__LogLevel__GrantsCommissioning.Web.Infrastructure.StartupTasks"] = "Information",
        };
        var app = new Subject("app (published)", "dotnet", Path.Combine(published, "GrantsCommissioning.Web.dll"), published, settings);
        // The bench's own Release build built the web project beside it: the same code, without ReadyToRun.
        var jit = new Subject("app (Release build)", "dotnet", Path.Combine(web, "bin", "Release", "net10.0", "GrantsCommissioning.Web.dll"), web, settings);
        var bare = new Subject("template (published)", "dotnet", Path.Combine(template, "bin", "b7-publish", "TemplateApp.dll"), Path.Combine(template, "bin", "b7-publish"), []);
        try
        {
            var first = await app.StartAsync();
            Console.WriteLine(string.Create(inv, $"B7: the app's first start (migrations, reference and demo data) took {first.Seconds:F2} s; then {runs} runs each"));
            await bare.StartAsync();
            await jit.StartAsync();
            var start = new List<double>();
            var memory = new List<double>();
            var jitStart = new List<double>();
            Subject[] order = [app, bare, jit];
            for (var run = 1; run <= runs; run++)
            {
                // Rotate which starts first, so none always starts on a machine just warmed by another.
                var took = new Dictionary<Subject, Start>();
                for (var i = 0; i < order.Length; i++)
                {
                    var subject = order[(run - 1 + i) % order.Length];
                    took[subject] = await subject.StartAsync();
                }
                var (a, t, j) = (took[app], took[bare], took[jit]);
                Console.WriteLine($"  app (published): {a.StartupTasks}");
                start.Add(a.Seconds / t.Seconds);
                memory.Add(a.IdleMegabytes / t.IdleMegabytes);
                jitStart.Add(j.Seconds / t.Seconds);
                Console.WriteLine(string.Create(inv,
                    $"run {run}: first 200 app {a.Seconds:F2} s (Release build {j.Seconds:F2} s), template {t.Seconds:F2} s (×{a.Seconds / t.Seconds:F2}; Release build ×{j.Seconds / t.Seconds:F2}) | idle memory app {a.IdleMegabytes:F0} MB (Release build {j.IdleMegabytes:F0} MB), template {t.IdleMegabytes:F0} MB (×{a.IdleMegabytes / t.IdleMegabytes:F2})"));
            }
            Console.WriteLine();
            Console.WriteLine(Summary("cold start to first 200, the app's Release build (JIT only) ÷ template", jitStart));
            Console.WriteLine();
            Console.WriteLine(Summary("cold start to first 200, app ÷ template (goal ≤ 2.5)", start));
            Console.WriteLine(Summary("idle resident memory, app ÷ template (goal ≤ 1.5)", memory));
            return 0;
        }
        finally
        {
            try
            {
                Directory.Delete(dataDirectory, recursive: true);
            }
            catch (IOException)
            {
                // Left for the OS to clean with the temp folder.
            }
        }
    }

    private static string Summary(string name, List<double> ratios)
    {
        var r = ratios.Order().ToList();
        return string.Create(CultureInfo.InvariantCulture, $"B7 {name}: min {r[0]:F2} / median {r[r.Count / 2]:F2} / max {r[^1]:F2}");
    }

    /// <summary>
    /// The `dotnet new blazor` template (Interactive Server, as the app), created once in bench/results and published in
    /// Release to bin/b7-publish with ReadyToRun for this platform, as the app's project publishes.
    /// </summary>
    private static async Task<string> TemplateAsync(string results)
    {
        var folder = Path.Combine(results, "template");
        if (!File.Exists(Path.Combine(folder, "TemplateApp.csproj")))
        {
            Directory.CreateDirectory(folder);
            await ExecAsync("dotnet", "new blazor -n TemplateApp -o . --force", folder);
        }
        await ExecAsync("dotnet", $"publish -c Release -nologo -v quiet -r {System.Runtime.InteropServices.RuntimeInformation.RuntimeIdentifier} --self-contained false -p:PublishReadyToRun=true -o bin/b7-publish", folder);
        return folder;
    }

    private static async Task ExecAsync(string file, string arguments, string directory)
    {
        using var process = Process.Start(new ProcessStartInfo(file, arguments) { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true })!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {arguments} in {directory} failed: {await output}{await error}");
        }
    }

    private sealed record Start(double Seconds, double IdleMegabytes, string? StartupTasks);

    /// <summary>One program to start: `dotnet DLL` in its content root, Production, on a free loopback port.</summary>
    private sealed class Subject(string name, string file, string dll, string contentRoot, Dictionary<string, string> environment)
    {
        public async Task<Start> StartAsync()
        {
            var port = FreePort();
            var info = new ProcessStartInfo(file, $"\"{dll}\" --contentRoot \"{contentRoot}\"")
            {
                WorkingDirectory = contentRoot, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
            };
            info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
            info.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
            info.Environment["Logging__LogLevel__Default"] = "Warning";
            // As behind a proxy that ends TLS (the app redirects plain HTTP otherwise); the same for both.
            info.Environment["ASPNETCORE_FORWARDEDHEADERS_ENABLED"] = "true";
            foreach (var (key, value) in environment)
            {
                info.Environment[key] = value;
            }
            // The first answer is what is timed, however slow: a loaded machine can take more than a few seconds to render it.
            using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(3) };
            http.DefaultRequestHeaders.Add("X-Forwarded-Proto", "https");
            var clock = Stopwatch.StartNew();
            using var process = Process.Start(info) ?? throw new InvalidOperationException($"{name} did not start.");
            var output = new System.Collections.Concurrent.ConcurrentQueue<string>();
            process.OutputDataReceived += (_, e) => output.Enqueue(e.Data ?? "");
            process.ErrorDataReceived += (_, e) => output.Enqueue(e.Data ?? "");
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            try
            {
                while (true)
                {
                    if (process.HasExited)
                    {
                        throw new InvalidOperationException($"{name} exited with {process.ExitCode} before answering: {string.Join(Environment.NewLine, output)}");
                    }
                    if (clock.Elapsed > TimeSpan.FromMinutes(3))
                    {
                        throw new TimeoutException($"{name} did not answer 200 on / within 3 minutes.");
                    }
                    try
                    {
                        using var response = await http.GetAsync(new Uri($"http://127.0.0.1:{port}/"));
                        if (response.StatusCode == HttpStatusCode.OK)
                        {
                            break;
                        }
                    }
                    catch (HttpRequestException)
                    {
                        // Not listening yet.
                    }
                    await Task.Delay(10);
                }
                var seconds = clock.Elapsed.TotalSeconds;
                await Task.Delay(Idle);
                return new Start(seconds, ResidentMegabytes(process.Id), output.FirstOrDefault(l => l.Contains("Start-up tasks took", StringComparison.Ordinal))?.Trim());
            }
            finally
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }
        }

        private static double ResidentMegabytes(int pid)
        {
            var line = File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
            return double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024;
        }

        private static int FreePort()
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }
    }
}
