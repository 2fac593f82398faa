using System.Security.Claims;
using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Core.Workflow;

namespace GrantsCommissioning.Web.Components.Workflow;

/// <summary>The workflow <see cref="Actor"/> for a signed-in user.</summary>
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
        return Actor.For(id, user.Identity.Name ?? id, roles);
    }
}
