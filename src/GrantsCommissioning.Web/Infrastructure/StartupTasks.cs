using GrantsCommissioning.Core.Data;

namespace GrantsCommissioning.Web.Infrastructure;

/// <summary>What must succeed before the app takes requests: database, workflow definitions, seed data, demo sign-ins.</summary>
public sealed class StartupTasks(DatabaseInitializer database)
{
    public async Task RunAsync(IHostEnvironment environment, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(environment);
        await database.MigrateAsync(cancellationToken).ConfigureAwait(false);
    }
}
