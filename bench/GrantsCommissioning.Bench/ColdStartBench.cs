using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using GrantsCommissioning.Core.Configuration;

namespace GrantsCommissioning.Bench;

/// <summary>
/// B7: cold start and idle memory. The app (its Release build, as `dotnet GrantsCommissioning.Web.dll`, Production, on a
/// database that already holds the demo data, as after any restart) against the `dotnet new blazor` template built the
/// same way; each started as a new process in alternating order, timed from process start to the first 200 on `/`, then
/// left idle for a few seconds and its resident memory read from /proc. Printed last: app ÷ template for both, min /
/// median / max over the runs.
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
        // The bench's own Release build built the web project beside it.
        var web = Path.Combine(repository, "src", "GrantsCommissioning.Web");
        var dataDirectory = Path.Combine(Path.GetTempPath(), "gc-bench-coldstart-" + Guid.NewGuid().ToString("N"));
        var app = new Subject("app", "dotnet", Path.Combine(web, "bin", "Release", "net10.0", "GrantsCommissioning.Web.dll"), web, new Dictionary<string, string>
        {
            ["Grants__DataDirectory"] = dataDirectory,
            ["Grants__LoadDemoData"] = "true",
            ["Grants__PublicBaseUrl"] = "https://grants.bench.example/",
            ["AllowedHosts"] = "grants.bench.example;127.0.0.1",
            ["Grants__SeedDataPath"] = Path.Combine(repository, "seed-data"),
            ["Grants__WorkflowsPath"] = Path.Combine(repository, "workflows"),
            // The one log line that says where the app's start-up time went.
            ["Logging__LogLevel__GrantsCommissioning.Web.Infrastructure.StartupTasks"] = "Information",
        });
        var bare = new Subject("template", "dotnet", Path.Combine(template, "bin", "Release", "net10.0", "TemplateApp.dll"), template, []);
        try
        {
            var first = await app.StartAsync();
            Console.WriteLine(string.Create(inv, $"B7: the app's first start (migrations, reference and demo data) took {first.Seconds:F2} s; then {runs} runs each"));
            await bare.StartAsync();
            var start = new List<double>();
            var memory = new List<double>();
            for (var run = 1; run <= runs; run++)
            {
                // Alternate which starts first, so neither always starts on a machine just warmed by the other.
                Start a, t;
                if (run % 2 == 1)
                {
                    a = await app.StartAsync();
                    t = await bare.StartAsync();
                }
                else
                {
                    t = await bare.StartAsync();
                    a = await app.StartAsync();
                }
                Console.WriteLine($"  app: {a.StartupTasks}");
                start.Add(a.Seconds / t.Seconds);
                memory.Add(a.IdleMegabytes / t.IdleMegabytes);
                Console.WriteLine(string.Create(inv,
                    $"run {run}: first 200 app {a.Seconds:F2} s, template {t.Seconds:F2} s (×{a.Seconds / t.Seconds:F2}) | idle memory app {a.IdleMegabytes:F0} MB, template {t.IdleMegabytes:F0} MB (×{a.IdleMegabytes / t.IdleMegabytes:F2})"));
            }
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

    /// <summary>The `dotnet new blazor` template (Interactive Server, as the app), created once in bench/results and built in Release.</summary>
    private static async Task<string> TemplateAsync(string results)
    {
        var folder = Path.Combine(results, "template");
        if (!File.Exists(Path.Combine(folder, "TemplateApp.csproj")))
        {
            Directory.CreateDirectory(folder);
            await ExecAsync("dotnet", "new blazor -n TemplateApp -o . --force", folder);
        }
        await ExecAsync("dotnet", "build -c Release -nologo -v quiet", folder);
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
