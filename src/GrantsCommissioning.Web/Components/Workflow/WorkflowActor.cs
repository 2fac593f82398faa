using System.Security.Claims;
using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Core.Workflow;

namespace GrantsCommissioning.Web.Components.Workflow;

/// <summary>The workflow <see cref="Actor"/> for a signed-in user, named by their full name.</summary>
public static class WorkflowActor
{
    public static Actor? From(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var id = user.FindFirstValue(ClaimTypes.NameIdentifier);
        if (user.Identity?.IsAuthenticated != true || string.IsNullOrEmpty(id))
        {
            return null;
        }
        var roles = Roles.All.Where(user.IsInRole).ToArray();
        // The full name (a cookie issued before it was added falls back to the sign-in name, the email address).
        var name = user.FindFirstValue(Account.GrantsClaimsPrincipalFactory.FullNameClaim) ?? user.Identity.Name ?? id;
        return Actor.For(id, name, roles);
    }
}
