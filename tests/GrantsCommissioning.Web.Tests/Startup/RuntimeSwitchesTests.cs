using System.Text.Json;

namespace GrantsCommissioning.Web.Tests.Startup;

/// <summary>
/// The tests (and the bench) host the app in-process, so the runtime reads this process's runtimeconfig.json, not the
/// app's. A switch the app's project sets (Blazor's navigation without a NavigationException, for one) must be set here
/// too, or every page is tested under a behaviour an office's server does not have. Directory.Build.props sets them for
/// every project.
/// </summary>
public sealed class RuntimeSwitchesTests
{
    [Fact]
    public void TheTestHost_RunsTheApp_WithEverySwitchOfTheAppsOwnRuntimeConfig()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "GrantsCommissioning.Web.runtimeconfig.json");
        using var config = JsonDocument.Parse(File.ReadAllText(path));
        var switches = config.RootElement.GetProperty("runtimeOptions").GetProperty("configProperties").EnumerateObject()
            // How the process collects garbage is the server's tuning, not the app's behaviour: the test host keeps its own.
            .Where(p => !p.Name.StartsWith("System.GC.", StringComparison.Ordinal))
            .ToList();

        Assert.Contains(switches, p => p.Name == "Microsoft.AspNetCore.Components.Endpoints.NavigationManager.DisableThrowNavigationException" && p.Value.GetBoolean());
        Assert.All(switches, p => Assert.Equal(
            (p.Name, p.Value.ToString()),
            (p.Name, AppContext.GetData(p.Name)?.ToString() ?? "(not set in the test host)"),
            new NameAndValue()));
    }

    private sealed class NameAndValue : IEqualityComparer<(string Name, string Value)>
    {
        public bool Equals((string Name, string Value) x, (string Name, string Value) y) =>
            x.Name == y.Name && string.Equals(x.Value, y.Value, StringComparison.OrdinalIgnoreCase);

        public int GetHashCode((string Name, string Value) obj) => HashCode.Combine(obj.Name, obj.Value.ToUpperInvariant());
    }
}
