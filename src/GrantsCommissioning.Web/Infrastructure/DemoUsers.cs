using GrantsCommissioning.Core;
using GrantsCommissioning.Core.Data;
using GrantsCommissioning.Core.Features.Seeding;
using Microsoft.AspNetCore.Identity;

namespace GrantsCommissioning.Web.Infrastructure;

/// <summary>Creates the demo sign-ins (Development only); existing accounts are left as they are.</summary>
internal sealed class DemoUsers(UserManager<ApplicationUser> users)
{
    public async Task EnsureAsync(DemoSignIns signIns)
    {
        foreach (var demo in signIns.Users)
        {
            if (await users.FindByEmailAsync(demo.Email).ConfigureAwait(false) is not null)
            {
                continue;
            }
            var user = new ApplicationUser
            {
                UserName = demo.Email, Email = demo.Email, EmailConfirmed = true, DisplayName = demo.Name, JobTitle = demo.JobTitle,
            };
            var created = await users.CreateAsync(user, signIns.Password).ConfigureAwait(false);
            if (created.Succeeded)
            {
                created = await users.AddToRolesAsync(user, demo.Roles).ConfigureAwait(false);
            }
            if (!created.Succeeded)
            {
                throw new StartupException($"Seed file seed-data/demo/users.json: user {demo.Email} could not be created: {string.Join("; ", created.Errors.Select(e => e.Description))}");
            }
        }
    }
}
