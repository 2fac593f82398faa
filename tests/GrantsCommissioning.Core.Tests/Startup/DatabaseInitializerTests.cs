using System.Collections.Concurrent;
using GrantsCommissioning.Core.Data;
using GrantsCommissioning.TestCommon.Fixtures;
using GrantsCommissioning.TestCommon.Workflow;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace GrantsCommissioning.Core.Tests.Startup;

/// <summary>
/// The start-up's migration step, on the database the tests run on: a database not created yet, or created with no
/// tables, gets every migration; one some migrations behind (an office upgrading) gets the rest, and the log says how
/// many; a migrated one (every restart) gets none.
/// </summary>
public sealed class DatabaseInitializerTests : IDisposable
{
    private readonly string directory = Path.Combine(Path.GetTempPath(), "gc-migrate-" + Guid.NewGuid().ToString("N"));
    private readonly ServiceProvider services;
    private readonly LogMessages log = new();

    public DatabaseInitializerTests()
    {
        var settings = new Dictionary<string, string?> { ["Grants:DataDirectory"] = directory };
        foreach (var (key, value) in TestDatabaseProvider.Settings(directory))
        {
            settings[key] = value;
        }
        var collection = new ServiceCollection();
        collection.AddLogging();
        collection.AddCoreServices(new ConfigurationBuilder().AddInMemoryCollection(settings).Build(), Path.GetTempPath());
        services = collection.BuildServiceProvider();
    }

    /// <summary>Not created yet: a new SQLite file, or a PostgreSQL database that does not exist. With no tables: created by an administrator, say, before the first start.</summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Migrate_ANewDatabase_AppliesEveryMigration(bool createdWithNoTables)
    {
        if (createdWithNoTables)
        {
            Directory.CreateDirectory(directory);
            await using var db = await Factory.CreateDbContextAsync();
            await db.GetService<IRelationalDatabaseCreator>().CreateAsync();
        }

        await Initializer().MigrateAsync();

        var (all, applied) = await MigrationsAsync();
        Assert.Equal(all, applied);
        Assert.StartsWith($"Applying {all.Count} migration(s) to ", Assert.Single(log.All), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Migrate_ADatabaseOnlyAtItsFirstMigration_AppliesTheOthersAndSaysHowMany()
    {
        Directory.CreateDirectory(directory);
        var (all, _) = await MigrationsAsync();
        await using (var db = await Factory.CreateDbContextAsync())
        {
            await db.GetService<IMigrator>().MigrateAsync(all[0]);
        }

        await Initializer().MigrateAsync();

        var (_, applied) = await MigrationsAsync();
        Assert.Equal(all, applied);
        Assert.StartsWith($"Applying {all.Count - 1} migration(s) to ", Assert.Single(log.All), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Migrate_AMigratedDatabase_AppliesNothing()
    {
        await Initializer().MigrateAsync();
        log.Clear();

        await Initializer().MigrateAsync();

        var (all, applied) = await MigrationsAsync();
        Assert.Equal(all, applied);
        Assert.Empty(log.All);
    }

    public void Dispose()
    {
        services.Dispose();
        SqliteConnection.ClearAllPools();
        WorkflowTestHost.DeleteDataFolder(directory);
    }

    private IDbContextFactory<GrantsDbContext> Factory => services.GetRequiredService<IDbContextFactory<GrantsDbContext>>();

    private DatabaseInitializer Initializer() => new(Factory, services.GetRequiredService<DataPaths>(), log);

    /// <summary>The code's migrations, and those the database's history table lists, as EF Core reads them.</summary>
    private async Task<(List<string> All, List<string> Applied)> MigrationsAsync()
    {
        await using var db = await Factory.CreateDbContextAsync();
        var all = db.Database.GetMigrations().ToList();
        var applied = await db.GetService<IHistoryRepository>().ExistsAsync()
            ? (await db.Database.GetAppliedMigrationsAsync()).ToList()
            : [];
        return (all, applied);
    }

    private sealed class LogMessages : ILogger<DatabaseInitializer>
    {
        private readonly ConcurrentQueue<string> messages = new();

        public IReadOnlyList<string> All => [.. messages];

        public void Clear() => messages.Clear();

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            messages.Enqueue(formatter(state, exception));
    }
}
