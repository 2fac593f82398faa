using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Core.Features.Applicants;
using Microsoft.AspNetCore.Components;

namespace GrantsCommissioning.Web.Components.Pages.Awards.Offer;

public partial class OfferDecline
{
    [Parameter]
    public int Id { get; set; }

    [SupplyParameterFromForm(FormName = "decline")]
    private string? IdempotencyKey { get; set; }

    [SupplyParameterFromForm(FormName = "decline")]
    private string? Reason { get; set; }

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
        if (!_offer.IsOpen)
        {
            Navigation.NavigateTo($"/applicant/offers/{Id}");
            return;
        }
        _key = IdempotencyKey ?? Guid.NewGuid().ToString("N");
    }

    private async Task DeclineAsync()
    {
        if (_offer is null)
        {
            return;
        }
        if (Show(await Track.DeclineOfferAsync(Id, Reason, Actor, IdempotencyKey)))
        {
            Navigation.NavigateTo($"/applicant/offers/{Id}");
        }
    }
}
