using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Core.Features.Monitoring;
using Microsoft.AspNetCore.Components;

namespace GrantsCommissioning.Web.Components.Pages.Awards.Change;

/// <summary>
/// The decision on an award's change request: what it changes, each value before and after, and who may approve it; a
/// grants officer is offered approval only within their share. An award that does not exist is a 404.
/// </summary>
public partial class DecidePage
{
    [Parameter]
    public int Id { get; set; }

    [SupplyParameterFromForm(FormName = "decide")]
    private ChangeDecisionInput? Input { get; set; }

    [SupplyParameterFromForm(FormName = "decide")]
    private string? IdempotencyKey { get; set; }

    [Inject] private ChangeRequestService Changes { get; set; } = default!;

    private ChangeDecision? Decision { get; set; }

    /// <summary>A decision maker or the Commissioner may approve any change (within their delegation); a grants officer only within the share.</summary>
    private bool MayApprove => Decision?.BeyondOfficer is null || Actor.IsInRole(Roles.DecisionMaker) || Actor.IsInRole(Roles.Commissioner);

    private string _key = "";

    protected override async Task OnInitializedAsync()
    {
        Decision = await Changes.DecisionAsync(Id);
        if (Decision is null)
        {
            NotFound();
            return;
        }
        _key = IdempotencyKey ?? Guid.NewGuid().ToString("N");
        Input ??= new ChangeDecisionInput();
    }

    private async Task DecideAsync()
    {
        if (Decision?.Pending is not null && Show(await Changes.DecideAsync(Id, Input!, Actor, "decide-change:" + _key)))
        {
            Navigation.NavigateTo($"/cases/awards/{Id}");
        }
    }
}
