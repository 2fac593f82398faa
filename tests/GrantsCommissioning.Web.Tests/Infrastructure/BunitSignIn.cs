using System.Security.Claims;
using Bunit;
using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Core.Workflow;
using Microsoft.AspNetCore.Components;

namespace GrantsCommissioning.Web.Tests.Infrastructure;

/// <summary>Signs a grants officer in to a bUnit context, as the pages read them (name, role, user id), on an interactive renderer.</summary>
internal static class BunitSignIn
{
    public static void SignInAsOfficer(this BunitContext context, Actor officer)
    {
        var auth = context.AddAuthorization();
        auth.SetAuthorized(officer.DisplayName);
        auth.SetRoles(Roles.GrantsOfficer);
        auth.SetClaims(new Claim(ClaimTypes.NameIdentifier, officer.UserId));
        context.SetRendererInfo(new RendererInfo("Server", isInteractive: true));
    }
}
