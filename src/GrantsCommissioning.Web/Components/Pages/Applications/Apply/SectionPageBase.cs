using GrantsCommissioning.Core.Features;
using GrantsCommissioning.Core.Features.Applications;
using GrantsCommissioning.Web.Components.Pages.Applicants;
using Microsoft.AspNetCore.Components;

namespace GrantsCommissioning.Web.Components.Pages.Applications.Apply;

/// <summary>
/// A section of the application form: loads the draft (404 if it is not the actor's), saves through one service call,
/// and after "Save and continue" goes back to the task list. An autosave (posted by js/autosave.js) renders the page so
/// the script can read the "Saved at" status.
/// </summary>
public abstract class SectionPageBase : ApplicantPageBase
{
    [Parameter]
    public int Id { get; set; }

    [Inject]
    protected ApplicationService Applications { get; set; } = default!;

    protected ApplicationView? View { get; private set; }

    protected string? Status { get; private set; }

    protected abstract string FormName { get; }

    protected abstract string? Intent { get; }

    protected override async Task OnInitializedAsync()
    {
        View = await Applications.GetAsync(Id, Actor);
        if (View is null)
        {
            NotFound();
            return;
        }
        if (!View.IsDraft)
        {
            Navigation.NavigateTo($"/applicant/applications/{Id}");
            return;
        }
        Status = $"Last saved at {UkClock(View.UpdatedAt)}";
        Fill(View);
    }

    /// <summary>Fills the form model from the saved draft when nothing was posted.</summary>
    protected abstract void Fill(ApplicationView view);

    protected async Task HandleAsync(Func<bool, Task<FeatureResult<DateTimeOffset>>> save)
    {
        ArgumentNullException.ThrowIfNull(save);
        if (View is null)
        {
            return;
        }
        var complete = Intent == "continue";
        var result = await save(complete);
        if (!Show(result))
        {
            Status = "Not saved: there is a problem with your answers.";
            return;
        }
        Status = $"Saved at {UkClock(result.Value)}";
        if (Intent is "continue" or "later")
        {
            Navigation.NavigateTo(Intent == "continue" ? $"/applicant/applications/{Id}" : "/applicant?saved=" + Id);
        }
    }
}
