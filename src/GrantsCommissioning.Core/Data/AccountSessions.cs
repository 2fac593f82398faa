using Microsoft.EntityFrameworkCore;

namespace GrantsCommissioning.Core.Data;

/// <summary>
/// The check behind every signed-in request: the account exists, is not disabled, and its security stamp is the one the
/// sign-in carries. One narrow compiled query by key (two columns, not tracked): Identity's user lookup reads and tracks
/// the whole row through the query pipeline, which was a seventh of the submit path's CPU.
/// </summary>
public sealed class AccountSessions(GrantsDbContext db)
{
    private static readonly CompiledPerModel<Func<GrantsDbContext, string, CancellationToken, Task<AccountStamp?>>> StampOf = new(() => EF.CompileAsyncQuery(
        (GrantsDbContext db, string userId, CancellationToken ct) => db.Users.AsNoTracking()
            .Where(u => u.Id == userId)
            .Select(u => new AccountStamp(u.IsDisabled, u.SecurityStamp))
            .FirstOrDefault()));

    public async Task<bool> IsCurrentAsync(string userId, string securityStamp, CancellationToken ct = default) =>
        await StampOf.For(db)(db, userId, ct) is { IsDisabled: false } account && account.SecurityStamp == securityStamp;

    private sealed record AccountStamp(bool IsDisabled, string? SecurityStamp);
}
