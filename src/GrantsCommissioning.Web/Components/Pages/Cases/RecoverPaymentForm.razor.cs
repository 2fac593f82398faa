using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Core.Features.Payments;
using GrantsCommissioning.Web.Components.Shared;
using GrantsCommissioning.Web.Components.Workflow;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;

namespace GrantsCommissioning.Web.Components.Pages.Cases;

public partial class RecoverPaymentForm
{
    [Parameter, EditorRequired]
    public int PaymentId { get; set; }

    [Parameter]
    public int Version { get; set; }

    [Parameter]
    public EventCallback OnDone { get; set; }

    [CascadingParameter]
    private Task<AuthenticationState> AuthState { get; set; } = default!;

    [Inject]
    private PaymentService Payments { get; set; } = default!;

    [Inject]
    private TimeProvider Clock { get; set; } = default!;

    private IReadOnlyDictionary<string, string> _errors = FieldIds.None;
    private string? _amount, _invoice, _reason;
    private DateOnly _raisedOn;
    private bool _busy;
    private readonly string _key = Guid.NewGuid().ToString("N");

    protected override void OnInitialized() => _raisedOn = UkTime.ToUkDate(Clock.GetUtcNow());

    private async Task RecoverAsync()
    {
        var actor = WorkflowActor.From((await AuthState).User);
        if (actor is null)
        {
            return;
        }
        _busy = true;
        try
        {
            var result = await Payments.RecoverAsync(PaymentId, _amount, _raisedOn, _invoice, _reason, actor, $"recover:{_key}", Version);
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
