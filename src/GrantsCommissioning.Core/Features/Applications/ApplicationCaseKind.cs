using GrantsCommissioning.Core.Data;
using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Core.Workflow.Kinds;
using Microsoft.EntityFrameworkCore;

namespace GrantsCommissioning.Core.Features.Applications;

public sealed class ApplicationCaseKind : CaseKindBase<GrantApplication>
{
    public override CaseKind Kind => CaseKind.Application;

    public override string Name => "Application";

    public override string PagePath(int id) => $"/cases/applications/{id}";

    protected override async Task<CaseFacts> FactsAsync(GrantsDbContext db, GrantApplication c, CancellationToken ct)
    {
        var smallFund = await SmallFundOf.For(db)(db, c.RoundId, ct);
        return new CaseFacts(c.OrganisationId, smallFund, c.AmountRequested, null, SignificantPublicInterest: c.SignificantPublicInterest);
    }

    // Read by every transition of an application (each submission), so compiled.
    private static readonly CompiledPerModel<Func<GrantsDbContext, int, CancellationToken, Task<bool>>> SmallFundOf = new(() => EF.CompileAsyncQuery(
        (GrantsDbContext db, int roundId, CancellationToken ct) => db.Rounds.Where(r => r.Id == roundId).Select(r => r.Fund!.IsSmallFund).FirstOrDefault()));
}
