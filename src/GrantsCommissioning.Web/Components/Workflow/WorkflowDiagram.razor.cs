using GrantsCommissioning.Core.Workflow;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;

namespace GrantsCommissioning.Web.Components.Workflow;

/// <summary>
/// A workflow drawn by mermaid.js from the Mermaid that Stateless generates, the current state highlighted. Give
/// either <see cref="Case"/> or <see cref="DefinitionId"/> + <see cref="Version"/> (+ optional <see cref="CurrentState"/>).
/// </summary>
public sealed partial class WorkflowDiagram
{
    private string? mermaid;
    private string? stateLabel;
    private string? title;
    private ElementReference canvas;

    [Parameter] public CaseRef? Case { get; set; }
    [Parameter] public string? DefinitionId { get; set; }
    [Parameter] public int Version { get; set; }
    [Parameter] public string? CurrentState { get; set; }

    private string AriaLabel => $"Workflow diagram: {title}" + (stateLabel is null ? "" : $", currently {stateLabel}");

    protected override async Task OnParametersSetAsync()
    {
        if (Case is { } caseRef)
        {
            var diagram = await Diagrams.ForCaseAsync(caseRef);
            (mermaid, stateLabel, title) = (diagram?.Mermaid, diagram?.StateLabel, diagram?.Title);
        }
        else if (DefinitionId is not null)
        {
            mermaid = Diagrams.Diagram(DefinitionId, Version, CurrentState);
            (stateLabel, title) = (CurrentState, $"{DefinitionId} v{Version}");
        }
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (mermaid is null)
        {
            return;
        }
        try
        {
            await JS.InvokeVoidAsync("grantsWorkflow.render", canvas);
        }
        catch (JSDisconnectedException)
        {
        }
        catch (InvalidOperationException)
        {
            // Static rendering has no JS interop; workflow-diagram.js renders the diagram on load instead.
        }
    }
}
