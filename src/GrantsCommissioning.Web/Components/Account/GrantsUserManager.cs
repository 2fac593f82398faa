using GrantsCommissioning.Core.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace GrantsCommissioning.Web.Components.Account;

/// <summary>
/// Identity's UserManager, except that taking a role away, locking an account by hand or disabling it changes the
/// security stamp, so the person's open sessions end at their next request (Identity leaves them working), and a
/// first authenticator key does not.
/// </summary>
internal sealed class GrantsUserManager(
    IUserStore<ApplicationUser> store, IOptions<IdentityOptions> optionsAccessor, IPasswordHasher<ApplicationUser> passwordHasher,
    IEnumerable<IUserValidator<ApplicationUser>> userValidators, IEnumerable<IPasswordValidator<ApplicationUser>> passwordValidators,
    ILookupNormalizer keyNormalizer, IdentityErrorDescriber errors, IServiceProvider services, ILogger<UserManager<ApplicationUser>> logger)
    : UserManager<ApplicationUser>(store, optionsAccessor, passwordHasher, userValidators, passwordValidators, keyNormalizer, errors, services, logger)
{
    public override async Task<IdentityResult> RemoveFromRoleAsync(ApplicationUser user, string role) =>
        await ThenNewStampAsync(user, await base.RemoveFromRoleAsync(user, role));

    public override async Task<IdentityResult> RemoveFromRolesAsync(ApplicationUser user, IEnumerable<string> roles) =>
        await ThenNewStampAsync(user, await base.RemoveFromRolesAsync(user, roles));

    // Failed sign-ins lock through the store, not here, so a stranger's wrong guesses do not end the owner's sessions.
    public override async Task<IdentityResult> SetLockoutEndDateAsync(ApplicationUser user, DateTimeOffset? lockoutEnd) =>
        await ThenNewStampAsync(user, await base.SetLockoutEndDateAsync(user, lockoutEnd));

    // A first key replaces none, so there is no earlier sign-in to end; Identity changes the stamp all the same, which
    // would end the session of someone who merely opens the set-up page.
    public override async Task<IdentityResult> ResetAuthenticatorKeyAsync(ApplicationUser user)
    {
        if (!string.IsNullOrEmpty(await GetAuthenticatorKeyAsync(user)))
        {
            return await base.ResetAuthenticatorKeyAsync(user);
        }
        await ((IUserAuthenticatorKeyStore<ApplicationUser>)Store).SetAuthenticatorKeyAsync(user, GenerateNewAuthenticatorKey(), CancellationToken);
        return await UpdateAsync(user);
    }

    /// <summary>Disables the account: no sign-in (locked with no end), no email from the workflow, and its sessions end.</summary>
    public async Task<IdentityResult> DisableAsync(ApplicationUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        user.IsDisabled = true;
        var enabled = await SetLockoutEnabledAsync(user, true);
        return enabled.Succeeded ? await SetLockoutEndDateAsync(user, DateTimeOffset.MaxValue) : enabled;
    }

    private async Task<IdentityResult> ThenNewStampAsync(ApplicationUser user, IdentityResult result) =>
        result.Succeeded ? await UpdateSecurityStampAsync(user) : result;
}
