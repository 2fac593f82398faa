using System.Security.Claims;
using GrantsCommissioning.Core.Workflow;
using GrantsCommissioning.Web.Components.Workflow;
using Microsoft.AspNetCore.Components;

namespace GrantsCommissioning.Web.Components.Pages.Cases;

/// <summary>What the four case pages share: the signed-in actor, and one 404 for a case that is missing or not theirs to see.</summary>
internal static class CasePage
{
    public static Actor ActorOf(ClaimsPrincipal user) =>
        WorkflowActor.From(user) ?? throw new InvalidOperationException("Case pages need a signed-in user.");

    public static void NotFoundIfMissing(NavigationManager navigation, object? found)
    {
        ArgumentNullException.ThrowIfNull(navigation);
        if (found is null)
        {
            navigation.NotFound();
        }
    }
}
