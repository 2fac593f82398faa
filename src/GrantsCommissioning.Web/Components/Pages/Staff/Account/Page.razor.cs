using System.Globalization;
using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Core.Features;
using GrantsCommissioning.Core.Features.Staff;
using GrantsCommissioning.Web.Components.Account;
using Microsoft.AspNetCore.Components;

namespace GrantsCommissioning.Web.Components.Pages.Staff.Account;

public partial class Page
{
    private static readonly CultureInfo En = CultureInfo.GetCultureInfo("en-GB");

    private static readonly Dictionary<string, string> DoneMessages = new(StringComparer.Ordinal)
    {
        ["invited"] = "Invitation sent. The person chooses a password from the link in the email.",
        ["roles"] = "Roles saved.",
        ["disable"] = "Account disabled: the person cannot sign in, and any open session has ended.",
        ["enable"] = "Account enabled: the person can sign in again.",
        ["resend"] = "Invitation sent again.",
        ["reset-2fa"] = "Authenticator reset: the person sets up a new one at their next sign-in.",
    };

    private StaffDetail? _detail;
    private List<string> _roles = [];

    [Parameter]
    public string Id { get; set; } = "";

    [SupplyParameterFromQuery]
    private string? Done { get; set; }

    [SupplyParameterFromQuery]
    private string? Confirm { get; set; }

    [SupplyParameterFromForm(FormName = "act")]
    private string? Do { get; set; }

    [Inject]
    private StaffAdministration Staff { get; set; } = default!;

    [Inject]
    private AccountEmails Emails { get; set; } = default!;

    protected override async Task OnInitializedAsync()
    {
        _detail = await Staff.GetAsync(Id);
        if (_detail is null)
        {
            NotFound();
            return;
        }
        _roles = _detail.Member.Roles.ToList();
    }

    private async Task SaveRolesAsync()
    {
        _roles = Ticked("Input.Roles");
        if (Show(await Staff.SetRolesAsync(Id, new StaffRolesInput { Roles = _roles }, Actor)))
        {
            Navigation.NavigateTo($"/admin/staff/{Id}?done=roles");
        }
    }

    private async Task ActAsync()
    {
        FeatureResult<bool> result;
        switch (Do)
        {
            case "disable":
                result = await Staff.DisableAsync(Id, Actor);
                break;
            case "enable":
                result = await Staff.EnableAsync(Id, Actor);
                break;
            case "reset-2fa":
                result = await Staff.ResetTwoFactorAsync(Id, Actor);
                break;
            case "close":
                result = await Staff.CloseAsync(Id, Actor);
                if (Show(result))
                {
                    Navigation.NavigateTo("/admin/staff");
                }
                return;
            case "resend" when await Staff.InvitedAsync(Id, Actor) is { } invited:
                await Emails.SendStaffInvitationAsync(invited, Actor.DisplayName, _detail!.Member.RoleNames);
                result = FeatureResult<bool>.Ok(true);
                break;
            default:
                result = FeatureResult<bool>.Fail(new FormExpired());
                break;
        }
        if (Show(result))
        {
            Navigation.NavigateTo($"/admin/staff/{Id}?done={Do}");
        }
    }
}
