using GrantsCommissioning.Core.Data;
using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Core.Features.Audit;
using GrantsCommissioning.Core.Features.Organisations;
using GrantsCommissioning.Core.Workflow;
using Microsoft.EntityFrameworkCore;

namespace GrantsCommissioning.Core.Features.Accounts;

/// <summary>
/// An applicant closing their own account. The account, its sign-in data and its organisation memberships go; the
/// grant records it touched stay (they are the OPCC's records, and name the person as they were when they acted).
/// An account is kept while closing it would leave an organisation with no one to run it, or while it is a staff account.
/// </summary>
public sealed class AccountClosure(IDbContextFactory<GrantsDbContext> factory, AuditTrail audit)
{
    public const string ClosedAction = "Account.Closed";

    /// <summary>Why the account cannot be closed now, one sentence each; empty when it can.</summary>
    public async Task<IReadOnlyList<string>> BlockersAsync(string userId, CancellationToken ct = default)
    {
        var db = await factory.CreateDbContextAsync(ct);
        await using (db)
        {
            return await BlockersAsync(db, userId, ct);
        }
    }

    /// <summary>Closes <paramref name="actor"/>'s own account, re-checking the blockers in the same write transaction.</summary>
    public async Task<FeatureResult<bool>> CloseAsync(Actor actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var db = await factory.CreateDbContextAsync(ct);
        await using (db)
        {
            var tx = await db.Database.BeginTransactionAsync(ct);
            await using (tx)
            {
                var user = await db.Users.SingleOrDefaultAsync(u => u.Id == actor.UserId, ct);
                if (user is null)
                {
                    return FeatureResult<bool>.Fail(new AccountGone());
                }
                var blockers = await BlockersAsync(db, user.Id, ct);
                if (blockers.Count > 0)
                {
                    return FeatureResult<bool>.Fail(new ClosureBlocked(blockers[0]));
                }
                var memberships = await db.OrganisationMembers.Where(m => m.UserId == user.Id).Include(m => m.Organisation).ToListAsync(ct);
                // Removed, not left behind without a user: a membership with only an email address is an open
                // invitation, which would hand the organisation to whoever next registers that address.
                db.OrganisationMembers.RemoveRange(memberships);
                await audit.AppendAsync(db, actor, ClosedAction, "User", user.Id,
                    new { Organisations = memberships.Select(m => $"{m.Organisation!.Name} ({m.Role})").Order(StringComparer.Ordinal).ToList() }, null, ct)
                    ;
                db.Users.Remove(user);
                await db.SaveChangesAsync(ct);
                await tx.CommitAsync(ct);
                return FeatureResult<bool>.Ok(true);
            }
        }
    }

    private static async Task<IReadOnlyList<string>> BlockersAsync(GrantsDbContext db, string userId, CancellationToken ct)
    {
        var blockers = new List<string>();
        var staffRoles = await (from ur in db.UserRoles
                                join r in db.Roles on ur.RoleId equals r.Id
                                where ur.UserId == userId && r.Name != Roles.Applicant
                                select r.Name).ToListAsync(ct);
        if (staffRoles.Count > 0)
        {
            blockers.Add("Staff accounts are closed by the system administrator, so the decisions and records made with them stay with a named person. Ask the administrator to close yours.");
        }
        var owned = await db.OrganisationMembers.AsNoTracking().Where(m => m.UserId == userId && m.Role == OrganisationRole.Owner)
            .Select(m => new { m.OrganisationId, m.Organisation!.Name }).ToListAsync(ct);
        var ownedIds = owned.Select(o => o.OrganisationId).ToList();
        var runByOthers = await db.OrganisationMembers.AsNoTracking().Where(OrganisationService.IsSignedInOwner)
            .Where(m => ownedIds.Contains(m.OrganisationId) && m.UserId != userId).Select(m => m.OrganisationId).Distinct().ToListAsync(ct);
        var soleOwnerOf = owned.Where(o => !runByOthers.Contains(o.OrganisationId)).Select(o => o.Name);
        blockers.AddRange(soleOwnerOf.Order(StringComparer.OrdinalIgnoreCase).Select(name =>
            $"You are the only owner of {name}. Invite someone else as an owner and wait until they have signed in, or ask the grants team, before you close your account."));
        return blockers;
    }
}
