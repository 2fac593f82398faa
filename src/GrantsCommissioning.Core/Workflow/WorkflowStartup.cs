using GrantsCommissioning.Core.Data;
using GrantsCommissioning.Core.Email;
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
    public async Task RunAsync(CancellationToken cancellationToken = default)
    {
        _ = email.Value;
        _ = workflow.Value;
        quartz.EnsureFolder();
        var db = await factory.CreateDbContextAsync(cancellationToken);
        await using (db)
        {
            await registry.LoadAsync(db, cancellationToken);
        }
    }
}

/// <summary>Where Quartz keeps its tables: a sibling SQLite file, so its locking never waits on case transactions.</summary>
public sealed class QuartzDatabase(DataPaths paths, IOptions<WorkflowOptions> options)
{
    public string ConnectionString => string.IsNullOrWhiteSpace(options.Value.QuartzConnectionString)
        ? new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder { DataSource = Path.Combine(paths.DataDirectory, "quartz.db"), DefaultTimeout = 30 }.ToString()
        : options.Value.QuartzConnectionString;

    public void EnsureFolder()
    {
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
