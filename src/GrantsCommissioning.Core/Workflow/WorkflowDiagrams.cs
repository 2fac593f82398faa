using GrantsCommissioning.Core.Data;
using GrantsCommissioning.Core.Domain;
using Microsoft.EntityFrameworkCore;

namespace GrantsCommissioning.Core.Workflow;

public sealed record DefinitionSummary(string Id, int Version, string Title, CaseKind CaseKind, string File, string Sha256,
    DateTimeOffset ReleasedAt, bool IsLatest, int States, int Transitions, int Timers, string Mermaid);

public sealed record CaseDiagram(string DefinitionId, int Version, string Title, string State, string StateLabel, string Mermaid);

/// <summary>Diagrams and the definition catalogue for pages (the case page and /admin/workflows).</summary>
public interface IWorkflowDiagrams
{
    IReadOnlyList<DefinitionSummary> ListDefinitions();

    string Diagram(string definitionId, int version, string? currentState);

    Task<CaseDiagram?> ForCaseAsync(CaseRef caseRef, CancellationToken cancellationToken = default);
}

internal sealed class WorkflowDiagrams(WorkflowRegistry registry, IDbContextFactory<GrantsDbContext> factory, Kinds.CaseKinds kinds) : IWorkflowDiagrams
{
    public IReadOnlyList<DefinitionSummary> ListDefinitions()
    {
        var all = registry.All;
        return all.Select(r => new DefinitionSummary(r.Id, r.Version, r.Definition.Title, r.Definition.CaseKind, r.RelativePath, r.Sha256,
            r.ReleasedAt, all.Where(o => o.Id == r.Id).Max(o => o.Version) == r.Version,
            r.Definition.States.Count, r.Definition.Transitions.Count, r.Definition.Timers.Count,
            WorkflowMachine.Mermaid(r.Definition, null))).ToList();
    }

    public string Diagram(string definitionId, int version, string? currentState) =>
        WorkflowMachine.Mermaid((registry.Find(definitionId, version)
            ?? throw new ArgumentException($"Workflow '{definitionId}' v{version} is not registered.", nameof(definitionId))).Definition, currentState);

    public async Task<CaseDiagram?> ForCaseAsync(CaseRef caseRef, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var c = await kinds.FindAsync(db, caseRef, cancellationToken);
        if (c is null || c.WorkflowVersion == 0)
        {
            return null;
        }
        var d = registry.Get(c.Kind, c.WorkflowVersion).Definition;
        return new CaseDiagram(d.Id, d.Version, d.Title, c.State, d.FindState(c.State)?.DisplayName ?? c.State, WorkflowMachine.Mermaid(d, c.State));
    }
}
