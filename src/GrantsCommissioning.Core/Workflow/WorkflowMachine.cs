using System.Text.RegularExpressions;
using GrantsCommissioning.Core.Workflow.Definitions;
using Stateless;
using Stateless.Graph;

namespace GrantsCommissioning.Core.Workflow;

/// <summary>Builds a Stateless machine from a definition, bound to a case's state held outside the machine.</summary>
internal static partial class WorkflowMachine
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

    /// <summary>Mermaid from Stateless, with states and transitions as the definition labels them and the current state (if any) highlighted.</summary>
    public static string Mermaid(WorkflowDefinition d, string? currentState)
    {
        var state = d.InitialState;
        var graph = Labelled(d, MermaidGraph.Format(Build(d, () => state, s => state = s).GetInfo(), MermaidGraphDirection.LeftToRight));
        if (currentState is null || d.FindState(currentState) is null)
        {
            return graph;
        }
        return graph.TrimEnd() + Environment.NewLine +
            "    classDef current fill:#ffdd00,stroke:#0b0c0c,stroke-width:3px,color:#0b0c0c" + Environment.NewLine +
            $"    class {currentState} current" + Environment.NewLine;
    }

    // Stateless writes internal names ("OfferMade --> OfferAccepted : AcceptOffer"); people read the definition's labels.
    private static string Labelled(WorkflowDefinition d, string graph)
    {
        var lines = graph.Split('\n').Select(line => TransitionLine().Match(line) is { Success: true } m
            && d.Transitions.FirstOrDefault(t => t.Trigger == m.Groups[3].Value) is { } t
                ? $"{m.Groups[1].Value}{m.Groups[2].Value} : {Safe(t.DisplayName)}"
                : line).ToList();
        var header = lines.FindIndex(l => l.TrimStart().StartsWith("stateDiagram", StringComparison.Ordinal));
        lines.InsertRange(header + 1, d.States.Select(s => $"\t{s.Name} : {Safe(s.DisplayName)}"));
        return string.Join('\n', lines);
    }

    private static string Safe(string label) => label.Replace(":", ",", StringComparison.Ordinal).Replace(";", ",", StringComparison.Ordinal);

    [GeneratedRegex(@"^(\s*)(\w+ --> \w+) : (\w+)\s*$")]
    private static partial Regex TransitionLine();
}
