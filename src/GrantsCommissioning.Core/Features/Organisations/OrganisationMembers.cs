using GrantsCommissioning.Core.Data;
using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Core.Features.Audit;
using GrantsCommissioning.Core.Workflow;
using Microsoft.EntityFrameworkCore;

namespace GrantsCommissioning.Core.Features.Organisations;

/// <summary>
/// Owners managing the people who can act for their organisation: changing a member's role and removing a member or an
/// invitation. Each change is audited, and none may leave the organisation without an owner who has signed in.
/// </summary>
public sealed class OrganisationMembers(IDbContextFactory<GrantsDbContext> factory, AuditTrail audit)
{
    private static readonly Func<OrganisationMember, bool> SignedInOwner = OrganisationService.IsSignedInOwner.Compile();

    /// <summary>The member as an owner of the organisation sees them; null for anyone else (the page answers 404).</summary>
    public async Task<MemberView?> GetAsync(int organisationId, int memberId, Actor actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var db = await factory.CreateDbContextAsync(ct);
        await using (db)
        {
            if (await OrganisationService.RoleOfAsync(db, organisationId, actor, ct) != OrganisationRole.Owner)
            {
                return null;
            }
            return await db.OrganisationMembers.AsNoTracking().Where(m => m.Id == memberId && m.OrganisationId == organisationId)
                .Select(m => new MemberView(m.Id, m.Email, m.Role, m.UserId != null)).SingleOrDefaultAsync(ct);
        }
    }

    public Task<FeatureResult<int>> ChangeRoleAsync(int organisationId, int memberId, string? role, Actor actor, CancellationToken ct = default) =>
        ChangeAsync(organisationId, memberId, actor, (db, member) =>
        {
            if (!OrganisationService.TryParseRole(role, out var newRole))
            {
                return Task.FromResult<(string, object, object?)?>(null);
            }
            var before = OrganisationAudit.Member(member);
            member.Role = newRole;
            return Task.FromResult<(string, object, object?)?>((OrganisationAudit.RoleChangedAction, before, OrganisationAudit.Member(member)));
        }, ct);

    public Task<FeatureResult<int>> RemoveAsync(int organisationId, int memberId, Actor actor, CancellationToken ct = default) =>
        ChangeAsync(organisationId, memberId, actor, (db, member) =>
        {
            db.OrganisationMembers.Remove(member);
            return Task.FromResult<(string, object, object?)?>((OrganisationAudit.RemovedAction, OrganisationAudit.Member(member), null));
        }, ct);

    private async Task<FeatureResult<int>> ChangeAsync(int organisationId, int memberId, Actor actor,
        Func<GrantsDbContext, OrganisationMember, Task<(string Action, object Before, object? After)?>> change, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var db = await factory.CreateDbContextAsync(ct);
        await using (db)
        {
            var tx = await db.Database.BeginTransactionAsync(ct);
            await using (tx)
            {
                var role = await OrganisationService.RoleOfAsync(db, organisationId, actor, ct);
                var member = role is null ? null
                    : await db.OrganisationMembers.SingleOrDefaultAsync(m => m.Id == memberId && m.OrganisationId == organisationId, ct);
                if (member is null)
                {
                    return FeatureResult<int>.Fail(new NotFound("person", "They may have been removed already."));
                }
                if (role != OrganisationRole.Owner)
                {
                    return FeatureResult<int>.Fail(new OwnerOnly("change who can act for it"));
                }
                var done = await change(db, member);
                if (done is not { } d)
                {
                    return FeatureResult<int>.Fail(new ChooseRole());
                }
                // Tracked rows come back as changed above (a removed one marked Deleted), so this sees the result.
                var members = await db.OrganisationMembers.Where(m => m.OrganisationId == organisationId).ToListAsync(ct);
                if (!members.Where(m => db.Entry(m).State != EntityState.Deleted).Any(SignedInOwner))
                {
                    return FeatureResult<int>.Fail(new LastOwner());
                }
                await audit.AppendAsync(db, actor, d.Action, organisationId, d.Before, d.After, ct);
                await db.SaveChangesAsync(ct);
                await tx.CommitAsync(ct);
                return FeatureResult<int>.Ok(member.Id);
            }
        }
    }
}
