using GrantsCommissioning.Core.Data;
using GrantsCommissioning.Core.Domain;
using Microsoft.EntityFrameworkCore;

namespace GrantsCommissioning.Core.Workflow.Kinds;

/// <summary>Every registered case kind, from DI; the runtime's only way to know a kind.</summary>
public sealed class CaseKinds
{
    private readonly Dictionary<CaseKind, ICaseKind> byKind;

    public CaseKinds(IEnumerable<ICaseKind> kinds)
    {
        ArgumentNullException.ThrowIfNull(kinds);
        byKind = [];
        foreach (var kind in kinds)
        {
            if (!byKind.TryAdd(kind.Kind, kind))
            {
                throw new InvalidOperationException($"Case kind {kind.Kind} is registered twice.");
            }
        }
    }

    public IReadOnlyCollection<ICaseKind> All => byKind.Values;

    public ICaseKind Get(CaseKind kind) =>
        byKind.TryGetValue(kind, out var k) ? k : throw new InvalidOperationException($"No case kind {kind} is registered.");

    public ICaseKind? Find(CaseKind kind) => byKind.GetValueOrDefault(kind);

    public async Task<WorkflowCaseBase?> FindAsync(GrantsDbContext db, CaseRef caseRef, CancellationToken ct) =>
        Find(caseRef.Kind) is { } kind ? await kind.FindAsync(db, caseRef.Id, ct) : null;

    public Task<CaseFacts> FactsAsync(GrantsDbContext db, WorkflowCaseBase c, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(c);
        return Get(c.Kind).FactsAsync(db, c, ct);
    }

    /// <summary>References of the given cases, by kind and id, for lists that show cases of several kinds.</summary>
    public async Task<Dictionary<CaseRef, string>> ReferencesAsync(GrantsDbContext db, IEnumerable<CaseRef> refs, CancellationToken ct)
    {
        var result = new Dictionary<CaseRef, string>();
        foreach (var group in refs.Distinct().GroupBy(r => r.Kind))
        {
            var ids = group.Select(r => r.Id).ToList();
            foreach (var c in await Get(group.Key).Cases(db).AsNoTracking().Where(c => ids.Contains(c.Id)).ToListAsync(ct))
            {
                result[CaseRef.Of(c)] = c.Reference;
            }
        }
        return result;
    }
}
