using FluentValidation;
using GrantsCommissioning.Core.Data;
using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Core.Features.Audit;
using GrantsCommissioning.Core.Workflow;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace GrantsCommissioning.Core.Features.Staff;

/// <summary>
/// The administrator's staff accounts: invite, change roles, disable and enable, reset a lost second factor, close.
/// Every change is one transaction with its audit row; a change that takes anything away (a role, the account, the
/// second factor) gives the account a new security stamp, so its open sessions end on their next request.
/// An administrator never disables or closes their own account, and the last active administrator keeps the role.
/// </summary>
public sealed class StaffAdministration(
    IDbContextFactory<GrantsDbContext> factory, AuditTrail audit, IValidator<StaffInviteInput> inviteValidator,
    IValidator<StaffRolesInput> rolesValidator, TimeProvider clock)
{
    public const string EntityType = "StaffAccount";

    public async Task<StaffPage> ListAsync(string? text, StaffSort sort, bool descending, int skip, int take, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var staffRoleIds = db.Roles.Where(r => Roles.Staff.Contains(r.Name!)).Select(r => r.Id);
        var query = db.Users.AsNoTracking().Where(u => db.UserRoles.Any(ur => ur.UserId == u.Id && staffRoleIds.Contains(ur.RoleId)));
        if (!string.IsNullOrWhiteSpace(text))
        {
            // Case-insensitive on every provider (SQLite's LIKE ignores ASCII case, PostgreSQL's does not).
            var words = text.Trim().ToUpperInvariant();
            query = query.Where(u => u.DisplayName.ToUpper().Contains(words) || u.Email!.ToUpper().Contains(words));
        }
        var total = await query.CountAsync(ct);
        var ordered = (sort, descending) switch
        {
            (StaffSort.LastSignIn, false) => query.OrderBy(u => u.LastSignInAt == null).ThenBy(u => u.LastSignInAt),
            (StaffSort.LastSignIn, true) => query.OrderBy(u => u.LastSignInAt == null).ThenByDescending(u => u.LastSignInAt),
            (_, true) => query.OrderByDescending(u => u.DisplayName),
            _ => query.OrderBy(u => u.DisplayName),
        };
        var users = await ordered.ThenBy(u => u.Id).Skip(Math.Max(0, skip)).Take(Math.Clamp(take, 1, 200)).ToListAsync(ct);
        return new StaffPage(await RowsAsync(db, users, ct), total);
    }

    /// <summary>A staff account and its history; null for an id that is not a staff account (an applicant's included).</summary>
    public async Task<StaffDetail?> GetAsync(string userId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        if (await StaffRowAsync(db, userId, ct) is not { } row)
        {
            return null;
        }
        var changes = await Changes(db, userId).Take(RecentChanges).ToListAsync(ct);
        var changeCount = changes.Count < RecentChanges ? changes.Count : await Changes(db, userId).CountAsync(ct);
        var memberships = await db.OrganisationMembers.CountAsync(m => m.UserId == userId, ct);
        return new StaffDetail(row, changes, changeCount, memberships);
    }

    /// <summary>How many of an account's latest changes its page lists; the rest are in its download.</summary>
    public const int RecentChanges = 50;

    /// <summary>Every change to a staff account, newest first, a page at a time; null for an id that is not a staff account.</summary>
    public async Task<StaffChangePage?> ChangesAsync(string userId, int skip, int take, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        if (await StaffRowAsync(db, userId, ct) is not { } row)
        {
            return null;
        }
        var changes = await Changes(db, userId).Skip(Math.Max(0, skip)).Take(Math.Clamp(take, 1, 200)).ToListAsync(ct);
        return new StaffChangePage(row, changes, await Changes(db, userId).CountAsync(ct));
    }

    /// <summary>The account's row; null for an unknown id or an account with no staff role.</summary>
    private static async Task<StaffRow?> StaffRowAsync(GrantsDbContext db, string userId, CancellationToken ct)
    {
        var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == userId, ct);
        return user is null ? null : (await RowsAsync(db, [user], ct)).Single() is { Roles.Count: > 0 } row ? row : null;
    }

    /// <summary>The administrative changes to one staff account, newest first, from the audit log.</summary>
    private static IQueryable<StaffChange> Changes(GrantsDbContext db, string userId) =>
        db.AuditLog.AsNoTracking().Where(a => a.EntityType == EntityType && a.EntityId == userId)
            .OrderByDescending(a => a.Id).Select(a => new StaffChange(a.OccurredAt, a.ActorName, a.Action));

    /// <summary>Creates the account (no password yet) with its roles; the caller sends the invitation link once this succeeds.</summary>
    public async Task<FeatureResult<ApplicationUser>> InviteAsync(StaffInviteInput input, Actor admin, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (!IsAdministrator(admin))
        {
            return FeatureResult<ApplicationUser>.Fail(new NotAllowed("invite staff"));
        }
        var validation = await inviteValidator.ValidateAsync(input, ct);
        if (!validation.IsValid)
        {
            return FeatureResult<ApplicationUser>.Invalid(validation);
        }
        var email = input.Email!.Trim();
        var normalised = email.ToUpperInvariant();
        return await WriteAsync<ApplicationUser>(async db =>
        {
            if (await db.Users.AnyAsync(u => u.NormalizedEmail == normalised, ct))
            {
                return FeatureResult<ApplicationUser>.Fail(new EmailInUse(email));
            }
            var user = new ApplicationUser
            {
                UserName = email, NormalizedUserName = normalised, Email = email, NormalizedEmail = normalised,
                EmailConfirmed = true, DisplayName = input.Name!.Trim(), JobTitle = Blank(input.JobTitle), SecurityStamp = NewStamp(),
                ConcurrencyStamp = NewStamp(), LockoutEnabled = true,
            };
            db.Users.Add(user);
            var roles = input.Roles.Distinct().ToList();
            await SetRolesAsync(db, user.Id, roles, ct);
            await audit.AppendAsync(db, admin, "Staff.Invited", EntityType, user.Id, null, new { email, name = user.DisplayName, roles }, ct);
            return FeatureResult<ApplicationUser>.Ok(user);
        }, ct);
    }

    /// <summary>The account, when it is staff, still invited (no password yet) and enabled: the invitation may be sent again.</summary>
    public async Task<ApplicationUser?> InvitedAsync(string userId, Actor admin, CancellationToken ct = default)
    {
        if (!IsAdministrator(admin) || await GetAsync(userId, ct) is not { Member: { Invited: true, Disabled: false } })
        {
            return null;
        }
        await using var db = await factory.CreateDbContextAsync(ct);
        var user = await db.Users.AsNoTracking().SingleAsync(u => u.Id == userId, ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await audit.AppendAsync(db, admin, "Staff.InvitationResent", EntityType, userId, null, null, ct);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return user;
    }

    public Task<FeatureResult<bool>> SetRolesAsync(string userId, StaffRolesInput input, Actor admin, CancellationToken ct = default) =>
        ChangeAsync(userId, admin, "change the roles of", async (db, user, before) =>
        {
            var validation = await rolesValidator.ValidateAsync(input, ct);
            if (!validation.IsValid)
            {
                return FeatureResult<bool>.Invalid(validation);
            }
            var roles = input.Roles.Distinct().Order(StringComparer.Ordinal).ToList();
            if (before.Roles.Contains(Roles.Administrator) && !roles.Contains(Roles.Administrator) && await IsLastAdministratorAsync(db, userId, ct))
            {
                return FeatureResult<bool>.Fail(new LastAdministrator());
            }
            await SetRolesAsync(db, userId, roles, ct);
            user.SecurityStamp = NewStamp();
            await audit.AppendAsync(db, admin, "Staff.RolesChanged", EntityType, userId, new { roles = before.Roles }, new { roles }, ct);
            return FeatureResult<bool>.Ok(true);
        }, ct);

    /// <summary>Sign-in refused and every open session ended at once; the workflow stops emailing the account.</summary>
    public Task<FeatureResult<bool>> DisableAsync(string userId, Actor admin, CancellationToken ct = default) =>
        ChangeAsync(userId, admin, "disable", async (db, user, before) =>
        {
            if (user.Id == admin.UserId)
            {
                return FeatureResult<bool>.Fail(new OwnAccount("disable"));
            }
            if (user.IsDisabled)
            {
                return FeatureResult<bool>.Ok(true);
            }
            if (before.Roles.Contains(Roles.Administrator) && await IsLastAdministratorAsync(db, userId, ct))
            {
                return FeatureResult<bool>.Fail(new LastAdministrator());
            }
            (user.IsDisabled, user.LockoutEnabled, user.LockoutEnd, user.SecurityStamp) = (true, true, DateTimeOffset.MaxValue, NewStamp());
            await audit.AppendAsync(db, admin, "Staff.Disabled", EntityType, userId, null, null, ct);
            return FeatureResult<bool>.Ok(true);
        }, ct);

    public Task<FeatureResult<bool>> EnableAsync(string userId, Actor admin, CancellationToken ct = default) =>
        ChangeAsync(userId, admin, "enable", async (db, user, _) =>
        {
            if (!user.IsDisabled)
            {
                return FeatureResult<bool>.Ok(true);
            }
            (user.IsDisabled, user.LockoutEnd, user.AccessFailedCount) = (false, null, 0);
            await audit.AppendAsync(db, admin, "Staff.Enabled", EntityType, userId, null, null, ct);
            return FeatureResult<bool>.Ok(true);
        }, ct);

    /// <summary>Removes the authenticator and recovery codes; the person sets up a new authenticator at their next sign-in.</summary>
    public Task<FeatureResult<bool>> ResetTwoFactorAsync(string userId, Actor admin, CancellationToken ct = default) =>
        ChangeAsync(userId, admin, "reset the second factor of", async (db, user, _) =>
        {
            if (user.Id == admin.UserId)
            {
                return FeatureResult<bool>.Fail(new OwnAccount("reset the second factor of"));
            }
            await db.UserTokens.Where(t => t.UserId == userId).ExecuteDeleteAsync(ct);
            (user.TwoFactorEnabled, user.LastAuthenticatorStep, user.SecurityStamp) = (false, null, NewStamp());
            await audit.AppendAsync(db, admin, "Staff.TwoFactorReset", EntityType, userId, null, null, ct);
            return FeatureResult<bool>.Ok(true);
        }, ct);

    /// <summary>Deletes the account and its sign-in data; the records the person made keep their name as it was when they acted.</summary>
    public Task<FeatureResult<bool>> CloseAsync(string userId, Actor admin, CancellationToken ct = default) =>
        ChangeAsync(userId, admin, "close", async (db, user, before) =>
        {
            if (user.Id == admin.UserId)
            {
                return FeatureResult<bool>.Fail(new OwnAccount("close"));
            }
            if (before.Roles.Contains(Roles.Administrator) && await IsLastAdministratorAsync(db, userId, ct))
            {
                return FeatureResult<bool>.Fail(new LastAdministrator());
            }
            if (await db.OrganisationMembers.CountAsync(m => m.UserId == userId, ct) is > 0 and var count)
            {
                return FeatureResult<bool>.Fail(new StaffHasMemberships(count));
            }
            db.Users.Remove(user);
            await audit.AppendAsync(db, admin, "Staff.Closed", EntityType, userId,
                new { email = user.Email, name = user.DisplayName, roles = before.Roles }, null, ct);
            return FeatureResult<bool>.Ok(true);
        }, ct);

    /// <summary>Records a successful sign-in (called by the sign-in manager).</summary>
    public async Task SignedInAsync(string userId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var now = clock.GetUtcNow();
        await db.Users.Where(u => u.Id == userId).ExecuteUpdateAsync(s => s.SetProperty(u => u.LastSignInAt, now), ct);
    }

    private static bool IsAdministrator(Actor actor) => actor.IsInRole(Roles.Administrator);

    private Task<FeatureResult<bool>> ChangeAsync(
        string userId, Actor admin, string action, Func<GrantsDbContext, ApplicationUser, StaffRow, Task<FeatureResult<bool>>> change, CancellationToken ct)
    {
        if (!IsAdministrator(admin))
        {
            return Task.FromResult(FeatureResult<bool>.Fail(new NotAllowed(action + " staff accounts")));
        }
        return WriteAsync<bool>(async db =>
        {
            var user = await db.Users.FirstOrDefaultAsync(u => u.Id == userId, ct);
            var before = user is null ? null : (await RowsAsync(db, [user], ct)).Single();
            if (user is null || before!.Roles.Count == 0)
            {
                return FeatureResult<bool>.Fail(new NotFound("staff account"));
            }
            return await change(db, user, before);
        }, ct);
    }

    private Task<FeatureResult<T>> WriteAsync<T>(Func<GrantsDbContext, Task<FeatureResult<T>>> write, CancellationToken ct) =>
        factory.InTransactionAsync(write, ct);

    private static async Task SetRolesAsync(GrantsDbContext db, string userId, IReadOnlyList<string> roles, CancellationToken ct)
    {
        var roleIds = await db.Roles.Where(r => roles.Contains(r.Name!)).Select(r => r.Id).ToListAsync(ct);
        var staffRoleIds = await db.Roles.Where(r => Roles.Staff.Contains(r.Name!)).Select(r => r.Id).ToListAsync(ct);
        var current = await db.UserRoles.Where(ur => ur.UserId == userId && staffRoleIds.Contains(ur.RoleId)).ToListAsync(ct);
        db.UserRoles.RemoveRange(current.Where(ur => !roleIds.Contains(ur.RoleId)));
        db.UserRoles.AddRange(roleIds.Where(id => current.All(ur => ur.RoleId != id)).Select(id => new IdentityUserRole<string> { UserId = userId, RoleId = id }));
    }

    private static async Task<bool> IsLastAdministratorAsync(GrantsDbContext db, string userId, CancellationToken ct)
    {
        var adminRole = await db.Roles.Where(r => r.Name == Roles.Administrator).Select(r => r.Id).SingleAsync(ct);
        return !await db.UserRoles.AnyAsync(ur => ur.RoleId == adminRole && ur.UserId != userId
            && db.Users.Any(u => u.Id == ur.UserId && !u.IsDisabled), ct);
    }

    private static async Task<IReadOnlyList<StaffRow>> RowsAsync(GrantsDbContext db, IReadOnlyList<ApplicationUser> users, CancellationToken ct)
    {
        var ids = users.Select(u => u.Id).ToList();
        var roles = await (from ur in db.UserRoles
                           join r in db.Roles on ur.RoleId equals r.Id
                           where ids.Contains(ur.UserId) && Roles.Staff.Contains(r.Name!)
                           select new { ur.UserId, r.Name }).ToListAsync(ct);
        return users.Select(u => new StaffRow(
                u.Id, u.DisplayName, u.Email ?? "", roles.Where(r => r.UserId == u.Id).Select(r => r.Name!).OrderBy(Roles.Staff.ToList().IndexOf).ToList(),
                u.IsDisabled, u.PasswordHash is null, u.TwoFactorEnabled, u.LastSignInAt))
            .ToList();
    }

    private static string NewStamp() => Guid.NewGuid().ToString("N").ToUpperInvariant();

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
