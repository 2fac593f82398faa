using GrantsCommissioning.Core;
using GrantsCommissioning.Core.Data;
using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Core.Features.Seeding;
using Microsoft.AspNetCore.Identity;

namespace GrantsCommissioning.Web.Infrastructure;

/// <summary>
/// Creates the demo sign-ins (Development only); existing accounts are left as they are, except that demo staff
/// always have two-step verification, as all staff must.
/// </summary>
internal sealed class DemoUsers(UserManager<ApplicationUser> users, Microsoft.Extensions.Options.IOptions<PasswordHasherOptions> hashing)
{
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> s_passwordHashes = new(StringComparer.Ordinal);

    /// <summary>Creates the demo users and returns each demo staff member's authenticator key, by email address.</summary>
    public async Task<IReadOnlyDictionary<string, string>> EnsureAsync(DemoSignIns signIns)
    {
        var keys = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var demo in signIns.Users)
        {
            var user = await users.FindByEmailAsync(demo.Email) ?? await CreateAsync(demo, signIns.Password);
            if (demo.Roles.Any(Roles.Staff.Contains))
            {
                keys[demo.Email] = await EnsureTwoStepAsync(user);
            }
        }
        return keys;
    }

    private async Task<ApplicationUser> CreateAsync(DemoSignIn demo, string password)
    {
        var user = new ApplicationUser
        {
            UserName = demo.Email, Email = demo.Email, EmailConfirmed = true, DisplayName = demo.Name, JobTitle = demo.JobTitle,
        };
        // The demo accounts share one published password: it is checked by the password rules for each account, and hashed
        // (600,000 PBKDF2 iterations, about a third of a CPU-second) once per process rather than once per account; the cache
        // is keyed by the iteration count too, so a host configured with another count never gets a hash made with this one.
        var created = IdentityResult.Success;
        foreach (var validator in users.PasswordValidators)
        {
            created = await validator.ValidateAsync(users, user, password);
            if (!created.Succeeded)
            {
                break;
            }
        }
        if (created.Succeeded)
        {
            user.PasswordHash = s_passwordHashes.GetOrAdd($"{hashing.Value.IterationCount}:{password}", _ => users.PasswordHasher.HashPassword(user, password));
            created = await users.CreateAsync(user);
        }
        if (created.Succeeded)
        {
            created = await users.AddToRolesAsync(user, demo.Roles);
        }
        return created.Succeeded ? user
            : throw new StartupException($"Seed file seed-data/demo/users.json: user {demo.Email} could not be created: {string.Join("; ", created.Errors.Select(e => e.Description))}");
    }

    private async Task<string> EnsureTwoStepAsync(ApplicationUser user)
    {
        if (!await users.GetTwoFactorEnabledAsync(user) || string.IsNullOrEmpty(await users.GetAuthenticatorKeyAsync(user)))
        {
            await users.ResetAuthenticatorKeyAsync(user);
            await users.SetTwoFactorEnabledAsync(user, true);
        }
        return (await users.GetAuthenticatorKeyAsync(user))!;
    }
}
