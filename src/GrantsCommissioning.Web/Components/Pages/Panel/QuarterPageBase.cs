using System.Security.Claims;
using GrantsCommissioning.Core.Domain;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;

namespace GrantsCommissioning.Web.Components.Pages.Panel;

/// <summary>
/// A staff Panel page about one quarter (<c>…/{Year}/{Quarter}</c>, the last completed quarter when the route names
/// none): resolves the quarter from the route, answers 404 for a quarter that does not exist, offers the recent quarters,
/// then lets the page load what it shows for the signed-in user.
/// </summary>
public abstract class QuarterPageBase : ComponentBase
{
    [Parameter]
    public int? Year { get; set; }

    [Parameter]
    public int? Quarter { get; set; }

    [CascadingParameter]
    private Task<AuthenticationState> AuthState { get; set; } = default!;

    [Inject]
    private TimeProvider Clock { get; set; } = default!;

    [Inject]
    protected NavigationManager Navigation { get; set; } = default!;

    protected FinancialQuarter CurrentQuarter { get; private set; }

    protected IReadOnlyList<FinancialQuarter> QuarterChoices { get; private set; } = [];

    protected override async Task OnParametersSetAsync()
    {
        var now = Clock.GetUtcNow();
        QuarterChoices = PanelReportPages.RecentQuarters(now);
        if (PanelReportPages.FromRoute(Year, Quarter, now) is not { } quarter)
        {
            Navigation.NotFound();
            return;
        }
        CurrentQuarter = quarter;
        await LoadQuarterAsync((await AuthState).User);
    }

    /// <summary>Loads the page's data for <see cref="CurrentQuarter"/>.</summary>
    protected abstract Task LoadQuarterAsync(ClaimsPrincipal user);

    /// <summary>The signed-in user (for the page's actions).</summary>
    protected async Task<ClaimsPrincipal> UserAsync() => (await AuthState).User;
}
