using GrantsCommissioning.Core.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace GrantsCommissioning.Web.Components.Account;

/// <summary>
/// Identity's SignInManager, except that signing in answers the same, and takes as long, whether or not the address
/// has an account and whether or not it is confirmed: an unknown address has its password hashed all the same, and an
/// unconfirmed account is told to confirm its address only when the password is right.
/// </summary>
internal sealed class GrantsSignInManager(
    UserManager<ApplicationUser> userManager, IHttpContextAccessor contextAccessor, IUserClaimsPrincipalFactory<ApplicationUser> claimsFactory,
    IOptions<IdentityOptions> optionsAccessor, ILogger<SignInManager<ApplicationUser>> logger, IAuthenticationSchemeProvider schemes,
    IUserConfirmation<ApplicationUser> confirmation, Core.Features.Staff.StaffAdministration staff)
    : SignInManager<ApplicationUser>(userManager, contextAccessor, claimsFactory, optionsAccessor, logger, schemes, confirmation)
{
    // Computed once, with the same hasher and iteration count as real accounts, so checking against it costs the same.
    private static string? s_dummyHash;

    public override async Task<SignInResult> PasswordSignInAsync(string userName, string password, bool isPersistent, bool lockoutOnFailure)
    {
        if (await UserManager.FindByNameAsync(userName) is { } user)
        {
            return await PasswordSignInAsync(user, password, isPersistent, lockoutOnFailure);
        }
        var nobody = new ApplicationUser();
        s_dummyHash ??= UserManager.PasswordHasher.HashPassword(nobody, Guid.NewGuid().ToString());
        UserManager.PasswordHasher.VerifyHashedPassword(nobody, s_dummyHash, password);
        return SignInResult.Failed;
    }

    /// <summary>Every completed sign-in (with the second step, for staff) records when, for the administrator's staff list.</summary>
    public override async Task SignInWithClaimsAsync(ApplicationUser user, AuthenticationProperties? authenticationProperties, IEnumerable<System.Security.Claims.Claim> additionalClaims)
    {
        ArgumentNullException.ThrowIfNull(user);
        await base.SignInWithClaimsAsync(user, authenticationProperties, additionalClaims);
        await staff.SignedInAsync(user.Id);
    }

    public override async Task<SignInResult> CheckPasswordSignInAsync(ApplicationUser user, string password, bool lockoutOnFailure)
    {
        ArgumentNullException.ThrowIfNull(user);
        // Identity refuses an unconfirmed account before it looks at the password, which would tell anyone who tries an
        // address that it has an account; here a wrong password is a wrong password first.
        if (!await CanSignInAsync(user) && !await UserManager.CheckPasswordAsync(user, password))
        {
            if (lockoutOnFailure && UserManager.SupportsUserLockout)
            {
                await UserManager.AccessFailedAsync(user);
            }
            return SignInResult.Failed;
        }
        return await base.CheckPasswordSignInAsync(user, password, lockoutOnFailure);
    }
}
