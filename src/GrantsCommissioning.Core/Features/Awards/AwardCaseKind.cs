using GrantsCommissioning.Core.Data;
using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Core.Workflow.Kinds;
using Microsoft.EntityFrameworkCore;

namespace GrantsCommissioning.Core.Features.Awards;

public sealed class AwardCaseKind : CaseKindBase<Award>
{
    public override CaseKind Kind => CaseKind.Award;

    public override string Name => "Award";

    public override string PagePath(int id) => $"/cases/awards/{id}";

    /// <summary>The amount a decision on the award (a variation) is limited by, unless the request names another, is the award's.</summary>
    protected override async Task<CaseFacts> FactsAsync(GrantsDbContext db, Award c, CancellationToken ct)
    {
        var smallFund = await db.Funds.Where(f => f.Id == c.FundId).Select(f => f.IsSmallFund).FirstOrDefaultAsync(ct);
        return new CaseFacts(c.OrganisationId, smallFund, c.Amount, null, c.OfficerUserId);
    }
}
