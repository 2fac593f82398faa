using GrantsCommissioning.Core.Workflow.Definitions;
using Stateless;
using Stateless.Graph;

namespace GrantsCommissioning.Core.Workflow;

/// <summary>Builds a Stateless machine from a definition, bound to a case's state held outside the machine.</summary>
internal static class WorkflowMachine
{
    public static StateMachine<string, string> Build(WorkflowDefinition d, Func<string> read, Action<string> write)
    {
        var machine = new StateMachine<string, string>(read, write);
        foreach (var state in d.States)
        {
            var config = machine.Configure(state.Name);
            foreach (var t in d.Transitions.Where(t => t.From.Contains(state.Name)))
            {
                if (t.To == state.Name)
                {
                    config.PermitReentry(t.Trigger);
                }
                else
                {
                    config.Permit(t.Trigger, t.To);
                }
            }
        }
        return machine;
    }

    /// <summary>Mermaid from Stateless, with the current state (if any) highlighted.</summary>
    public static string Mermaid(WorkflowDefinition d, string? currentState)
    {
        var state = d.InitialState;
        var graph = MermaidGraph.Format(Build(d, () => state, s => state = s).GetInfo(), MermaidGraphDirection.LeftToRight);
        if (currentState is null || d.FindState(currentState) is null)
        {
            return graph;
        }
        return graph.TrimEnd() + Environment.NewLine +
            "    classDef current fill:#ffdd00,stroke:#0b0c0c,stroke-width:3px,color:#0b0c0c" + Environment.NewLine +
            $"    class {currentState} current" + Environment.NewLine;
    }
}
