using System.Diagnostics;
using GrantsCommissioning.Core.Configuration;
using GrantsCommissioning.Web.Tests.Infrastructure;

namespace GrantsCommissioning.Web.Tests.Startup;

/// <summary>Starts the real application process with a bad setting or data file and reads what it prints.</summary>
public class StartupFailureTests
{
    [Fact]
    public async Task InvalidSetting_StopsStartUpWithAMessageNamingTheSetting()
    {
        var (exit, output) = await RunAppAsync(new() { ["Grants__GrantIdPrefix"] = "opccwm" });

        Assert.Equal(1, exit);
        Assert.Contains("GrantsCommissioning cannot start:", output, StringComparison.Ordinal);
        Assert.Contains("Grants:GrantIdPrefix must look like 360G-yourprefix.", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnwritableDataDirectory_StopsStartUpWithAMessageNamingTheSetting()
    {
        var blocker = Path.GetTempFileName();
        var (exit, output) = await RunAppAsync(new() { ["Grants__DataDirectory"] = Path.Combine(blocker, "data") });
        File.Delete(blocker);

        Assert.Equal(1, exit);
        Assert.Contains("Grants:DataDirectory: the folder", output, StringComparison.Ordinal);
        Assert.Contains("is not writable", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BrokenWorkflowDefinition_StopsStartUpWithAMessageNamingTheFileAndTheUnknownState()
    {
        var workflows = BrokenWorkflowsFolder();

        var (exit, output) = await RunAppAsync(new() { ["Grants__WorkflowsPath"] = workflows });

        Assert.Equal(1, exit);
        Assert.Contains("workflows/grant-application/v1.json: transition 'Recommend' goes to unknown state 'Recomendation'.", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BrokenWorkflowDefinition_AndUnwritableDataDirectory_ReportsTheDataDirectoryAlone()
    {
        // The definition files are read on another thread while the database is opened; the database's problem is
        // still the one reported, as when the two ran one after the other.
        var workflows = BrokenWorkflowsFolder();
        var blocker = Path.GetTempFileName();

        var (exit, output) = await RunAppAsync(new() { ["Grants__WorkflowsPath"] = workflows, ["Grants__DataDirectory"] = Path.Combine(blocker, "data") });
        File.Delete(blocker);

        Assert.Equal(1, exit);
        Assert.Contains("Grants:DataDirectory: the folder", output, StringComparison.Ordinal);
        Assert.DoesNotContain("Invalid workflow definition", output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MalformedSeedFile_StopsStartUpWithAMessageNamingTheFile()
    {
        var seeds = CopyFolder("seed-data");
        File.WriteAllText(Path.Combine(seeds, "reference", "national-priorities.json"), "{ \"planCode\": \"WM-PCP-2013\", \"priorities\": [ ");

        var (exit, output) = await RunAppAsync(new() { ["Grants__SeedDataPath"] = seeds });

        Assert.Equal(1, exit);
        Assert.Contains("Seed file seed-data/reference/national-priorities.json: malformed JSON at line 1", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Attachments__MaxBytes", "ten-megabytes", "Attachments:MaxBytes must be a whole number (was 'ten-megabytes').")]
    [InlineData("Attachments__MaxBytes", "1", "Attachments:MaxBytes must be between 1 KB and 1 GB.")]
    [InlineData("Email__Mode", "Smpt", "Email:Mode must be one of Pickup, Smtp (was 'Smpt').")]
    [InlineData("Email__Mode", "7", "Email:Mode must be one of Pickup, Smtp (was 7).")]
    [InlineData("Email__Smtp__UseStartTls", "yes please", "Email:Smtp:UseStartTls must be true or false (was 'yes please').")]
    [InlineData("Email__PollSeconds", "often", "Email:PollSeconds must be a whole number (was 'often').")]
    public async Task SettingOfTheWrongKind_StopsStartUpWithOneLineNamingTheSetting(string variable, string value, string expected)
    {
        var (exit, output) = await RunAppAsync(new() { [variable] = value });

        Assert.Equal(1, exit);
        Assert.Contains("GrantsCommissioning cannot start:", output, StringComparison.Ordinal);
        Assert.Contains(expected, output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "Grants:Database:ConnectionString is required when Grants:Database:Provider is Postgres.")]
    [InlineData("Hots=db.example;Database=grants", "Grants:Database:ConnectionString is not a valid PostgreSQL connection string")]
    [InlineData("Database=grants", "Grants:Database:ConnectionString has no Host.")]
    public async Task PostgresConnectionString_MissingOrMalformed_StopsStartUpWithAMessageNamingTheSetting(string connectionString, string expected)
    {
        var (exit, output) = await RunAppAsync(new()
        {
            ["Grants__Database__Provider"] = "Postgres",
            ["Grants__Database__ConnectionString"] = connectionString,
        });

        Assert.Equal(1, exit);
        Assert.Contains("GrantsCommissioning cannot start:", output, StringComparison.Ordinal);
        Assert.Contains(expected, output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PostgresUnreachable_StopsStartUpWithAMessageNamingTheSetting()
    {
        // A loopback port with nothing listening: the connection is refused at once.
        var port = FreeLoopbackPort();

        var (exit, output) = await RunAppAsync(new()
        {
            ["Grants__Database__Provider"] = "Postgres",
            ["Grants__Database__ConnectionString"] = $"Host=127.0.0.1;Port={port};Database=grants;Username=grants;Timeout=5",
        });

        Assert.Equal(1, exit);
        Assert.Contains("GrantsCommissioning cannot start:", output, StringComparison.Ordinal);
        Assert.Contains($"PostgreSQL database 'grants' on 127.0.0.1:{port} could not be reached or migrated (Grants:Database:ConnectionString)", output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownDatabaseProvider_StopsStartUpWithOneLineNamingTheSetting()
    {
        var (exit, output) = await RunAppAsync(new() { ["Grants__Database__Provider"] = "Oracle" });

        Assert.Equal(1, exit);
        Assert.Contains("Grants:Database:Provider must be one of Sqlite, Postgres (was 'Oracle').", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MalformedEnvironmentSettingsFile_StopsStartUpWithAMessageNamingTheFile()
    {
        var contentRoot = Path.Combine(Path.GetTempPath(), "gc-root-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(contentRoot);
        File.WriteAllText(Path.Combine(contentRoot, "appsettings.Production.json"), "{\n  \"Grants\": {\n    \"OrganisationName\": \n");

        var (exit, output) = await RunAppAsync(new() { ["ASPNETCORE_CONTENTROOT"] = contentRoot });

        Assert.Equal(1, exit);
        Assert.Contains($"{Path.Combine(contentRoot, "appsettings.Production.json")}: malformed JSON at line", output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MissingSeedDataFolder_StopsStartUpWithAMessageNamingTheSetting()
    {
        var missing = Path.Combine(Path.GetTempPath(), "gc-no-seed-" + Guid.NewGuid().ToString("N"));

        var (exit, output) = await RunAppAsync(new() { ["Grants__SeedDataPath"] = missing });

        Assert.Equal(1, exit);
        Assert.Contains($"Grants:SeedDataPath: the folder {missing} does not exist.", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("grants.opcc.example.gov.uk")]
    [InlineData("ftp://grants.opcc.example.gov.uk/")]
    public async Task PublicBaseUrl_MissingOrNotAnHttpAddress_StopsStartUpWithAMessageNamingTheSetting(string url)
    {
        var (exit, output) = await RunAppAsync(new() { ["Grants__PublicBaseUrl"] = url });

        Assert.Equal(1, exit);
        Assert.Contains("Grants:PublicBaseUrl must be the site's absolute http(s) address", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AllowedHosts_NotNamingThePublicHost_StopsStartUpWithAMessageNamingTheSetting()
    {
        var (exit, output) = await RunAppAsync(new() { ["AllowedHosts"] = "*" });

        Assert.Equal(1, exit);
        Assert.Contains("AllowedHosts must name grants.opcc.example.gov.uk, the host of Grants:PublicBaseUrl", output, StringComparison.Ordinal);
    }

    private static async Task<(int Exit, string Output)> RunAppAsync(Dictionary<string, string> environment)
    {
        var app = Path.Combine(AppContext.BaseDirectory, "GrantsCommissioning.Web.dll");
        var data = Path.Combine(Path.GetTempPath(), "gc-start-" + Guid.NewGuid().ToString("N"));
        var start = new ProcessStartInfo("dotnet", [app, "--urls", "http://127.0.0.1:0"]) { WorkingDirectory = AppContext.BaseDirectory };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Grants__DataDirectory"] = data;
        start.Environment["Grants__PublicBaseUrl"] = "https://grants.opcc.example.gov.uk/";
        start.Environment["AllowedHosts"] = "grants.opcc.example.gov.uk";
        start.Environment["Grants__SeedDataPath"] = RepositoryPaths.Resolve(null, "seed-data", AppContext.BaseDirectory);
        start.Environment["Grants__WorkflowsPath"] = RepositoryPaths.Resolve(null, "workflows", AppContext.BaseDirectory);
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }
        // Not a measure of speed: only how long to wait before calling a broken app one that never stops. Generous,
        // because CI runs the suites side by side on two cores and a cold `dotnet` start can then take over a minute.
        return await ProcessRun.ToEndAsync(start, TimeSpan.FromMinutes(5), "The app kept running although its configuration is broken.");
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>A copy of workflows/ whose grant-application v1 sends 'Recommend' to a state that does not exist.</summary>
    private static string BrokenWorkflowsFolder()
    {
        var workflows = CopyFolder("workflows");
        var file = Path.Combine(workflows, "grant-application", "v1.json");
        File.WriteAllText(file, File.ReadAllText(file).Replace("\"to\": \"Recommendation\"", "\"to\": \"Recomendation\"", StringComparison.Ordinal));
        return workflows;
    }

    private static string CopyFolder(string name)
    {
        var source = RepositoryPaths.Resolve(null, name, AppContext.BaseDirectory);
        var target = Path.Combine(Path.GetTempPath(), $"gc-{name}-" + Guid.NewGuid().ToString("N"), name);
        foreach (var file in Directory.GetFiles(source, "*", SearchOption.AllDirectories))
        {
            var to = Path.Combine(target, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(to)!);
            File.Copy(file, to);
        }
        return target;
    }
}
