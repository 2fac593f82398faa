using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Core.Features.Applicants;
using GrantsCommissioning.Core.Workflow;
using Microsoft.AspNetCore.Components;

namespace GrantsCommissioning.Web.Components.Pages.Awards.Offer;

public partial class OfferPage
{
    [Parameter]
    public int Id { get; set; }

    /// <summary>Generated when the page renders and posted back, so a double click or a retry is one acceptance and one award.</summary>
    [SupplyParameterFromForm(FormName = "accept")]
    private string? IdempotencyKey { get; set; }

    [SupplyParameterFromForm(FormName = "accept")]
    private bool Declaration { get; set; }

    private OfferView? _offer;
    private string _key = "";

    protected override async Task OnInitializedAsync()
    {
        _offer = await Track.OfferAsync(Id, Actor);
        if (_offer is null)
        {
            NotFound();
            return;
        }
        if (IdempotencyKey is not null && _offer.AwardId is not null)
        {
            // A second click arriving after the first committed: the form is gone, so show the first acceptance.
            Navigation.NavigateTo($"/applicant/offers/{Id}/accepted");
            return;
        }
        _key = IdempotencyKey ?? Guid.NewGuid().ToString("N");
    }

    private async Task AcceptAsync()
    {
        if (_offer is null)
        {
            return;
        }
        if (Show(await Track.AcceptOfferAsync(Id, Declaration, Actor, IdempotencyKey)))
        {
            Navigation.NavigateTo($"/applicant/offers/{Id}/accepted");
        }
    }
}
