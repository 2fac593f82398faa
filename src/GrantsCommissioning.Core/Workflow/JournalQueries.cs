using GrantsCommissioning.Core.Data;
using GrantsCommissioning.Core.Domain;
using Microsoft.EntityFrameworkCore;

namespace GrantsCommissioning.Core.Workflow;

/// <summary>
/// The journal reads every transition makes inside its transaction (the request's key, whether the case has its Start
/// row, its last sequence), as compiled queries: written as LINQ, each was rebuilt and looked up in EF Core's query
/// cache on every transition.
/// </summary>
internal static class JournalQueries
{
    public static readonly CompiledPerModel<Func<GrantsDbContext, string, CancellationToken, Task<WorkflowJournalEntry?>>> ByKey = new(() => EF.CompileAsyncQuery(
        (GrantsDbContext db, string key, CancellationToken ct) => db.WorkflowJournal.AsNoTracking().FirstOrDefault(j => j.IdempotencyKey == key)));

    public static readonly CompiledPerModel<Func<GrantsDbContext, CaseKind, int, CancellationToken, Task<bool>>> AnyFor = new(() => EF.CompileAsyncQuery(
        (GrantsDbContext db, CaseKind kind, int id, CancellationToken ct) => db.WorkflowJournal.Any(j => j.CaseKind == kind && j.CaseId == id)));

    public static readonly CompiledPerModel<Func<GrantsDbContext, CaseKind, int, CancellationToken, Task<int?>>> LastSequence = new(() => EF.CompileAsyncQuery(
        (GrantsDbContext db, CaseKind kind, int id, CancellationToken ct) => db.WorkflowJournal.Where(j => j.CaseKind == kind && j.CaseId == id).Max(j => (int?)j.Sequence)));

    /// <summary>The case's journal rows this context tracks (those added in this transaction among them), read without a change-detection scan.</summary>
    public static IEnumerable<WorkflowJournalEntry> TrackedFor(GrantsDbContext db, CaseKind kind, int id) =>
        db.TrackedRows<WorkflowJournalEntry>().Where(j => j.CaseKind == kind && j.CaseId == id);
}
