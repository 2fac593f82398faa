using GrantsCommissioning.Core.Data;
using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Core.Workflow;
using GrantsCommissioning.Core.Workflow.Kinds;
using Microsoft.EntityFrameworkCore;

namespace GrantsCommissioning.Core.Features.Awards;

public sealed class AwardCaseKind : CaseKindBase<Award>
{
    public override CaseKind Kind => CaseKind.Award;

    public override string Name => "Award";

    public override string PagePath(int id) => $"/cases/awards/{id}";

    /// <summary>
    /// The amount a decision on the award is limited by, unless the request names another: a pending virement's amount
    /// (the Scheme of Delegation weighs the money moved), otherwise the award's.
    /// </summary>
    protected override async Task<CaseFacts> FactsAsync(GrantsDbContext db, Award c, CancellationToken ct)
    {
        var smallFund = await db.Funds.Where(f => f.Id == c.FundId).Select(f => f.IsSmallFund).FirstOrDefaultAsync(ct);
        var virement = c.State == AwardStates.VariationRequested
            ? await db.AwardChangeRequests.Where(r => r.AwardId == c.Id && r.Status == ChangeRequestStatus.Pending && r.Kind == ChangeRequestKind.BudgetVirement)
                .Select(r => (long?)r.AmountPence).FirstOrDefaultAsync(ct)
            : null;
        return new CaseFacts(c.OrganisationId, smallFund, virement is { } moved ? new Money(moved) : c.Amount, null, c.OfficerUserId);
    }
}
