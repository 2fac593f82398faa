using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace GrantsCommissioning.Core.Data;

public static class IdentityStores
{
    /// <summary>Identity's users, roles, keys and passkeys kept in the application's database.</summary>
    public static IdentityBuilder AddGrantsStores(this IdentityBuilder builder) => builder.AddEntityFrameworkStores<GrantsDbContext>();
}
