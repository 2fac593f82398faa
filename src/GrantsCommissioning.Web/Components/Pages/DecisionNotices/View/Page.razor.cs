using System.Globalization;
using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Core.Features.DecisionNotices;
using GrantsCommissioning.Core.Workflow;
using GrantsCommissioning.Core.Workflow.Kinds;
using GrantsCommissioning.Web.Components.Pages.Cases;
using GrantsCommissioning.Web.Components.Shared;
using GrantsCommissioning.Web.Components.Workflow;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;

namespace GrantsCommissioning.Web.Components.Pages.DecisionNotices.View;

/// <summary>A notice with its workflow: the advice and signature forms for whoever may give them now.</summary>
public sealed partial class Page
{
    private static readonly CultureInfo Uk = CultureInfo.GetCultureInfo("en-GB");

    private NoticeDetails? _details;
    private IReadOnlyDictionary<string, string> _errors = FieldIds.None;
    private string? _adviceTrigger, _adviceLabel, _advice, _declaration;
    private DateOnly _signatureDate;
    private bool _loaded, _busy, _canSign, _canEdit;
    private string _key = Guid.NewGuid().ToString("N");

    [Inject] private DecisionNoticeService Notices { get; set; } = null!;
    [Inject] private ICaseWorkflow Workflow { get; set; } = null!;
    [Inject] private NavigationManager Navigation { get; set; } = null!;
    [Inject] private TimeProvider Clock { get; set; } = null!;
    [CascadingParameter] private Task<AuthenticationState> AuthState { get; set; } = null!;

    [Parameter] public int Id { get; set; }

    protected override Task OnParametersSetAsync()
    {
        _signatureDate = UkTime.ToUkDate(Clock.GetUtcNow());
        return LoadAsync();
    }

    private async Task LoadAsync()
    {
        var actor = CasePage.ActorOf((await AuthState).User);
        _details = await Notices.GetAsync(Id, actor);
        _loaded = true;
        CasePage.NotFoundIfMissing(Navigation, _details);
        if (_details is null)
        {
            return;
        }
        var permitted = await Workflow.GetPermittedTriggersAsync(new CaseRef(CaseKind.DecisionNotice, Id), actor);
        var advice = permitted.FirstOrDefault(t => t.Trigger is DecisionNoticeWorkflow.NoteChiefExecutiveAdvice or DecisionNoticeWorkflow.NoteFinanceAdvice);
        (_adviceTrigger, _adviceLabel) = (advice?.Trigger, advice?.Label);
        _canSign = permitted.Any(t => t.Trigger == DecisionNoticeWorkflow.Sign);
        _canEdit = _details.Header.State == DecisionNoticeWorkflow.Draft && DecisionNoticeAccess.Drafters.Any(actor.IsInRole);
    }

    private Task NoteAdviceAsync() =>
        _adviceTrigger is null ? Task.CompletedTask : FireAsync(_adviceTrigger, new NoticeAdvice(_advice ?? ""));

    private Task SignAsync() => FireAsync(DecisionNoticeWorkflow.Sign, new NoticeSignature(_declaration ?? "", _signatureDate));

    private async Task FireAsync(string trigger, ITransitionPayload payload)
    {
        if (WorkflowActor.From((await AuthState).User) is not { } actor || _details is null)
        {
            return;
        }
        _busy = true;
        try
        {
            var result = await Notices.FireAsync(Id, trigger, payload, null, actor, $"notice:{_key}:{trigger}", _details.Header.Version);
            _errors = result.Errors;
            if (result.Succeeded)
            {
                (_key, _advice, _declaration) = (Guid.NewGuid().ToString("N"), null, null);
                await LoadAsync();
            }
        }
        finally
        {
            _busy = false;
        }
    }
}
