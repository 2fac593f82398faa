using GrantsCommissioning.Core.Configuration;
using GrantsCommissioning.Core.Data;
using GrantsCommissioning.Core.Features;
using GrantsCommissioning.Core.Workflow;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace GrantsCommissioning.Core;

public static class CoreServiceCollectionExtensions
{
    /// <summary>Registers the database, options and every Core service. <paramref name="contentRoot"/> anchors relative paths.</summary>
    public static IServiceCollection AddCoreServices(this IServiceCollection services, IConfiguration configuration, string contentRoot)
    {
        services.AddOptions<GrantsOptions>()
            .BindSettings(configuration, GrantsOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<GrantsOptions>, GrantsOptionsValidator>();
        services.AddSingleton(sp => new DataPaths(sp.GetRequiredService<IOptions<GrantsOptions>>().Value, contentRoot));
        services.AddSingleton(TimeProvider.System);

        // Pooled: a request's contexts reuse a built instance (and its internal service scope) instead of constructing
        // one each time; GrantsDbContext keeps no state of its own beyond what EF resets on return to the pool.
        services.AddPooledDbContextFactory<GrantsDbContext>((sp, options) =>
        {
            var paths = sp.GetRequiredService<DataPaths>();
            options.UseSqlite(paths.ConnectionString, sqlite => sqlite.MigrationsAssembly(typeof(GrantsDbContext).Assembly.FullName))
                .AddInterceptors(new SqlitePragmas())
                .AddInterceptors(sp.GetRequiredService<PublicDataChanges>().Interceptors);
        });
        services.AddSingleton<Features.Public.PublicDataVersion>();
        services.AddSingleton<Features.Public.PublicDataCache>();
        services.AddSingleton<PublicDataChanges>();
        services.AddScoped(sp => sp.GetRequiredService<IDbContextFactory<GrantsDbContext>>().CreateDbContext());
        // The Identity schema (with passkeys) is part of the model, so it must be the same with or without the web host.
        services.Configure<IdentityOptions>(o => o.Stores.SchemaVersion = IdentitySchemaVersions.Version3);

        services.AddSingleton<DatabaseInitializer>();
        services.AddWorkflowRuntime(configuration);
        services.AddFeatureServices(configuration);
        return services;
    }
}

/// <summary>Absolute locations derived from <see cref="GrantsOptions"/> and the content root.</summary>
public sealed class DataPaths
{
    public DataPaths(GrantsOptions options, string contentRoot)
    {
        ArgumentNullException.ThrowIfNull(options);
        DataDirectory = Path.GetFullPath(Path.Combine(contentRoot, options.DataDirectory));
        ConnectionString = string.IsNullOrWhiteSpace(options.ConnectionString)
            ? new SqliteConnectionStringBuilder { DataSource = Path.Combine(DataDirectory, "grants.db"), Pooling = true, DefaultTimeout = 30 }.ToString()
            : options.ConnectionString;
        SeedDataPath = new Lazy<string>(() => RepositoryPaths.Resolve(options.SeedDataPath, "seed-data", contentRoot));
        WorkflowsPath = new Lazy<string>(() => RepositoryPaths.Resolve(options.WorkflowsPath, "workflows", contentRoot));
    }

    public string DataDirectory { get; }
    public string ConnectionString { get; }
    public Lazy<string> SeedDataPath { get; }
    public Lazy<string> WorkflowsPath { get; }
    public string DatabaseFile => new SqliteConnectionStringBuilder(ConnectionString).DataSource;

    /// <summary>The folder holding the database file; null for an in-memory database.</summary>
    public string? DatabaseFolder
    {
        get
        {
            var builder = new SqliteConnectionStringBuilder(ConnectionString);
            var inMemory = builder.Mode == SqliteOpenMode.Memory || builder.DataSource == ":memory:"
                || builder.DataSource.Contains("mode=memory", StringComparison.OrdinalIgnoreCase);
            return inMemory ? null : Path.GetDirectoryName(Path.GetFullPath(builder.DataSource));
        }
    }
}

internal sealed class GrantsOptionsValidator : IValidateOptions<GrantsOptions>
{
    public ValidateOptionsResult Validate(string? name, GrantsOptions options)
    {
        if (!string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            try
            {
                var builder = new SqliteConnectionStringBuilder(options.ConnectionString);
                if (string.IsNullOrWhiteSpace(builder.DataSource))
                {
                    return ValidateOptionsResult.Fail("Grants:ConnectionString has no Data Source.");
                }
            }
            catch (ArgumentException ex)
            {
                return ValidateOptionsResult.Fail($"Grants:ConnectionString is not a valid SQLite connection string: {ex.Message}");
            }
        }
        if (string.IsNullOrWhiteSpace(options.DataDirectory) || options.DataDirectory.IndexOfAny(Path.GetInvalidPathChars()) >= 0)
        {
            return ValidateOptionsResult.Fail("Grants:DataDirectory must be a folder path.");
        }
        return ValidateOptionsResult.Success;
    }
}
