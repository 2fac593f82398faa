using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Core.Workflow.Kinds;
using GrantsCommissioning.Core.Workflow.Timers;

namespace GrantsCommissioning.Core.Workflow;

/// <summary>States, actions and case kinds as people read them, from the definitions' labels: never internal names.</summary>
public sealed class WorkflowLabels(WorkflowRegistry registry, CaseKinds kinds)
{
    public string Kind(CaseKind kind) => kinds.Find(kind)?.Name ?? kind.ToString();

    public string State(CaseKind kind, int version, string state) =>
        string.IsNullOrEmpty(state) ? "" : Definition(kind, version)?.FindState(state)?.DisplayName ?? state;

    /// <summary>The state as the latest definition names it, for lists that do not carry each case's version.</summary>
    public string State(CaseKind kind, string state) => State(kind, 0, state);

    public string Action(CaseKind kind, int version, string trigger) => trigger switch
    {
        StartedCases.StartTrigger => "Started",
        CaseWorkflow.ImportTrigger => "Imported",
        _ => Definition(kind, version)?.Transitions.FirstOrDefault(t => t.Trigger == trigger)?.DisplayName ?? trigger,
    };

    // A dictionary lookup per label: history and activity lists label every row.
    private Definitions.WorkflowDefinition? Definition(CaseKind kind, int version) =>
        registry.IsLoaded ? (registry.Find(kind, version) ?? registry.Latest(kind)).Definition : null;
}
