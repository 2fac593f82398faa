using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Core.Features.Organisations;
using Microsoft.AspNetCore.Components;

namespace GrantsCommissioning.Web.Components.Pages.Organisations.Profile;

public partial class OrganisationProfile
{
    [Parameter]
    public int Id { get; set; }

    [SupplyParameterFromForm(FormName = "details", Name = "Input")]
    private OrganisationInput? Details { get; set; }

    [SupplyParameterFromForm(FormName = "bank")]
    private BankDetailsInput? Bank { get; set; }

    [SupplyParameterFromForm(FormName = "invite")]
    private InviteInput? Invite { get; set; }

    [SupplyParameterFromQuery(Name = "saved")]
    private string? Saved { get; set; }

    private OrganisationView? _org;
    private string? _message;
    private string? _form;

    protected override async Task OnInitializedAsync()
    {
        _org = await Organisations.GetAsync(Id, Actor);
        if (_org is null)
        {
            NotFound();
            return;
        }
        Details ??= _org.ToInput();
        _message = Saved switch
        {
            "1" => "Your organisation has been saved.",
            "role" => "The role has been changed.",
            "removed" => "They have been removed from the organisation.",
            _ => null,
        };
    }

    private async Task SaveDetailsAsync() => await AfterAsync("details", await Organisations.UpdateAsync(Id, Details!, Actor), "Organisation details saved.");

    private async Task SaveBankAsync() => await AfterAsync("bank", await Organisations.SetBankDetailsAsync(Id, Bank!, Actor), "Bank account saved. Only the last four digits are shown from now on.");

    private async Task InviteAsync() =>
        await AfterAsync("invite", await Organisations.InviteAsync(Id, Invite!, Actor, Links.To("Account/Login")), $"Invitation sent to {Invite?.Email?.Trim()}.");

    private async Task AfterAsync(string form, GrantsCommissioning.Core.Features.FeatureResult<int> result, string message)
    {
        if (_org is null)
        {
            return;
        }
        _form = form;
        if (Show(result))
        {
            _message = message;
            _org = await Organisations.GetAsync(Id, Actor);
            Details = _org!.ToInput();
            Bank = null;
            Invite = null;
        }
    }
}
