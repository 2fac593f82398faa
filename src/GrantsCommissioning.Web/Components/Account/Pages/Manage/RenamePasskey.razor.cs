using System.Buffers.Text;
using System.ComponentModel.DataAnnotations;
using GrantsCommissioning.Core.Data;
using GrantsCommissioning.Core.Domain;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.AspNetCore.Identity;

namespace GrantsCommissioning.Web.Components.Account.Pages.Manage;

public partial class RenamePasskey
{
    private EditContext editContext = default!;
    private ApplicationUser? user;
    private UserPasskeyInfo? passkey;

    [CascadingParameter]
    private HttpContext HttpContext { get; set; } = default!;

    [Parameter]
    public string? Id { get; set; }

    [SupplyParameterFromForm(FormName = "rename-passkey")]
    private InputModel Input { get; set; } = default!;

    private bool HasErrors => editContext.GetValidationMessages().Any();

    private string Heading => passkey?.Name is { } name ? $"Rename your passkey \u201c{name}\u201d" : "Name your passkey";

    protected override async Task OnInitializedAsync()
    {
        Input ??= new();
        editContext = new EditContext(Input);

        user = (await UserManager.GetUserAsync(HttpContext.User))!;
        if (user is null)
        {
            RedirectManager.RedirectToInvalidUser(UserManager, HttpContext);
            return;
        }

        byte[] credentialId;
        try
        {
            credentialId = Base64Url.DecodeFromChars(Id);
        }
        catch (FormatException)
        {
            RedirectManager.RedirectToWithStatus("Account/Manage/Passkeys", "Error: That passkey was not found", HttpContext);
            return;
        }

        passkey = await UserManager.GetPasskeyAsync(user, credentialId);
        if (passkey is null)
        {
            RedirectManager.RedirectToWithStatus("Account/Manage/Passkeys", "Error: That passkey was not found", HttpContext);
            return;
        }
    }

    private async Task Rename()
    {
        if (!editContext.Validate() || passkey is null)
        {
            return;
        }

        passkey.Name = Input.Name.Trim();
        var result = await UserManager.AddOrUpdatePasskeyAsync(user!, passkey);
        if (!result.Succeeded)
        {
            RedirectManager.RedirectToWithStatus("Account/Manage/Passkeys", "Error: The passkey could not be renamed. Try again", HttpContext);
            return;
        }

        RedirectManager.RedirectToWithStatus("Account/Manage/Passkeys", "The passkey has been named", HttpContext);
    }

    private sealed class InputModel
    {
        [Required(ErrorMessage = "Enter a name for the passkey")]
        [StringLength(200, ErrorMessage = "The name must be 200 characters or fewer")]
        public string Name { get; set; } = "";
    }
}
