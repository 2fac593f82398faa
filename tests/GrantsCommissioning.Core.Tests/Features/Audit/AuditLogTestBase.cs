using System.Globalization;
using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Core.Features.Audit;
using GrantsCommissioning.Core.Workflow;
using GrantsCommissioning.TestCommon.Fixtures;
using GrantsCommissioning.TestCommon.Workflow;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GrantsCommissioning.Core.Tests.Features.Audit;

/// <summary>
/// Each test has its own database, because tampering needs the append-only triggers dropped first: the test plays an
/// attacker with direct access to the file (DROP TRIGGER, then UPDATE or DELETE), which the verifier must catch.
/// </summary>
public abstract class AuditLogTestBase : IAsyncLifetime
{
    protected WorkflowTestHost Host { get; private set; } = null!;

    public async Task InitializeAsync() => Host = await WorkflowTestHost.CreateAsync();

    public async Task DisposeAsync() => await Host.DisposeAsync();

    protected AuditVerifier Verifier => Host.Services.GetRequiredService<AuditVerifier>();

    /// <summary>Rows in transactions of up to 50 rows, each transaction one SaveChanges, as the app writes them.</summary>
    protected async Task AppendAsync(int count)
    {
        var trail = Host.Services.GetRequiredService<AuditTrail>();
        var actor = Actor.For("officer-1", "Gina Officer", Roles.GrantsOfficer);
        for (var start = 1; start <= count; start += 50)
        {
            using var db = Host.Db();
            await using var tx = await db.Database.BeginTransactionAsync();
            for (var i = start; i < Math.Min(start + 50, count + 1); i++)
            {
                await trail.AppendAsync(db, actor, "Payment.Authorise", "Payment", i.ToString(CultureInfo.InvariantCulture),
                    new { state = "Ready", version = 1 }, new { state = "Authorised", version = 2, amountPence = 250_000 });
            }
            await db.SaveChangesAsync();
            await tx.CommitAsync();
        }
    }

    /// <summary>The attacker's first step, in the dialect of the database the tests run on.</summary>
    protected static string DropTrigger(string name) => TestDatabaseProvider.IsPostgres
        ? $"DROP TRIGGER \"{name}\" ON \"AuditLog\"; "
        : $"DROP TRIGGER {name}; ";

    protected async Task TamperAsync(string sql)
    {
        using var db = Host.Db();
        await db.Database.ExecuteSqlRawAsync(sql);
    }
}
