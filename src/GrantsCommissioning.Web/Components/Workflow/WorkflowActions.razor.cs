using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Core.Workflow;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;

namespace GrantsCommissioning.Web.Components.Workflow;

/// <summary>
/// Buttons for exactly the triggers the signed-in user may fire on a case (from
/// <see cref="ICaseWorkflow.GetPermittedTriggersAsync"/>), with a comment box when the definition requires one. Each
/// choice carries one idempotency key, so a double click or retry acts once. Needs an interactive render mode.
/// </summary>
public sealed partial class WorkflowActions
{
    private IReadOnlyList<PermittedTrigger> triggers = [];
    private PermittedTrigger? pending;
    private string? comment;
    private string? error;
    private string idempotencyKey = Guid.NewGuid().ToString("N");
    private bool busy;

    [Inject] private ICaseWorkflow Workflow { get; set; } = null!;
    [CascadingParameter] private Task<AuthenticationState>? AuthenticationState { get; set; }

    [Parameter, EditorRequired] public CaseRef Case { get; set; }
    /// <summary>The case version the page showed; a change by someone else meanwhile is reported, not overwritten.</summary>
    [Parameter] public int? ExpectedVersion { get; set; }
    /// <summary>The amount being decided, for triggers limited by the Scheme of Delegation.</summary>
    [Parameter] public Money? Amount { get; set; }
    [Parameter] public string? NoticeReference { get; set; }
    [Parameter] public EventCallback<TransitionResult> OnTransitioned { get; set; }

    protected override async Task OnParametersSetAsync() => await LoadAsync();

    private async Task LoadAsync()
    {
        var actor = await ActorAsync();
        var permitted = actor is null ? [] : await Workflow.GetPermittedTriggersAsync(Case, actor, Amount);
        // Triggers that need a form (a decision, a payment) are offered by the page's own form, not as bare buttons.
        triggers = permitted.Where(t => !t.NeedsForm).ToList();
    }

    private async Task ChooseAsync(PermittedTrigger trigger)
    {
        error = null;
        if (trigger.CommentRequired)
        {
            (pending, comment) = (trigger, null);
            return;
        }
        await FireAsync(trigger, null);
    }

    private Task ConfirmAsync() => pending is null ? Task.CompletedTask : FireAsync(pending, comment);

    private void Cancel() => (pending, comment, error) = (null, null, null);

    private async Task FireAsync(PermittedTrigger trigger, string? reason)
    {
        var actor = await ActorAsync();
        if (actor is null)
        {
            error = "Sign in again to continue.";
            return;
        }
        busy = true;
        try
        {
            var result = await Workflow.FireAsync(new TransitionRequest(Case, trigger.Trigger, actor, $"ui:{idempotencyKey}:{trigger.Trigger}")
            {
                Comment = reason,
                Amount = Amount,
                NoticeReference = NoticeReference,
                ExpectedVersion = ExpectedVersion,
            });
            error = result.Succeeded ? null : result.Message;
            if (result.Succeeded)
            {
                (pending, comment, idempotencyKey) = (null, null, Guid.NewGuid().ToString("N"));
                await OnTransitioned.InvokeAsync(result);
                await LoadAsync();
            }
        }
        finally
        {
            busy = false;
        }
    }

    private async Task<Actor?> ActorAsync() =>
        AuthenticationState is null ? null : WorkflowActor.From((await AuthenticationState).User);
}
