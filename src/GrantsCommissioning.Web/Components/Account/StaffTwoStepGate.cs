using System.Security.Claims;
using GrantsCommissioning.Core.Data;
using GrantsCommissioning.Core.Domain;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Identity;

namespace GrantsCommissioning.Web.Components.Account;

/// <summary>
/// Staff must use two-step verification: a signed-in member of staff without it is taken to set it up before any
/// page or endpoint that needs a sign-in, except the account pages (to set it up, or sign out). Public pages stay open.
/// </summary>
internal sealed class StaffTwoStepGate : IAuthorizationMiddlewareResultHandler
{
    public const string SetUpPath = "/Account/Manage/EnableAuthenticator";

    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public static bool IsStaff(ClaimsPrincipal user) => Roles.Staff.Any(user.IsInRole);

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (authorizeResult.Succeeded && IsStaff(context.User) && !context.Request.Path.StartsWithSegments("/Account", StringComparison.OrdinalIgnoreCase)
            && !await HasTwoStepAsync(context))
        {
            context.Response.Redirect(SetUpPath);
            return;
        }
        await _default.HandleAsync(next, context, policy, authorizeResult);
    }

    private static async Task<bool> HasTwoStepAsync(HttpContext context)
    {
        var users = context.RequestServices.GetRequiredService<UserManager<ApplicationUser>>();
        return await users.GetUserAsync(context.User) is { } user && await users.GetTwoFactorEnabledAsync(user);
    }
}
