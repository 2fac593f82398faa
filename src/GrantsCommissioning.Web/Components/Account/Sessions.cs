using System.Security.Claims;
using GrantsCommissioning.Core.Data;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace GrantsCommissioning.Web.Components.Account;

/// <summary>
/// A sign-in lasts while the account's security stamp is the one in the cookie and the account is not disabled.
/// Checked on every request (one lookup by key), not every 30 minutes as Identity does by default: signing out, a
/// password change, a role removed or the account disabled changes the stamp, and must end every session at once.
/// </summary>
internal static class Sessions
{
    /// <summary>
    /// Whether the session of <paramref name="principal"/> is still good: its account exists and is not disabled, and its
    /// security stamp is the one the sign-in carries (read as two columns; the check every signed-in request makes).
    /// </summary>
    public static async Task<bool> IsCurrentAsync(IServiceProvider services, ClaimsPrincipal? principal, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(services);
        var claims = services.GetRequiredService<IOptions<IdentityOptions>>().Value.ClaimsIdentity;
        if (principal?.FindFirstValue(claims.UserIdClaimType) is not { } userId
            || principal.FindFirstValue(claims.SecurityStampClaimType) is not { } stamp)
        {
            return false;
        }
        return await services.GetRequiredService<AccountSessions>().IsCurrentAsync(userId, stamp, ct);
    }

    /// <summary>The application cookie's OnValidatePrincipal.</summary>
    public static async Task ValidatePrincipalAsync(CookieValidatePrincipalContext context)
    {
        var services = context.HttpContext.RequestServices;
        if (!await IsCurrentAsync(services, context.Principal, context.HttpContext.RequestAborted))
        {
            context.RejectPrincipal();
            await services.GetRequiredService<SignInManager<ApplicationUser>>().SignOutAsync();
        }
    }

    /// <summary>Signs the person out everywhere: the stamp changes, so any copy of the cookie stops working too.</summary>
    public static async Task SignOutEverywhereAsync(SignInManager<ApplicationUser> signIn, ClaimsPrincipal principal)
    {
        ArgumentNullException.ThrowIfNull(signIn);
        if (await IsCurrentAsync(signIn.Context.RequestServices, principal) && await signIn.UserManager.GetUserAsync(principal) is { } user)
        {
            await signIn.UserManager.UpdateSecurityStampAsync(user);
        }
        await signIn.SignOutAsync();
    }
}
