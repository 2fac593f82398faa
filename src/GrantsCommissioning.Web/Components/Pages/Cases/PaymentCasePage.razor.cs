using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Core.Features.Cases;
using GrantsCommissioning.Core.Features.Payments;
using GrantsCommissioning.Core.Workflow;
using GrantsCommissioning.Web.Components.Workflow;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;

namespace GrantsCommissioning.Web.Components.Pages.Cases;

public partial class PaymentCasePage
{
    private static readonly System.Globalization.CultureInfo Uk = System.Globalization.CultureInfo.GetCultureInfo("en-GB");

    [CascadingParameter]
    private Task<AuthenticationState> AuthState { get; set; } = default!;

    [Parameter]
    public int Id { get; set; }

    private PaymentCase? _case;
    private PayeeBank? _bank;
    private bool _loaded, _canPay, _canRecover, _busy, _isFinance;
    private string? _bankError;
    private Actor? _actor;
    private DateOnly _paidOn;
    private string? _financeRef, _error;
    private string _key = Guid.NewGuid().ToString("N");

    protected override Task OnParametersSetAsync()
    {
        _paidOn = UkTime.ToUkDate(Clock.GetUtcNow());
        return LoadAsync();
    }

    private async Task LoadAsync()
    {
        var actor = CasePage.ActorOf((await AuthState).User);
        _case = await Cases.PaymentAsync(Id, actor);
        _loaded = true;
        CasePage.NotFoundIfMissing(Navigation, _case);
        _isFinance = actor.IsInRole(Roles.Finance);
        _actor = actor;
        if (_bank is not { Revealed: true })
        {
            _bank = _case is null ? null : await BankDetails.MaskedAsync(Id, actor);
        }
        var permitted = _case is null ? [] : await Workflow.GetPermittedTriggersAsync(new CaseRef(CaseKind.Payment, Id), actor);
        _canPay = permitted.Any(t => t.Trigger == PaymentTriggers.Pay);
        _canRecover = permitted.Any(t => t.Trigger == PaymentTriggers.Recover);
    }

    private async Task RevealBankAsync()
    {
        var actor = WorkflowActor.From((await AuthState).User);
        if (actor is null)
        {
            return;
        }
        _busy = true;
        try
        {
            var result = await BankDetails.RevealAsync(Id, actor);
            _bankError = result.Succeeded ? null : string.Join(" ", result.Errors.Values);
            _bank = result.Value ?? _bank;
        }
        finally
        {
            _busy = false;
        }
    }

    private async Task PayAsync()
    {
        var actor = WorkflowActor.From((await AuthState).User);
        if (actor is null || _case is null)
        {
            return;
        }
        _busy = true;
        try
        {
            var result = await Payments.PayAsync(Id, _paidOn, _financeRef ?? "", actor, $"pay:{_key}", _case.Header.Version);
            _error = result.Succeeded ? null : string.Join(" ", result.Errors.Values);
            if (result.Succeeded)
            {
                _key = Guid.NewGuid().ToString("N");
                await LoadAsync();
            }
        }
        finally
        {
            _busy = false;
        }
    }
}
