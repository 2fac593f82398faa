using GrantsCommissioning.Core.Features.Rounds;
using GrantsCommissioning.Web.Components.Pages.Applicants;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Http;

namespace GrantsCommissioning.Web.Components.Pages.Rounds;

/// <summary>
/// The officer's round pages (static SSR forms): the signed-in actor, errors to show and a 404 for a round that does
/// not exist, as the applicant's form pages have them.
/// </summary>
public abstract class RoundPageBase : ApplicantPageBase
{
    [Inject]
    protected RoundService Rounds { get; set; } = default!;

    /// <summary>Checkbox groups post one value per ticked box under the same name, which form binding does not collect into a list.</summary>
    protected List<string> Ticked(string name) =>
        HttpContext.Request.HasFormContentType ? HttpContext.Request.Form[name].Where(v => !string.IsNullOrEmpty(v)).Select(v => v!).ToList() : [];

    /// <summary>The form as posted (ticked boxes collected), or as loaded, with every criterion row present.</summary>
    protected void BindChoices(RoundInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (HttpMethods.IsPost(HttpContext.Request.Method))
        {
            input.OrganisationTypes = Ticked("Input.OrganisationTypes");
            input.Areas = Ticked("Input.Areas");
        }
        input.WithCriterionRows();
    }
}
