using GrantsCommissioning.Core.Data;
using GrantsCommissioning.Core.Domain;
using Microsoft.EntityFrameworkCore;

namespace GrantsCommissioning.Core.Workflow.Kinds;

/// <summary>A case kind whose cases are the entity <typeparamref name="TCase"/>.</summary>
public abstract class CaseKindBase<TCase> : ICaseKind where TCase : WorkflowCaseBase
{
    // Every transition reads its case by id, so compiled: one query for each kind, as each closed generic type has its own field.
    private static readonly CompiledPerModel<Func<GrantsDbContext, int, CancellationToken, Task<TCase?>>> ById = new(() => EF.CompileAsyncQuery(
        (GrantsDbContext db, int id, CancellationToken ct) => db.Set<TCase>().FirstOrDefault(c => c.Id == id)));

    public abstract CaseKind Kind { get; }

    public Type EntityType => typeof(TCase);

    public abstract string Name { get; }

    public abstract string PagePath(int id);

    public IQueryable<WorkflowCaseBase> Cases(GrantsDbContext db)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.Set<TCase>();
    }

    public async Task<WorkflowCaseBase?> FindAsync(GrantsDbContext db, int id, CancellationToken ct) => await ById.For(db)(db, id, ct);

    public Task<CaseFacts> FactsAsync(GrantsDbContext db, WorkflowCaseBase c, CancellationToken ct) => FactsAsync(db, (TCase)c, ct);

    public object AuditImage(WorkflowCaseBase c, Money? amount, string? comment) => AuditImage((TCase)c, amount, comment);

    protected abstract Task<CaseFacts> FactsAsync(GrantsDbContext db, TCase c, CancellationToken ct);

    protected virtual object AuditImage(TCase c, Money? amount, string? comment) =>
        new { state = c.State, version = c.Version, reference = c.Reference, amountPence = amount?.Pence, comment };

    /// <summary>The facts of a case that belongs to an award (a payment, a return).</summary>
    protected static async Task<(int? OrganisationId, bool IsSmallFund, string? OfficerUserId)> AwardFactsAsync(GrantsDbContext db, int awardId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var award = await db.Awards.Where(w => w.Id == awardId)
            .Select(w => new { w.OrganisationId, w.Fund!.IsSmallFund, w.OfficerUserId }).FirstOrDefaultAsync(ct);
        return (award?.OrganisationId, award?.IsSmallFund ?? false, award?.OfficerUserId);
    }
}
