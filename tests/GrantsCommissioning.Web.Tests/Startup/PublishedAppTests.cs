using System.Diagnostics;
using System.Net;
using System.Reflection.PortableExecutable;
using GrantsCommissioning.Core.Configuration;
using GrantsCommissioning.TestCommon.Fixtures;
using GrantsCommissioning.Web.Tests.Nodes;

namespace GrantsCommissioning.Web.Tests.Startup;

/// <summary>
/// The README's deployment command, run as an operator would: `dotnet publish src/GrantsCommissioning.Web -o FOLDER`,
/// then the app started from that folder alone (Production, no paths configured).
/// </summary>
public sealed class PublishedAppTests
{
    private static readonly TimeSpan PublishPatience = TimeSpan.FromMinutes(10);

    [SqliteRunFact]
    public async Task Publish_MakesAReadyToRunFolder_ThatStartsOnItsOwn_WithItsDefinitionsAndSeedData()
    {
        var repository = Directory.GetParent(RepositoryPaths.Resolve(null, "workflows", AppContext.BaseDirectory))!.FullName;
        var folder = Path.Combine(Path.GetTempPath(), "gc-publish-" + Guid.NewGuid().ToString("N"));
        var data = Path.Combine(Path.GetTempPath(), "gc-publish-data-" + Guid.NewGuid().ToString("N"));
        try
        {
            var (exit, output) = await RunAsync(repository, "publish", "src/GrantsCommissioning.Web", "-o", folder);
            Assert.True(exit == 0, "dotnet publish failed:\n" + output);

            // Precompiled: the app's own assemblies carry native code (a ReadyToRun header), so a restart compiles less.
            Assert.True(IsReadyToRun(Path.Combine(folder, "GrantsCommissioning.Web.dll")), "GrantsCommissioning.Web.dll is not ReadyToRun");
            Assert.True(IsReadyToRun(Path.Combine(folder, "GrantsCommissioning.Core.dll")), "GrantsCommissioning.Core.dll is not ReadyToRun");
            // Complete: definitions and seed data beside the app; the build's npm manifests and the seed tools left out.
            Assert.True(File.Exists(Path.Combine(folder, "workflows", "grant-application", "v1.json")));
            Assert.True(File.Exists(Path.Combine(folder, "seed-data", "reference", "funds.json")));
            Assert.False(File.Exists(Path.Combine(folder, "package.json")));
            Assert.False(Directory.Exists(Path.Combine(folder, "seed-data", "tools")));

            using var node = AppNode.Start("published", new Dictionary<string, string>
            {
                ["ASPNETCORE_ENVIRONMENT"] = "Production",
                ["Grants:DataDirectory"] = data,
                ["AllowedHosts"] = "127.0.0.1",
            }, Path.Combine(folder, "GrantsCommissioning.Web.dll"));
            await node.WaitUntilUpAsync(TimeSpan.FromMinutes(2));
            using var client = new HttpClient { BaseAddress = node.Address };
            var health = await client.GetStringAsync(new Uri("/health", UriKind.Relative));
            using var home = await client.GetAsync(new Uri("/", UriKind.Relative));
            var page = await home.Content.ReadAsStringAsync();

            Assert.Contains("\"seededObjectives\":11", health, StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.OK, home.StatusCode);
            Assert.Contains("Office of the Police and Crime Commissioner for West Mercia", page, StringComparison.Ordinal);
        }
        finally
        {
            foreach (var path in new[] { folder, data })
            {
                try
                {
                    Directory.Delete(path, recursive: true);
                }
                catch (DirectoryNotFoundException)
                {
                }
            }
        }
    }

    private static bool IsReadyToRun(string dll)
    {
        using var pe = new PEReader(File.OpenRead(dll));
        return pe.PEHeaders.CorHeader is { ManagedNativeHeaderDirectory.Size: > 0 };
    }

    private static async Task<(int Exit, string Output)> RunAsync(string directory, params string[] arguments)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }
        using var process = Process.Start(info) ?? throw new InvalidOperationException("Could not start dotnet.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(PublishPatience);
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout + await stderr);
    }
}

/// <summary>
/// A test that runs in the SQLite run only: it uses no test database, and the PostgreSQL run beside it would otherwise
/// run it at the same time, both building into the same Release folders.
/// </summary>
public sealed class SqliteRunFactAttribute : FactAttribute
{
    public SqliteRunFactAttribute()
    {
        if (TestDatabaseProvider.IsPostgres)
        {
            Skip = "Runs in the SQLite run only (it publishes the app; it uses no test database).";
        }
    }
}
