using GrantsCommissioning.Core.Data;
using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Core.Workflow.Kinds;
using Microsoft.EntityFrameworkCore;

namespace GrantsCommissioning.Core.Features.DecisionNotices;

public sealed class DecisionNoticeCaseKind : CaseKindBase<DecisionNotice>
{
    public override CaseKind Kind => CaseKind.DecisionNotice;

    public override string Name => "Decision notice";

    public override string PagePath(int id) => $"/decision-notices/{id}";

    protected override async Task<CaseFacts> FactsAsync(GrantsDbContext db, DecisionNotice c, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var application = c.ApplicationId is { } id
            ? await db.Applications.Where(a => a.Id == id).Select(a => new { a.OrganisationId, a.Round!.Fund!.IsSmallFund }).FirstOrDefaultAsync(ct)
            : null;
        return new CaseFacts(application?.OrganisationId, application?.IsSmallFund ?? false, c.Amount, null);
    }

    protected override object AuditImage(DecisionNotice c, Money? amount, string? comment) => new
    {
        state = c.State, version = c.Version, reference = c.NoticeReference, title = c.Title, amountPence = c.AmountPence,
        chiefExecutiveAdviceBy = c.ChiefExecutiveAdviceBy, financeAdviceBy = c.FinanceAdviceBy, signedBy = c.SignedBy,
        signatureDate = c.SignatureDate, publishedOn = c.PublishedOn, comment,
    };
}
