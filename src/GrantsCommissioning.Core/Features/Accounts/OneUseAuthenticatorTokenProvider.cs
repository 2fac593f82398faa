using GrantsCommissioning.Core.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace GrantsCommissioning.Core.Features.Accounts;

/// <summary>
/// Identity's authenticator check (codes from 2 steps either side of now), except that each code works once: the time
/// step it belongs to is recorded on the user, and a code from that step or an earlier one is refused. The record is a
/// conditional update, so two requests racing with the same code cannot both win.
/// </summary>
public sealed class OneUseAuthenticatorTokenProvider(GrantsDbContext db, TimeProvider time) : IUserTwoFactorTokenProvider<ApplicationUser>
{
    private const int StepsEitherSide = 2;

    public async Task<bool> CanGenerateTwoFactorTokenAsync(UserManager<ApplicationUser> manager, ApplicationUser user)
    {
        ArgumentNullException.ThrowIfNull(manager);
        return !string.IsNullOrWhiteSpace(await manager.GetAuthenticatorKeyAsync(user));
    }

    // The app on the person's phone makes the codes; there is nothing to send.
    public Task<string> GenerateAsync(string purpose, UserManager<ApplicationUser> manager, ApplicationUser user) => Task.FromResult(string.Empty);

    public async Task<bool> ValidateAsync(string purpose, string token, UserManager<ApplicationUser> manager, ApplicationUser user)
    {
        ArgumentNullException.ThrowIfNull(manager);
        ArgumentNullException.ThrowIfNull(user);
        var key = await manager.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrWhiteSpace(key) || token is not { Length: 6 } || !token.All(char.IsAsciiDigit))
        {
            return false;
        }
        var now = Totp.StepAt(time.GetUtcNow());
        var steps = Enumerable.Range(-StepsEitherSide, 2 * StepsEitherSide + 1).Select(i => now + i);
        if (steps.Where(s => Totp.Code(key, s) == token).Select(s => (long?)s).FirstOrDefault() is not { } step)
        {
            return false;
        }
        var userId = user.Id;
        var recorded = await db.Users
            .Where(u => u.Id == userId && (u.LastAuthenticatorStep == null || u.LastAuthenticatorStep < step))
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.LastAuthenticatorStep, step));
        if (recorded == 0)
        {
            return false;
        }
        user.LastAuthenticatorStep = step;
        return true;
    }
}
