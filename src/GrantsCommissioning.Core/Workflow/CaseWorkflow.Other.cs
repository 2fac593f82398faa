using GrantsCommissioning.Core.Data;
using GrantsCommissioning.Core.Domain;
using Microsoft.EntityFrameworkCore;

namespace GrantsCommissioning.Core.Workflow;

internal sealed partial class CaseWorkflow
{
    public Task<IReadOnlyList<PermittedTrigger>> GetPermittedTriggersAsync(CaseRef caseRef, Actor actor, CancellationToken cancellationToken = default) =>
        GetPermittedTriggersAsync(caseRef, actor, null, cancellationToken);

    public async Task<IReadOnlyList<PermittedTrigger>> GetPermittedTriggersAsync(CaseRef caseRef, Actor actor, Money? amount, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var c = await kinds.FindAsync(db, caseRef, cancellationToken);
        if (c is null || c.WorkflowVersion == 0)
        {
            return [];
        }
        var d = registry.Get(c.Kind, c.WorkflowVersion).Definition;
        var state = c.State;
        var machine = WorkflowMachine.Build(d, () => state, s => state = s);
        var facts = await kinds.FactsAsync(db, c, cancellationToken);
        var now = clock.GetUtcNow();
        var permitted = new List<PermittedTrigger>();
        foreach (var trigger in await machine.GetPermittedTriggersAsync())
        {
            var t = d.FindTransition(c.State, trigger);
            if (t is null || t.Internal)
            {
                continue;
            }
            var check = await TransitionChecks.CheckAsync(db, d, c, facts, t, actor, amount, null, listing: true, now, cancellationToken);
            if (check.Passed)
            {
                permitted.Add(new PermittedTrigger(t.Trigger, t.DisplayName, t.To, t.CommentRequired, t.Limits == Definitions.LimitKind.Amount,
                    handlers.NeedsForm(c.Kind, t.Trigger)));
            }
        }
        return permitted;
    }

    public void Start(IWorkflowCase newCase, Actor actor) => StartBy(newCase, actor);

    public void Start(IWorkflowCase newCase, Actor actor, string startState) => StartBy(newCase, actor, startState);

    private void StartBy(IWorkflowCase newCase, Actor actor) => StartBy(newCase, actor, null);

    private void StartBy(IWorkflowCase newCase, Actor actor, string? startState)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var c = AsBase(newCase);
        if (c.Id != 0 || !string.IsNullOrEmpty(c.State))
        {
            throw new InvalidOperationException($"{c.Kind} {c.Reference} has already started its workflow.");
        }
        var latest = registry.Latest(c.Kind).Definition;
        var state = startState ?? latest.InitialState;
        if (state != latest.InitialState && !latest.StartStates.Contains(state))
        {
            throw new InvalidOperationException($"'{state}' is not a state workflow '{latest.Id}' v{latest.Version} can start in.");
        }
        c.SetWorkflowState(state, latest.Version);
        c.SetStartedBy(actor.UserId, actor.DisplayName);
    }

    public void Import(GrantsDbContext db, IWorkflowCase importedCase, string state, DateTimeOffset at, string? comment = null, int? version = null)
    {
        ArgumentNullException.ThrowIfNull(db);
        var c = AsBase(importedCase);
        if (c.Id == 0)
        {
            throw new InvalidOperationException($"Save {c.Kind} {c.Reference} before importing it into a workflow state, so it has an id.");
        }
        var d = version is { } v
            ? registry.Find(c.Kind, v)?.Definition ?? throw new ArgumentException($"{c.Kind} has no released workflow version {v}.", nameof(version))
            : registry.Latest(c.Kind).Definition;
        if (d.FindState(state) is null)
        {
            throw new ArgumentException($"'{state}' is not a state of workflow '{d.Id}' v{d.Version} (states: {string.Join(", ", d.States.Select(s => s.Name))}).", nameof(state));
        }
        var from = c.State;
        c.SetWorkflowState(state, d.Version);
        var sequence = (db.WorkflowJournal.Where(j => j.CaseKind == c.Kind && j.CaseId == c.Id).Max(j => (int?)j.Sequence) ?? 0)
            + JournalQueries.TrackedFor(db, c.Kind, c.Id).Count(j => j.Id == 0);
        db.WorkflowJournal.Add(NewEntry(d, c, sequence + 1, from, ImportTrigger, Actor.System, Actor.SystemRole, null, comment ?? "Imported",
            $"import:{c.Kind}:{c.Id}:{sequence + 1}", at));
        var pending = db.WorkflowTimers.Where(t => t.CaseKind == c.Kind && t.CaseId == c.Id && t.Status == WorkflowTimerStatus.Pending).ToList();
        var now = clock.GetUtcNow();
        TimerPlanner.CancelPending(pending, now);
        TimerPlanner.ScheduleFor(db, d, c, state, at, now);
    }

    /// <summary>The Mermaid diagram of a definition version, with <paramref name="currentState"/> highlighted.</summary>
    public string Diagram(CaseKind kind, int version, string? currentState) =>
        WorkflowMachine.Mermaid(registry.Get(kind, version).Definition, currentState);

    private static WorkflowCaseBase AsBase(IWorkflowCase c) =>
        c as WorkflowCaseBase ?? throw new ArgumentException("Workflow cases derive from WorkflowCaseBase.", nameof(c));
}
