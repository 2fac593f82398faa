using GrantsCommissioning.Core;
using GrantsCommissioning.Core.Configuration;
using GrantsCommissioning.Core.Data;
using GrantsCommissioning.Core.Email;
using GrantsCommissioning.Core.Workflow;
using GrantsCommissioning.Core.Workflow.Kinds;
using GrantsCommissioning.TestCommon.Fixtures;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;

namespace GrantsCommissioning.TestCommon.Workflow;

/// <summary>
/// The real Core container (AddCoreServices) over a migrated SQLite file in a temp folder, with the repository's
/// workflows/ folder (or a copy), the real Quartz ADO store (started only by <see cref="StartSchedulerAsync"/>) and
/// an optional fake clock. Reopen the same folder with <see cref="CreateAsync"/> to simulate a restart.
/// </summary>
public sealed class WorkflowTestHost : IAsyncDisposable
{
    private readonly IHost host;
    private readonly bool ownsDirectory;
    private bool started;

    private WorkflowTestHost(IHost host, string directory, bool ownsDirectory)
    {
        this.host = host;
        Directory = directory;
        this.ownsDirectory = ownsDirectory;
    }

    public string Directory { get; }
    public IServiceProvider Services => host.Services;
    public ICaseWorkflow Workflow => Services.GetRequiredService<ICaseWorkflow>();
    public WorkflowRegistry Registry => Services.GetRequiredService<WorkflowRegistry>();
    public FakeTimeProvider? Clock => Services.GetRequiredService<TimeProvider>() as FakeTimeProvider;
    public string PickupDirectory => Path.Combine(Directory, "mail-pickup");

    public static string RepositoryWorkflows => RepositoryPaths.Resolve(null, "workflows", AppContext.BaseDirectory);

    /// <summary>Builds, migrates and runs the workflow start-up (which throws <see cref="StartupException"/> for bad definitions).</summary>
    public static async Task<WorkflowTestHost> CreateAsync(
        string? directory = null, string? workflowsPath = null, FakeTimeProvider? clock = null,
        IReadOnlyDictionary<string, string?>? settings = null, bool runStartup = true, bool fromTemplate = true)
    {
        var owns = directory is null;
        directory ??= Path.Combine(Path.GetTempPath(), "gc-wf-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(directory);
        // A new folder on the default database starts from the process's migrated template (the initializer below then
        // finds nothing pending); a reopened folder (a restart) or a test's own database settings migrate as the app does.
        if (owns && fromTemplate && settings?.Keys.Any(k => k.StartsWith("Grants:Database", StringComparison.Ordinal)
                                                         || k.StartsWith("Grants:ConnectionString", StringComparison.Ordinal)) != true)
        {
            await MigratedTemplate.CopyToAsync(directory);
        }
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = directory, DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Grants:DataDirectory"] = directory,
            ["Grants:WorkflowsPath"] = workflowsPath ?? RepositoryWorkflows,
            ["Grants:SeedDataPath"] = RepositoryPaths.Resolve(null, "seed-data", AppContext.BaseDirectory),
            ["Workflow:TimerPollSeconds"] = "1",
            ["Email:PollSeconds"] = "1",
            ["Email:RetryBaseSeconds"] = "1",
        });
        builder.Configuration.AddInMemoryCollection(TestDatabaseProvider.Settings(directory));
        if (settings is not null)
        {
            builder.Configuration.AddInMemoryCollection(settings);
        }
        builder.Services.AddLogging();
        builder.Services.AddCoreServices(builder.Configuration, directory);
        foreach (var group in FaultInjectionHandler.Covered.GroupBy(c => c.Kind))
        {
            builder.Services.AddSingleton<ITransitionHandler>(new FaultInjectionHandler(group.Key, group.Select(c => c.Trigger).ToArray()));
        }
        if (clock is not null)
        {
            builder.Services.Replace(ServiceDescriptor.Singleton<TimeProvider>(clock));
        }
        var result = new WorkflowTestHost(builder.Build(), directory, owns);
        try
        {
            await result.Services.GetRequiredService<DatabaseInitializer>().MigrateAsync();
            if (runStartup)
            {
                await result.Services.GetRequiredService<WorkflowStartup>().RunAsync();
                await result.Services.GetRequiredService<Core.Features.Audit.AuditStartup>().RunAsync();
            }
            return result;
        }
        catch
        {
            await result.DisposeAsync();
            throw;
        }
    }

    public GrantsDbContext Db() => Services.GetRequiredService<IDbContextFactory<GrantsDbContext>>().CreateDbContext();

    /// <summary>
    /// A context factory on this host's database with the app's own settings and <paramref name="configure"/>'s on top
    /// (a warning made an error, an interceptor); a model of its own, so its queries are compiled afresh whatever another
    /// test compiled before.
    /// </summary>
    public IDbContextFactory<GrantsDbContext> DbFactory(Func<DbContextOptionsBuilder, DbContextOptionsBuilder> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        var paths = Services.GetRequiredService<DataPaths>();
        var options = configure(GrantsDatabase.Configure(new DbContextOptionsBuilder<GrantsDbContext>(), paths.Provider, paths.ConnectionString)
            .UseApplicationServiceProvider(Services)).Options;
        return new Microsoft.EntityFrameworkCore.Infrastructure.PooledDbContextFactory<GrantsDbContext>((DbContextOptions<GrantsDbContext>)options);
    }

    public OutboxDispatcher Dispatcher => Services.GetRequiredService<OutboxDispatcher>();

    /// <summary>Starts the hosted services, i.e. the Quartz scheduler with its persistent store.</summary>
    public async Task StartSchedulerAsync()
    {
        await host.StartAsync();
        started = true;
    }

    public async Task StopAsync()
    {
        if (started)
        {
            await host.StopAsync();
            started = false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        host.Dispose();
        SqliteConnection.ClearAllPools();
        if (ownsDirectory)
        {
            DeleteDataFolder(Directory);
        }
    }

    /// <summary>
    /// Deletes a data folder a test made for hosts it opened on it itself (a restart), and on PostgreSQL the folder's
    /// database, which does not go with the folder (a host drops only a folder it made).
    /// </summary>
    public static void DeleteDataFolder(string directory)
    {
        TestDatabaseProvider.Drop(directory);
        TryDelete(directory);
    }

    public static void TryDelete(string directory)
    {
        try
        {
            System.IO.Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    /// <summary>Polls until <paramref name="condition"/> holds or the timeout passes; returns whether it held.</summary>
    public static async Task<bool> EventuallyAsync(Func<Task<bool>> condition, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var until = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < until)
        {
            if (await condition())
            {
                return true;
            }
            await Task.Delay(200);
        }
        return await condition();
    }
}
