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
