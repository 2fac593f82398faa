using GrantsCommissioning.Core.Configuration;
using GrantsCommissioning.Core.Data;
using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Core.Features.Audit;
using GrantsCommissioning.Core.Features.Seeding;
using GrantsCommissioning.Core.Workflow;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace GrantsCommissioning.Web.Infrastructure;

/// <summary>What must succeed before the app takes requests: database, workflow definitions, seed data, demo sign-ins.</summary>
public sealed class StartupTasks(
    DatabaseInitializer database, WorkflowStartup workflows, AuditStartup audit, SeedLoader seeds, IServiceScopeFactory scopes, IOptions<GrantsOptions> options, ILogger<StartupTasks> logger)
{
    public DemoSignIns? DemoSignIns { get; private set; }

    /// <summary>The demo staff members' authenticator keys by email address (Development with demo data only).</summary>
    public IReadOnlyDictionary<string, string> DemoAuthenticatorKeys { get; private set; } = new Dictionary<string, string>();

    public async Task RunAsync(IHostEnvironment environment, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var phases = new StartupPhases();
        // The definition files are read and deserialised on another core while the database is opened and migrated; the
        // database's problems are still reported first.
        var definitions = Task.Run(() => workflows.ReadDefinitionsAsync(cancellationToken), cancellationToken);
        await phases.TimeAsync("database", () => database.MigrateAsync(cancellationToken));
        await phases.TimeAsync("workflow definitions", () => workflows.RunAsync(definitions, cancellationToken));
        await phases.TimeAsync("audit chain", () => audit.RunAsync(cancellationToken));
        await using var scope = scopes.CreateAsyncScope();
        await phases.TimeAsync("roles", () => EnsureRolesAsync(scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>()));
        await phases.TimeAsync("reference data", () => seeds.LoadReferenceDataAsync(cancellationToken));

        if (options.Value.LoadDemoData && environment.IsDevelopment())
        {
            await phases.TimeAsync("demo data", async () =>
            {
                DemoSignIns = seeds.ReadDemoSignIns();
                DemoAuthenticatorKeys = await new DemoUsers(scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>(),
                    scope.ServiceProvider.GetRequiredService<IOptions<PasswordHasherOptions>>()).EnsureAsync(DemoSignIns);
                await seeds.LoadDemoDataAsync(cancellationToken);
            });
        }
        else if (options.Value.LoadDemoData)
        {
            logger.LogWarning("Grants:LoadDemoData is ignored outside the Development environment; no demo data or sign-ins were created.");
        }
        logger.LogInformation("Start-up tasks took {Total}: {Phases}.", phases.Total, phases);
    }

    private static async Task EnsureRolesAsync(RoleManager<IdentityRole> roles)
    {
        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                var result = await roles.CreateAsync(new IdentityRole(role));
                if (!result.Succeeded)
                {
                    throw new InvalidOperationException($"Could not create role {role}: {string.Join("; ", result.Errors.Select(e => e.Description))}");
                }
            }
        }
    }
}

/// <summary>How long each start-up task took, for the log line an administrator reads when start-up is slow.</summary>
internal sealed class StartupPhases
{
    private readonly List<(string Name, TimeSpan Took)> phases = [];

    public string Total => Seconds(phases.Aggregate(TimeSpan.Zero, (sum, p) => sum + p.Took));

    public async Task TimeAsync(string name, Func<Task> phase)
    {
        var start = System.Diagnostics.Stopwatch.GetTimestamp();
        await phase();
        phases.Add((name, System.Diagnostics.Stopwatch.GetElapsedTime(start)));
    }

    public override string ToString() => string.Join(", ", phases.Select(p => $"{p.Name} {Seconds(p.Took)}"));

    private static string Seconds(TimeSpan took) => took.TotalSeconds.ToString("0.00 s", System.Globalization.CultureInfo.InvariantCulture);
}
