using GrantsCommissioning.Core.Data;
using GrantsCommissioning.Core.Workflow;

namespace GrantsCommissioning.Web.Infrastructure;

/// <summary>What must succeed before the app takes requests: database, workflow definitions, seed data, demo sign-ins.</summary>
public sealed class StartupTasks(DatabaseInitializer database, WorkflowStartup workflows)
{
    public async Task RunAsync(IHostEnvironment environment, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(environment);
        await database.MigrateAsync(cancellationToken).ConfigureAwait(false);
        await workflows.RunAsync(cancellationToken).ConfigureAwait(false);
    }
}
