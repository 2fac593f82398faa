using System.Diagnostics;
using System.Net;
using System.Runtime.InteropServices;
using System.Text.Json;
using GrantsCommissioning.TestCommon.Fixtures;
using GrantsCommissioning.Web.Tests.Infrastructure;
using GrantsCommissioning.Web.Tests.Nodes;

namespace GrantsCommissioning.Web.Tests.Startup;

/// <summary>
/// The README's deployment: `dotnet publish src/GrantsCommissioning.Web -o FOLDER`, then the app started from that folder
/// alone (Production, no paths configured). The folder is published from the build this test run already made (a
/// Release publish also compiles everything again and then to native code, minutes of CPU on a loaded machine); what a
/// Release publish adds, ReadyToRun, is read from the project as `dotnet publish` evaluates it, and bench B7 runs it.
/// </summary>
public sealed class PublishedAppTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(5);

    /// <summary>Why these run in the SQLite run only: the PostgreSQL run beside it would repeat the same work to no purpose.</summary>
    private const string NoTestDatabase = "it uses no test database (it publishes or starts the app on its own SQLite folder).";

    [SqliteOnlyFact(NoTestDatabase)]
    public async Task Publish_InRelease_IsReadyToRunForThisPlatform_FrameworkDependent_AndABuildIsNot()
    {
        string[] names = ["PublishReadyToRun", "RuntimeIdentifier", "SelfContained"];
        var publishing = await PropertiesAsync(names, "-p:_IsPublishing=true", "-p:Configuration=Release");
        var building = await PropertiesAsync(names, "-p:Configuration=Release");

        Assert.Equal(("true", RuntimeInformation.RuntimeIdentifier, "false"), (publishing["PublishReadyToRun"], publishing["RuntimeIdentifier"], publishing["SelfContained"]));
        Assert.NotEqual("true", building["PublishReadyToRun"]);
        Assert.Equal("", building["RuntimeIdentifier"]);
    }

    [SqliteOnlyFact(NoTestDatabase)]
    public async Task Publish_MakesAFolder_ThatStartsOnItsOwn_WithItsDefinitionsAndSeedData()
    {
        var folder = Path.Combine(Path.GetTempPath(), "gc-publish-" + Guid.NewGuid().ToString("N"));
        var data = Path.Combine(Path.GetTempPath(), "gc-publish-data-" + Guid.NewGuid().ToString("N"));
        try
        {
            var (exit, output) = await RunAsync("publish", "src/GrantsCommissioning.Web", "-c", AppNode.BuildConfiguration, "--no-build", "-o", folder);
            Assert.True(exit == 0, "dotnet publish failed:\n" + output);

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

    /// <summary>The web project's properties as MSBuild evaluates them with <paramref name="settings"/>.</summary>
    private static async Task<Dictionary<string, string>> PropertiesAsync(string[] names, params string[] settings)
    {
        var (exit, output) = await RunAsync(["msbuild", "src/GrantsCommissioning.Web", "-nologo", .. names.Select(n => "-getProperty:" + n), .. settings]);
        Assert.True(exit == 0, "dotnet msbuild failed:\n" + output);
        using var json = JsonDocument.Parse(output);
        return names.ToDictionary(n => n, n => json.RootElement.GetProperty("Properties").GetProperty(n).GetString() ?? "");
    }

    private static Task<(int Exit, string Output)> RunAsync(params string[] arguments)
    {
        var info = new ProcessStartInfo("dotnet", arguments) { WorkingDirectory = AppNode.Repository };
        return ProcessRun.ToEndAsync(info, Patience, $"dotnet {string.Join(' ', arguments)} did not finish within {Patience}.");
    }
}
