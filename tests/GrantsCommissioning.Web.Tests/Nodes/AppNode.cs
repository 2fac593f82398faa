using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using GrantsCommissioning.Core.Configuration;

namespace GrantsCommissioning.Web.Tests.Nodes;

/// <summary>
/// One real app process: the built GrantsCommissioning.Web run with `dotnet &lt;dll&gt;` on a loopback port, configured
/// through environment variables as an operator would, its output kept for the test's messages. Killed (kill -9) by
/// <see cref="Kill"/> or on dispose.
/// </summary>
internal sealed class AppNode : IDisposable
{
    private readonly Process process;
    private readonly ConcurrentQueue<string> output = new();

    private AppNode(string name, int port, Process process)
    {
        Name = name;
        Address = new Uri($"http://127.0.0.1:{port}/");
        this.process = process;
    }

    public string Name { get; }
    public Uri Address { get; }
    public bool Alive => !process.HasExited;

    /// <summary>Starts <paramref name="dll"/> (the web project's build output when null) in its own folder.</summary>
    public static AppNode Start(string name, IReadOnlyDictionary<string, string> settings, string? dll = null)
    {
        var port = FreePort();
        dll ??= WebDll();
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(dll);
        info.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        info.Environment["Grants__PublicBaseUrl"] = $"http://127.0.0.1:{port}/";
        info.Environment["Logging__LogLevel__Default"] = "Warning";
        foreach (var (key, value) in settings)
        {
            info.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }
        var process = Process.Start(info) ?? throw new InvalidOperationException("Could not start dotnet.");
        var node = new AppNode(name, port, process);
        process.OutputDataReceived += (_, e) => node.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => node.Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return node;
    }

    /// <summary>Waits until the node answers /health (it has migrated, loaded its workflows and started Quartz).</summary>
    public async Task WaitUntilUpAsync(TimeSpan patience)
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        var until = DateTime.UtcNow + patience;
        while (DateTime.UtcNow < until)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"Node {Name} stopped at start (exit {process.ExitCode}):\n{Output}");
            }
            try
            {
                if ((await client.GetAsync(new Uri(Address, "/health"))).StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }
            await Task.Delay(500);
        }
        throw new TimeoutException($"Node {Name} did not answer /health within {patience}:\n{Output}");
    }

    /// <summary>Whether the process has ended or ends within <paramref name="wait"/> (a refused connection as it is being killed).</summary>
    public bool ExitsWithin(TimeSpan wait) => process.WaitForExit(wait);

    /// <summary>kill -9: no shutdown, no flushing; its connections simply drop.</summary>
    public void Kill()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit(10_000);
        }
    }

    /// <summary>The last lines the process wrote, for failure messages.</summary>
    public string Output => string.Join('\n', output.TakeLast(60));

    public void Dispose()
    {
        Kill();
        process.Dispose();
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }
        output.Enqueue($"[{Name}] {line}");
        while (output.Count > 400 && output.TryDequeue(out _))
        {
        }
    }

    /// <summary>The repository's root folder (the one holding workflows/).</summary>
    public static string Repository => Directory.GetParent(RepositoryPaths.Resolve(null, "workflows", AppContext.BaseDirectory))!.FullName;

    /// <summary>Debug or Release: the configuration this test run was built in (its bin folder's parent).</summary>
    public static string BuildConfiguration => TestBuildFolder.Parent!.Name;

    private static DirectoryInfo TestBuildFolder => new(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));

    /// <summary>The web project's own build output for this test run's configuration (bin/Debug/net10.0 or Release).</summary>
    private static string WebDll()
    {
        var dll = Path.Combine(Repository, "src", "GrantsCommissioning.Web", "bin", BuildConfiguration, TestBuildFolder.Name, "GrantsCommissioning.Web.dll");
        return File.Exists(dll) ? dll : throw new FileNotFoundException($"Build the web project first: {dll} is missing.", dll);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Name} ({Address})");
}

/// <summary>
/// What a reverse proxy does for one browser: sends each request to the browser's node and, when that node does not
/// answer (connection refused or reset: it was killed), sends the same request to the other node.
/// </summary>
internal sealed class FailoverHandler(AppNode preferred, AppNode other) : DelegatingHandler(new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false })
{
    private int failovers;

    public int Failovers => failovers;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? null : await request.Content.ReadAsByteArrayAsync(cancellationToken);
        try
        {
            return await SendToAsync(preferred, request, body, cancellationToken);
        }
        catch (HttpRequestException) when (preferred.ExitsWithin(TimeSpan.FromSeconds(5)))
        {
            Interlocked.Increment(ref failovers);
            return await SendToAsync(other, request, body, cancellationToken);
        }
    }

    /// <summary>Reads the whole response here, so a node dying mid-response fails over too.</summary>
    private async Task<HttpResponseMessage> SendToAsync(AppNode node, HttpRequestMessage request, byte[]? body, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(Copy(request, node, body), cancellationToken);
        await response.Content.LoadIntoBufferAsync(cancellationToken);
        return response;
    }

    private static HttpRequestMessage Copy(HttpRequestMessage request, AppNode node, byte[]? body)
    {
        var copy = new HttpRequestMessage(request.Method, new Uri(node.Address, request.RequestUri!.PathAndQuery));
        foreach (var header in request.Headers)
        {
            copy.Headers.TryAddWithoutValidation(header.Key, header.Value);
        }
        if (body is not null)
        {
            copy.Content = new ByteArrayContent(body);
            foreach (var header in request.Content!.Headers)
            {
                copy.Content.Headers.TryAddWithoutValidation(header.Key, header.Value);
            }
        }
        return copy;
    }
}

/// <summary>
/// One browser's cookies, shared by its clients of both nodes. Kept by hand because the app's cookies are Secure
/// (__Host-) and the nodes are plain http on loopback, which a browser allows for localhost and HttpClient does not.
/// </summary>
internal sealed class CookieJarHandler(ConcurrentDictionary<string, string> cookies, HttpMessageHandler inner) : DelegatingHandler(inner)
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (!cookies.IsEmpty)
        {
            request.Headers.TryAddWithoutValidation("Cookie", string.Join("; ", cookies.Select(c => $"{c.Key}={c.Value}")));
        }
        var response = await base.SendAsync(request, cancellationToken);
        if (response.Headers.TryGetValues("Set-Cookie", out var lines))
        {
            foreach (var line in lines)
            {
                var pair = line.Split(';', 2)[0];
                var equals = pair.IndexOf('=', StringComparison.Ordinal);
                var (name, value) = (pair[..equals].Trim(), pair[(equals + 1)..].Trim());
                if (value.Length == 0 || line.Contains("expires=Thu, 01 Jan 1970", StringComparison.OrdinalIgnoreCase))
                {
                    cookies.TryRemove(name, out _);
                }
                else
                {
                    cookies[name] = value;
                }
            }
        }
        return response;
    }
}
