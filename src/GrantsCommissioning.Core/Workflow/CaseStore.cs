using GrantsCommissioning.Core.Data;
using GrantsCommissioning.Core.Domain;
using Microsoft.EntityFrameworkCore;

namespace GrantsCommissioning.Core.Workflow;

/// <summary>Finds a case and the facts about it that guards, limits and emails need.</summary>
internal static class CaseStore
{
    public static async Task<WorkflowCaseBase?> FindAsync(GrantsDbContext db, CaseRef caseRef, CancellationToken ct) => caseRef.Kind switch
    {
        CaseKind.Application => await db.Applications.FirstOrDefaultAsync(c => c.Id == caseRef.Id, ct).ConfigureAwait(false),
        CaseKind.Award => await db.Awards.FirstOrDefaultAsync(c => c.Id == caseRef.Id, ct).ConfigureAwait(false),
        CaseKind.Payment => await db.Payments.FirstOrDefaultAsync(c => c.Id == caseRef.Id, ct).ConfigureAwait(false),
        CaseKind.MonitoringReturn => await db.Returns.FirstOrDefaultAsync(c => c.Id == caseRef.Id, ct).ConfigureAwait(false),
        _ => null,
    };

    public static async Task<int?> OrganisationIdAsync(GrantsDbContext db, IWorkflowCase c, CancellationToken ct) => c switch
    {
        GrantApplication a => a.OrganisationId,
        Award w => w.OrganisationId,
        Payment p => await db.Awards.Where(w => w.Id == p.AwardId).Select(w => (int?)w.OrganisationId).FirstOrDefaultAsync(ct).ConfigureAwait(false),
        MonitoringReturn r => await db.Awards.Where(w => w.Id == r.AwardId).Select(w => (int?)w.OrganisationId).FirstOrDefaultAsync(ct).ConfigureAwait(false),
        _ => null,
    };

    public static async Task<bool> IsSmallFundAsync(GrantsDbContext db, IWorkflowCase c, CancellationToken ct) => c switch
    {
        GrantApplication a => await db.Rounds.Where(r => r.Id == a.RoundId).Select(r => r.Fund!.IsSmallFund).FirstOrDefaultAsync(ct).ConfigureAwait(false),
        Award w => await db.Funds.Where(f => f.Id == w.FundId).Select(f => f.IsSmallFund).FirstOrDefaultAsync(ct).ConfigureAwait(false),
        Payment p => await db.Awards.Where(w => w.Id == p.AwardId).Select(w => w.Fund!.IsSmallFund).FirstOrDefaultAsync(ct).ConfigureAwait(false),
        _ => false,
    };

    public static Money? AmountOf(IWorkflowCase c) => c switch
    {
        GrantApplication a => a.AmountRequested,
        Award w => w.Amount,
        Payment p => p.Amount,
        _ => null,
    };

    public static DateOnly? DueDateOf(IWorkflowCase c) => c switch
    {
        MonitoringReturn r => r.DueDate,
        Payment p => p.DueDate,
        _ => null,
    };
}
