using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Core.Features.Applications;
using GrantsCommissioning.Core.Workflow;
using GrantsCommissioning.Web.Components.Workflow;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;

namespace GrantsCommissioning.Web.Components.Pages.Applications.ExtendDeadline;

public partial class DeadlineExtensionForm
{
    [CascadingParameter]
    private Task<AuthenticationState> AuthState { get; set; } = default!;

    [Parameter, EditorRequired]
    public int ApplicationId { get; set; }

    [Parameter, EditorRequired]
    public DateTimeOffset RoundClosesAt { get; set; }

    /// <summary>The deadline now in force: the round's, or this applicant's extension.</summary>
    [Parameter, EditorRequired]
    public DateTimeOffset Deadline { get; set; }

    [Parameter]
    public bool Extended { get; set; }

    [Parameter]
    public EventCallback OnExtended { get; set; }

    private DateOnly _date;
    private TimeOnly _time = new(12, 0);
    private string? _reason, _done;
    private bool _busy;
    private IReadOnlyDictionary<string, string> _errors = new Dictionary<string, string>();

    protected override void OnInitialized()
    {
        var later = UkTime.ToUkDate(Deadline > Clock.GetUtcNow() ? Deadline : Clock.GetUtcNow());
        _date = later.AddDays(7);
    }

    private async Task ExtendAsync()
    {
        var actor = WorkflowActor.From((await AuthState).User);
        if (actor is null)
        {
            return;
        }
        _busy = true;
        try
        {
            var result = await Applications.ExtendDeadlineAsync(ApplicationId, _date.ToDateTime(_time), _reason ?? "", actor);
            _errors = result.Errors;
            _done = result.Succeeded ? $"Deadline extended: this applicant can now submit until {UkTime.Describe(result.Value)}." : null;
            if (result.Succeeded)
            {
                _reason = null;
                await OnExtended.InvokeAsync();
            }
        }
        finally
        {
            _busy = false;
        }
    }
}
