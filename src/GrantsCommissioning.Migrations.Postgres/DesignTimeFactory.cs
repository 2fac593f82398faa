using GrantsCommissioning.Core.Configuration;
using GrantsCommissioning.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace GrantsCommissioning.Migrations.Postgres;

/// <summary>
/// Lets `dotnet ef migrations add` build the PostgreSQL model without a server (tools/add-migration.sh): the same options
/// as at run time with Grants:Database:Provider = Postgres. No connection is opened to add a migration.
/// </summary>
public sealed class DesignTimeFactory : IDesignTimeDbContextFactory<GrantsDbContext>
{
    public GrantsDbContext CreateDbContext(string[] args)
    {
        // The Identity schema version is read from the application's services, as AddCoreServices sets it (with passkeys).
        var services = new ServiceCollection()
            .Configure<IdentityOptions>(o => o.Stores.SchemaVersion = IdentitySchemaVersions.Version3)
            .BuildServiceProvider();
        var options = new DbContextOptionsBuilder<GrantsDbContext>().UseApplicationServiceProvider(services);
        GrantsDatabase.Configure(options, DatabaseProvider.Postgres, "Host=localhost;Database=grants_design_time");
        return new GrantsDbContext(options.Options);
    }
}
