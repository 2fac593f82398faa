using GrantsCommissioning.Core.Configuration;
using GrantsCommissioning.Core.Data;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace GrantsCommissioning.Core.Tests.Startup;

public class StartupFailureTests
{
    [Fact]
    public async Task Migrate_WhenDataDirectoryCannotBeCreated_StopsWithAMessageNamingTheSetting()
    {
        var blocker = Path.GetTempFileName();
        var services = Build(new() { ["Grants:DataDirectory"] = Path.Combine(blocker, "App_Data") });

        var ex = await Assert.ThrowsAsync<StartupException>(() => services.GetRequiredService<DatabaseInitializer>().MigrateAsync());

        Assert.StartsWith($"Grants:DataDirectory: the folder '{Path.Combine(blocker, "App_Data")}' is not writable", ex.Message, StringComparison.Ordinal);
        File.Delete(blocker);
    }

    [Theory]
    [InlineData("Grants:GrantIdPrefix", "opccwm", "Grants:GrantIdPrefix must look like 360G-yourprefix.")]
    [InlineData("Grants:ConnectionString", "Data Source=x.db;Bogus Keyword=1", "Grants:ConnectionString is not a valid SQLite connection string")]
    [InlineData("Grants:OrganisationName", "", "OrganisationName")]
    public void InvalidSetting_FailsValidationWithAMessageNamingIt(string key, string value, string expected)
    {
        var services = Build(new() { [key] = value });

        var ex = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<GrantsOptions>>().Value);

        Assert.Contains(ex.Failures, f => f.Contains(expected, StringComparison.Ordinal));
    }

    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        settings.TryAdd("Grants:DataDirectory", Path.Combine(Path.GetTempPath(), "gc-startup-" + Guid.NewGuid().ToString("N")));
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddCoreServices(configuration, Path.GetTempPath());
        return services.BuildServiceProvider();
    }
}
