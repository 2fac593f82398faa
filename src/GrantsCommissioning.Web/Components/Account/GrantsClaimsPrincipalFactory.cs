using System.Security.Claims;
using GrantsCommissioning.Core.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace GrantsCommissioning.Web.Components.Account;

/// <summary>
/// Adds the person's full name to the sign-in cookie, so what they do is recorded under their name (decision notices,
/// history, audit, invitation emails) rather than their email address.
/// </summary>
internal sealed class GrantsClaimsPrincipalFactory(
    UserManager<ApplicationUser> userManager, RoleManager<IdentityRole> roleManager, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<ApplicationUser, IdentityRole>(userManager, roleManager, options)
{
    public const string FullNameClaim = "grants:full_name";

    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(ApplicationUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var identity = await base.GenerateClaimsAsync(user);
        if (!string.IsNullOrWhiteSpace(user.DisplayName))
        {
            identity.AddClaim(new Claim(FullNameClaim, user.DisplayName.Trim()));
        }
        return identity;
    }
}
