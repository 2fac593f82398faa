using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Core.Features.Payments;
using GrantsCommissioning.Web.Components.Shared;
using GrantsCommissioning.Web.Components.Workflow;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;

namespace GrantsCommissioning.Web.Components.Pages.Cases;

public partial class TerminateAwardForm
{
    [Parameter, EditorRequired]
    public int AwardId { get; set; }

    [Parameter]
    public int Version { get; set; }

    [Parameter]
    public EventCallback OnDone { get; set; }

    [CascadingParameter]
    private Task<AuthenticationState> AuthState { get; set; } = default!;

    [Inject]
    private AwardTermination Termination { get; set; } = default!;

    private IReadOnlyDictionary<string, string> _errors = FieldIds.None;
    private string? _amount = "0.00", _invoice, _reason;
    private bool _busy, _confirmed;
    private readonly string _key = Guid.NewGuid().ToString("N");

    private async Task TerminateAsync()
    {
        var actor = WorkflowActor.From((await AuthState).User);
        if (actor is null)
        {
            return;
        }
        if (!Money.TryParse(_amount, out var recovery))
        {
            _errors = new Dictionary<string, string> { ["Recovery"] = "Enter the amount to recover in pounds, such as 5000.00, or 0.00." };
            return;
        }
        _busy = true;
        try
        {
            var result = await Termination.TerminateAsync(AwardId, _reason, new TerminationDecision(recovery, _invoice), actor, $"terminate:{_key}", Version);
            _errors = result.Errors;
            if (result.Succeeded)
            {
                await OnDone.InvokeAsync();
            }
        }
        finally
        {
            _busy = false;
        }
    }
}
