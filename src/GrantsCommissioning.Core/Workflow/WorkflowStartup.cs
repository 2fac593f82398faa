using GrantsCommissioning.Core.Data;
using GrantsCommissioning.Core.Email;
using GrantsCommissioning.Core.Workflow.Definitions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace GrantsCommissioning.Core.Workflow;

/// <summary>
/// Run once at start-up after migrations: checks the Email and Workflow settings, then validates, hashes and
/// registers every workflow definition. Throws <see cref="StartupException"/> or <see cref="OptionsValidationException"/>
/// with a message naming the file or setting.
/// </summary>
public sealed class WorkflowStartup(
    IDbContextFactory<GrantsDbContext> factory, WorkflowRegistry registry, IOptions<EmailOptions> email,
    IOptions<WorkflowOptions> workflow, QuartzDatabase quartz)
{
    public async Task RunAsync(CancellationToken cancellationToken = default) =>
        await RunAsync(ReadDefinitionsAsync(cancellationToken), cancellationToken);

    /// <summary>
    /// Reads the definition files, which needs no database: the app's start-up runs it on another thread while the
    /// database is opened, then hands the task to <see cref="RunAsync(Task{IReadOnlyList{DefinitionFile}}, CancellationToken)"/>.
    /// </summary>
    public Task<IReadOnlyList<DefinitionFile>> ReadDefinitionsAsync(CancellationToken cancellationToken = default) =>
        registry.ReadFilesAsync(cancellationToken);

    /// <summary>The settings are checked first, as before any definition problem is reported.</summary>
    public async Task RunAsync(Task<IReadOnlyList<DefinitionFile>> definitions, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(definitions);
        _ = email.Value;
        _ = workflow.Value;
        quartz.EnsureFolder();
        var files = await definitions;
        var db = await factory.CreateDbContextAsync(cancellationToken);
        await using (db)
        {
            await registry.LoadAsync(db, files, cancellationToken);
        }
    }
}

/// <summary>
/// Where Quartz keeps its tables: on SQLite a sibling SQLite file, so its locking never waits on case transactions; on
/// PostgreSQL the app's own database (Quartz's row locks, not the app's write lock), shared by every node.
/// </summary>
public sealed class QuartzDatabase(DataPaths paths, IOptions<WorkflowOptions> options)
{
    /// <summary>Whether Quartz's tables are in the app's PostgreSQL database (clustered), read before the container is built.</summary>
    public static bool IsShared(Microsoft.Extensions.Configuration.IConfiguration configuration) =>
        Enum.TryParse<Configuration.DatabaseProvider>(configuration?[$"{Configuration.GrantsOptions.SectionName}:Database:Provider"], ignoreCase: true, out var provider)
        && provider == Configuration.DatabaseProvider.Postgres;

    public string ConnectionString => string.IsNullOrWhiteSpace(options.Value.QuartzConnectionString)
        ? new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder { DataSource = Path.Combine(paths.DataDirectory, "quartz.db"), DefaultTimeout = 30 }.ToString()
        : options.Value.QuartzConnectionString;

    public void EnsureFolder()
    {
        if (paths.Provider == Configuration.DatabaseProvider.Postgres)
        {
            return;
        }
        var file = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(ConnectionString).DataSource;
        var folder = Path.GetDirectoryName(Path.GetFullPath(file));
        try
        {
            Directory.CreateDirectory(folder!);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new StartupException($"Workflow:QuartzConnectionString: cannot create the folder '{folder}' ({ex.Message}).", ex);
        }
    }
}
