using System.Security.Claims;
using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Core.Features;
using GrantsCommissioning.Core.Features.Panel;
using GrantsCommissioning.Web.Components.Shared;
using GrantsCommissioning.Web.Components.Workflow;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;

namespace GrantsCommissioning.Web.Components.Pages.Panel.Reports;

public partial class Page : QuarterPageBase
{
    [Inject]
    private PanelReportService Reports { get; set; } = default!;

    private PanelQuarterView? _view;
    private Dictionary<int, string?> _narratives = [];
    private string? _pccActivity;
    private string? _correctionNote;
    private IReadOnlyDictionary<string, string> _errors = FieldIds.None;
    private string? _message;
    private bool _canWrite;
    private bool _canApprove;
    private bool _confirmPublish;

    protected override async Task LoadQuarterAsync(ClaimsPrincipal user)
    {
        _canWrite = PanelReportRules.Writers.Any(user.IsInRole);
        _canApprove = PanelReportRules.Approvers.Any(user.IsInRole);
        _errors = FieldIds.None;
        _message = null;
        await LoadAsync();
    }

    private async Task LoadAsync()
    {
        _view = await Reports.QuarterAsync(CurrentQuarter);
        _narratives = _view.Objectives.ToDictionary(o => o.ObjectiveId, o => o.Text);
        _pccActivity = _view.PccActivity;
        _confirmPublish = false;
    }

    private Task SaveAsync() => RunAsync(actor => Reports.SaveAsync(CurrentQuarter, new PanelDraftInput(_narratives, _pccActivity), actor), "The draft has been saved.");

    private Task ApproveAsync() => RunAsync(actor => Reports.ApproveAsync(CurrentQuarter, actor), "The report has been approved and can be published.");

    private Task ReturnToDraftAsync() => RunAsync(actor => Reports.ReturnToDraftAsync(CurrentQuarter, actor), "The report has been returned to draft.");

    private async Task PublishAsync()
    {
        var actor = WorkflowActor.From(await UserAsync())!;
        var result = await Reports.PublishAsync(CurrentQuarter, _correctionNote, actor);
        await ShowAsync(result.Errors, result.Succeeded, "The report has been published.");
    }

    private async Task RunAsync(Func<Core.Workflow.Actor, Task<FeatureResult<bool>>> action, string done)
    {
        var actor = WorkflowActor.From(await UserAsync())!;
        var result = await action(actor);
        await ShowAsync(result.Errors, result.Succeeded, done);
    }

    private async Task ShowAsync(IReadOnlyDictionary<string, string> errors, bool succeeded, string done)
    {
        _errors = errors;
        _message = succeeded ? done : null;
        if (succeeded)
        {
            _correctionNote = null;
            await LoadAsync();
        }
        _confirmPublish = false;
    }
}
