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
using Npgsql;

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
            GrantsDatabase.Configure(options, paths.Provider, paths.ConnectionString)
                .AddInterceptors(sp.GetRequiredService<PublicDataChanges>().Interceptors);
        });
        services.AddSingleton<Features.Public.PublicDataVersion>();
        services.AddSingleton<Features.Public.PublicDataCache>();
        services.AddSingleton<PublicDataChanges>();
        services.AddScoped(sp => sp.GetRequiredService<IDbContextFactory<GrantsDbContext>>().CreateDbContext());
        services.AddScoped<AccountSessions>();
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
        Provider = options.Database.Provider;
        var configured = string.IsNullOrWhiteSpace(options.Database.ConnectionString) ? options.ConnectionString : options.Database.ConnectionString;
        ConnectionString = Provider == DatabaseProvider.Postgres || !string.IsNullOrWhiteSpace(configured)
            ? configured ?? ""
            : new SqliteConnectionStringBuilder { DataSource = Path.Combine(DataDirectory, "grants.db"), Pooling = true, DefaultTimeout = 30 }.ToString();
        SeedDataPath = new Lazy<string>(() => RepositoryPaths.Resolve(options.SeedDataPath, "seed-data", contentRoot));
        WorkflowsPath = new Lazy<string>(() => RepositoryPaths.Resolve(options.WorkflowsPath, "workflows", contentRoot));
    }

    public string DataDirectory { get; }
    public DatabaseProvider Provider { get; }
    public string ConnectionString { get; }
    public Lazy<string> SeedDataPath { get; }
    public Lazy<string> WorkflowsPath { get; }
    /// <summary>Where the database is, for messages: the SQLite file, or PostgreSQL's host and database (never the password).</summary>
    public string DatabaseDescription
    {
        get
        {
            if (Provider != DatabaseProvider.Postgres)
            {
                return new SqliteConnectionStringBuilder(ConnectionString).DataSource;
            }
            var pg = new NpgsqlConnectionStringBuilder(ConnectionString);
            return $"PostgreSQL database '{pg.Database ?? pg.Username}' on {pg.Host}:{pg.Port}";
        }
    }

    /// <summary>The folder holding the SQLite database file; null for an in-memory database or PostgreSQL.</summary>
    public string? DatabaseFolder
    {
        get
        {
            if (Provider == DatabaseProvider.Postgres)
            {
                return null;
            }
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
        if (options.Database.Provider == DatabaseProvider.Postgres)
        {
            if (string.IsNullOrWhiteSpace(options.Database.ConnectionString))
            {
                return ValidateOptionsResult.Fail("Grants:Database:ConnectionString is required when Grants:Database:Provider is Postgres.");
            }
            try
            {
                var builder = new NpgsqlConnectionStringBuilder(options.Database.ConnectionString);
                if (string.IsNullOrWhiteSpace(builder.Host))
                {
                    return ValidateOptionsResult.Fail("Grants:Database:ConnectionString has no Host.");
                }
            }
            catch (Exception ex) when (ex is ArgumentException or FormatException or InvalidCastException)
            {
                return ValidateOptionsResult.Fail($"Grants:Database:ConnectionString is not a valid PostgreSQL connection string: {ex.Message}");
            }
        }
        else if (!string.IsNullOrWhiteSpace(options.Database.ConnectionString ?? options.ConnectionString))
        {
            var setting = string.IsNullOrWhiteSpace(options.Database.ConnectionString) ? "Grants:ConnectionString" : "Grants:Database:ConnectionString";
            var connectionString = string.IsNullOrWhiteSpace(options.Database.ConnectionString) ? options.ConnectionString : options.Database.ConnectionString;
            try
            {
                var builder = new SqliteConnectionStringBuilder(connectionString);
                if (string.IsNullOrWhiteSpace(builder.DataSource))
                {
                    return ValidateOptionsResult.Fail($"{setting} has no Data Source.");
                }
            }
            catch (ArgumentException ex)
            {
                return ValidateOptionsResult.Fail($"{setting} is not a valid SQLite connection string: {ex.Message}");
            }
        }
        if (string.IsNullOrWhiteSpace(options.DataDirectory) || options.DataDirectory.IndexOfAny(Path.GetInvalidPathChars()) >= 0)
        {
            return ValidateOptionsResult.Fail("Grants:DataDirectory must be a folder path.");
        }
        return ValidateOptionsResult.Success;
    }
}
