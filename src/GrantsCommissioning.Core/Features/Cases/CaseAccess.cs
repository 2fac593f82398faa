using GrantsCommissioning.Core.Data;
using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Core.Workflow;
using Microsoft.EntityFrameworkCore;

namespace GrantsCommissioning.Core.Features.Cases;

/// <summary>
/// Who sees which case and its documents. Panel members read reports and figures, not cases; an assessor sees only
/// the applications assigned to them once they have declared no conflict (not those they returned or were recused from); bank details, even masked, are for
/// Finance only. Everyone else on the staff side works on every case.
/// </summary>
public static class CaseAccess
{
    public static readonly IReadOnlyList<string> CaseWorkers = [Roles.GrantsOfficer, Roles.DecisionMaker, Roles.Commissioner, Roles.Finance, Roles.Administrator];

    /// <summary>The roles that may open a case page at all (the page's policy); assessors are then narrowed per case.</summary>
    public static readonly IReadOnlyList<string> CasePageRoles = [.. CaseWorkers, Roles.Assessor];

    public static bool WorksOnEveryCase(Actor actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return CaseWorkers.Any(actor.IsInRole);
    }

    public static bool SeesBankDetails(Actor actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return actor.IsInRole(Roles.Finance);
    }

    public static async Task<bool> MaySeeApplicationAsync(GrantsDbContext db, int applicationId, Actor actor, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        return WorksOnEveryCase(actor) || (actor.IsInRole(Roles.Assessor)
            && await db.Assessments.AnyAsync(s => s.ApplicationId == applicationId && s.AssessorUserId == actor.UserId && s.HasConflict == false && s.ReturnedAt == null, ct));
    }
}
