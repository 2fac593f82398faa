using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;

namespace GrantsCommissioning.Core.Data;

/// <summary>
/// One data-protection key ring for every node, in the app's own database (SQLite or PostgreSQL): a cookie or
/// antiforgery token written by one node is read by another, and survives restarts and redeploys to another folder.
/// Here in Core, beside <see cref="GrantsDbContext"/>, so the web project reaches the database only through Core.
/// </summary>
public static class SharedKeyRing
{
    public static IDataProtectionBuilder AddSharedKeyRing(this IServiceCollection services) =>
        services.AddDataProtection()
            .SetApplicationName("GrantsCommissioning")
            .PersistKeysToDbContext<GrantsDbContext>();
}
