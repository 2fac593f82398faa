using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.Identity;
using GrantsCommissioning.Core.Data;

namespace GrantsCommissioning.Web.Components.Account;

/// <summary>
/// Re-checks an interactive circuit's sign-in (security stamp, not disabled) every 30 seconds, so a role removed, a
/// password changed or a sign-out elsewhere ends a staff page that stays open; requests are checked each time anyway.
/// </summary>
internal sealed class IdentityRevalidatingAuthenticationStateProvider(ILoggerFactory loggerFactory, IServiceScopeFactory scopeFactory)
    : RevalidatingServerAuthenticationStateProvider(loggerFactory)
{
    protected override TimeSpan RevalidationInterval => TimeSpan.FromSeconds(30);

    protected override async Task<bool> ValidateAuthenticationStateAsync(AuthenticationState authenticationState, CancellationToken cancellationToken)
    {
        // A new scope, so the account is read as it is now.
        await using var scope = scopeFactory.CreateAsyncScope();
        return await Sessions.IsCurrentAsync(scope.ServiceProvider, authenticationState.User, cancellationToken);
    }
}
