using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Core.Features.Organisations;
using Microsoft.AspNetCore.Components;

namespace GrantsCommissioning.Web.Components.Pages.Organisations.Members;

public partial class OrganisationMember
{
    [Parameter]
    public int Id { get; set; }

    [Parameter]
    public int MemberId { get; set; }

    [SupplyParameterFromForm(FormName = "role")]
    private string? Role { get; set; }

    // The confirmation is its own address, so the form on it is rendered again when it is posted.
    [SupplyParameterFromQuery(Name = "remove")]
    private int? Remove { get; set; }

    private MemberView? _member;
    private bool _confirmRemove => Remove == 1;

    private string ProfilePath => $"/applicant/organisations/{Id}";

    private bool IsMe => _member is not null && string.Equals(_member.Email, UserEmail, StringComparison.OrdinalIgnoreCase);

    private string Chosen => Role ?? _member?.Role.ToString() ?? "";

    protected override async Task OnInitializedAsync()
    {
        _member = await Members.GetAsync(Id, MemberId, Actor);
        if (_member is null)
        {
            NotFound();
        }
    }

    private async Task ChangeRoleAsync()
    {
        if (Show(await Members.ChangeRoleAsync(Id, MemberId, Role, Actor)))
        {
            Navigation.NavigateTo($"{ProfilePath}?saved=role#people");
        }
    }

    private async Task RemoveAsync()
    {
        var me = IsMe;
        if (Show(await Members.RemoveAsync(Id, MemberId, Actor)))
        {
            Navigation.NavigateTo(me ? "/applicant" : $"{ProfilePath}?saved=removed#people");
        }
    }
}
