using GrantsCommissioning.Core.Configuration;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace GrantsCommissioning.Bench;

/// <summary>
/// The real app (Program, DI container, middleware) on Kestrel at 127.0.0.1 on a free port, in the Production
/// environment, with a temporary data folder (or <paramref name="dataDirectory"/>, to reopen an earlier app's) and the
/// database of that folder in <paramref name="store"/>, without demo data unless asked (B1 and B6 read it).
/// </summary>
internal sealed class BenchApp(BenchStore store, bool demoData = false, string? dataDirectory = null) : WebApplicationFactory<Program>
{
    public string DataDirectory { get; } = dataDirectory ?? Path.Combine(Path.GetTempPath(), "gc-bench-" + Guid.NewGuid().ToString("N"));

    /// <summary>The app's database: a file path on SQLite, a database name on PostgreSQL.</summary>
    public string Database => store.DatabaseFor(DataDirectory);

    public Uri BaseAddress { get; private set; } = null!;

    public void Start()
    {
        // Read when the app's builder is created; the app then trusts X-Forwarded-Proto from this loopback client.
        Environment.SetEnvironmentVariable("ASPNETCORE_FORWARDEDHEADERS_ENABLED", "true");
        UseKestrel(options => options.Listen(System.Net.IPAddress.Loopback, 0));
        StartServer();
        var address = new Uri(Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        BaseAddress = new Uri($"http://127.0.0.1:{address.Port}/");
    }

    /// <summary>A console program has no test-assembly metadata to find the app's content root from, so it is set here.</summary>
    protected override IHost CreateHost(IHostBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.UseContentRoot(Path.Combine(RepositoryPaths.Resolve(null, "src", AppContext.BaseDirectory), "GrantsCommissioning.Web"));
        return base.CreateHost(builder);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.UseEnvironment("Production");
        builder.UseSetting("Grants:DataDirectory", DataDirectory);
        foreach (var (key, value) in store.AppSettings(Database))
        {
            builder.UseSetting(key, value);
        }
        builder.UseSetting("Grants:LoadDemoData", demoData ? "true" : "false");
        // Production refuses to start without the address email links use.
        builder.UseSetting("Grants:PublicBaseUrl", "https://grants.bench.example/");
        builder.UseSetting("AllowedHosts", "grants.bench.example;127.0.0.1");
        builder.UseSetting("Grants:SeedDataPath", RepositoryPaths.Resolve(null, "seed-data", AppContext.BaseDirectory));
        builder.UseSetting("Grants:WorkflowsPath", RepositoryPaths.Resolve(null, "workflows", AppContext.BaseDirectory));
        // Keep the console for the results: the app logs warnings and errors only.
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.UseSetting("Logging:LogLevel:Microsoft.AspNetCore", "Warning");
        builder.UseSetting("Logging:LogLevel:Microsoft.EntityFrameworkCore", "Warning");
    }
}
