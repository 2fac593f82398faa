using GrantsCommissioning.Core.Workflow;
using GrantsCommissioning.Web.Components.Shared;
using GrantsCommissioning.Web.Components.Workflow;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;

namespace GrantsCommissioning.Web.Components.Pages.PaymentRuns;

/// <summary>What the finance pages share: the signed-in finance user, the form's errors and a one-line confirmation.</summary>
public abstract class FinancePageBase : ComponentBase
{
    protected static readonly System.Globalization.CultureInfo Uk = System.Globalization.CultureInfo.GetCultureInfo("en-GB");

    [CascadingParameter]
    private Task<AuthenticationState> AuthState { get; set; } = default!;

    protected IReadOnlyDictionary<string, string> Errors { get; set; } = FieldIds.None;

    protected string? Message { get; set; }

    protected bool Busy { get; set; }

    protected async Task<Actor> ActorAsync() => WorkflowActor.From((await AuthState).User)!;

    protected static string D(DateOnly d) => d.ToString("d MMM yyyy", Uk);

    /// <summary>Runs a change: shows its errors, or the confirmation and reloads.</summary>
    protected async Task ChangeAsync<T>(Func<Task<Core.Features.FeatureResult<T>>> change, string done, Func<Task> reload)
    {
        ArgumentNullException.ThrowIfNull(change);
        ArgumentNullException.ThrowIfNull(reload);
        Busy = true;
        Message = null;
        try
        {
            var result = await change();
            Errors = result.Errors;
            if (result.Succeeded)
            {
                Message = done;
                await reload();
            }
        }
        finally
        {
            Busy = false;
        }
    }
}
