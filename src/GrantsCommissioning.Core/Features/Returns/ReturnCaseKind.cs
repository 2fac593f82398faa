using GrantsCommissioning.Core.Data;
using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Core.Workflow.Kinds;

namespace GrantsCommissioning.Core.Features.Returns;

public sealed class ReturnCaseKind : CaseKindBase<MonitoringReturn>
{
    public override CaseKind Kind => CaseKind.MonitoringReturn;

    public override string Name => "Monitoring return";

    public override string PagePath(int id) => $"/cases/returns/{id}";

    protected override async Task<CaseFacts> FactsAsync(GrantsDbContext db, MonitoringReturn c, CancellationToken ct)
    {
        var (organisationId, _, officer) = await AwardFactsAsync(db, c.AwardId, ct);
        return new CaseFacts(organisationId, false, null, c.DueDate, officer);
    }
}
