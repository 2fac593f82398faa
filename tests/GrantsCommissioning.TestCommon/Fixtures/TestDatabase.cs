using GrantsCommissioning.Core;
using GrantsCommissioning.Core.Configuration;
using GrantsCommissioning.Core.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;

namespace GrantsCommissioning.TestCommon.Fixtures;

/// <summary>
/// The real Core container on a relational SQLite database: a shared in-memory database kept alive by one open
/// connection (or a temporary file), migrated with the real migrations. Time is a <see cref="FakeTimeProvider"/>.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private readonly SqliteConnection? _keepAlive;
    private readonly string? _folder;

    private TestDatabase(ServiceProvider services, FakeTimeProvider clock, SqliteConnection? keepAlive, string? folder, string connectionString)
    {
        Services = services;
        Clock = clock;
        _keepAlive = keepAlive;
        _folder = folder;
        ConnectionString = connectionString;
    }

    public ServiceProvider Services { get; }
    public FakeTimeProvider Clock { get; }
    public string ConnectionString { get; }
    public string? Folder => _folder;

    /// <summary>The default "now" of tests: 30 June 2013, the end of Q1 2013/14, 16:00 UK time.</summary>
    public static readonly DateTimeOffset DefaultNow = new(2013, 6, 30, 15, 0, 0, TimeSpan.Zero);

    public static async Task<TestDatabase> CreateAsync(
        DateTimeOffset? now = null, bool onDisk = false, string? seedDataPath = null, Action<IServiceCollection>? configure = null,
        IDictionary<string, string?>? settings = null)
    {
        var folder = Path.Combine(Path.GetTempPath(), "gc-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var connectionString = onDisk
            ? new SqliteConnectionStringBuilder { DataSource = Path.Combine(folder, "grants.db"), Pooling = false, DefaultTimeout = 30 }.ToString()
            : $"Data Source=file:gc-{Guid.NewGuid():N}?mode=memory&cache=shared";
        SqliteConnection? keepAlive = null;
        if (!onDisk)
        {
            keepAlive = new SqliteConnection(connectionString);
            await keepAlive.OpenAsync();
        }
        var config = new Dictionary<string, string?>
        {
            ["Grants:ConnectionString"] = connectionString,
            ["Grants:DataDirectory"] = folder,
            ["Grants:SeedDataPath"] = seedDataPath ?? RepositoryPaths.Resolve(null, "seed-data", AppContext.BaseDirectory),
            ["Grants:WorkflowsPath"] = RepositoryPaths.Resolve(null, "workflows", AppContext.BaseDirectory),
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            config[key] = value;
        }
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(config).Build();
        var clock = new FakeTimeProvider(now ?? DefaultNow);
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddCoreServices(configuration, folder);
        services.AddSingleton<TimeProvider>(clock);
        // Background jobs (Quartz, outbox sender) are not started here: tests drive them explicitly where they need them.
        services.RemoveAll<IHostedService>();
        configure?.Invoke(services);
        var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        await provider.GetRequiredService<DatabaseInitializer>().MigrateAsync();
        await provider.GetRequiredService<GrantsCommissioning.Core.Workflow.WorkflowStartup>().RunAsync();
        return new TestDatabase(provider, clock, keepAlive, folder, connectionString);
    }

    public T Get<T>() where T : notnull => Services.GetRequiredService<T>();

    public GrantsDbContext NewContext() => Services.GetRequiredService<IDbContextFactory<GrantsDbContext>>().CreateDbContext();

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        if (_keepAlive is not null)
        {
            await _keepAlive.DisposeAsync();
        }
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder!, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open by the OS is cleaned up with the temp folder.
        }
    }
}
