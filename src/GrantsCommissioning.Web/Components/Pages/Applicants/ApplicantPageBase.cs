using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Core.Features;
using GrantsCommissioning.Core.Workflow;
using GrantsCommissioning.Web.Components.Shared;
using GrantsCommissioning.Web.Components.Workflow;
using Microsoft.AspNetCore.Components;

namespace GrantsCommissioning.Web.Components.Pages.Applicants;

/// <summary>Applicant pages (static SSR): the signed-in actor, errors to show, and a 404 for records that are not theirs.</summary>
public abstract class ApplicantPageBase : ComponentBase
{
    [CascadingParameter]
    protected HttpContext HttpContext { get; set; } = default!;

    [Inject]
    protected NavigationManager Navigation { get; set; } = default!;

    protected Actor Actor => WorkflowActor.From(HttpContext.User) ?? throw new InvalidOperationException("Applicant pages need a signed-in user.");

    protected string UserEmail => HttpContext.User.Identity?.Name ?? "";

    protected IReadOnlyDictionary<string, string> Errors { get; set; } = FieldIds.None;

    /// <summary>Another organisation's record, or one that does not exist: the same 404, with no data.</summary>
    protected void NotFound() => Navigation.NotFound();

    protected bool Show<T>(FeatureResult<T> result)
    {
        ArgumentNullException.ThrowIfNull(result);
        Errors = result.Errors;
        return result.Succeeded;
    }

    /// <summary>Checkbox groups post one value per ticked box under the same name, which form binding does not collect into a list.</summary>
    protected List<string> Ticked(string name) =>
        HttpContext.Request.HasFormContentType ? HttpContext.Request.Form[name].Where(v => !string.IsNullOrEmpty(v)).Select(v => v!).ToList() : [];

    protected string GroupClass(string key) => Errors.ContainsKey(key) ? "form-group form-group--error" : "form-group";

    protected string InputClass(string key, string baseClass = "form-input") => Errors.ContainsKey(key) ? baseClass + " form-input--error" : baseClass;

    protected string? Described(string key, string? hintId = null)
    {
        var ids = new List<string>();
        if (hintId is not null)
        {
            ids.Add(hintId);
        }
        if (Errors.ContainsKey(key))
        {
            ids.Add(FieldIds.For(key) + "-error");
        }
        return ids.Count == 0 ? null : string.Join(' ', ids);
    }

    protected static string UkClock(DateTimeOffset instant) => UkTime.ToUk(instant).ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture);
}
