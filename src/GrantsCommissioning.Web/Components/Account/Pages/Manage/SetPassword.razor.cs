using System.ComponentModel.DataAnnotations;
using GrantsCommissioning.Core.Data;
using GrantsCommissioning.Core.Domain;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.AspNetCore.Identity;

namespace GrantsCommissioning.Web.Components.Account.Pages.Manage;

public partial class SetPassword
{
    private EditContext editContext = default!;
    private Dictionary<string, string>? identityErrors;
    private ApplicationUser? user;

    [CascadingParameter]
    private HttpContext HttpContext { get; set; } = default!;

    [SupplyParameterFromForm(FormName = "set-password")]
    private InputModel Input { get; set; } = default!;

    private bool HasErrors => identityErrors is not null || editContext.GetValidationMessages().Any();

    protected override async Task OnInitializedAsync()
    {
        Input ??= new();
        editContext = new EditContext(Input);

        user = await UserManager.GetUserAsync(HttpContext.User);
        if (user is null)
        {
            RedirectManager.RedirectToInvalidUser(UserManager, HttpContext);
            return;
        }

        if (await UserManager.HasPasswordAsync(user))
        {
            RedirectManager.RedirectTo("Account/Manage/ChangePassword");
        }
    }

    private async Task OnSubmitAsync()
    {
        if (!editContext.Validate())
        {
            return;
        }

        if (user is null)
        {
            RedirectManager.RedirectToInvalidUser(UserManager, HttpContext);
            return;
        }

        var result = await UserManager.AddPasswordAsync(user, Input.NewPassword);
        if (!result.Succeeded)
        {
            identityErrors = PasswordRules.ToFields(result.Errors, nameof(InputModel.NewPassword));
            return;
        }

        await SignInManager.RefreshSignInAsync(user);
        RedirectManager.RedirectToWithStatus("Account/Manage/ChangePassword", "Your password has been created. You can now sign in with your email address and password", HttpContext);
    }

    private sealed class InputModel
    {
        [Required(ErrorMessage = "Create a password")]
        [StringLength(100, ErrorMessage = PasswordRules.LengthMessage, MinimumLength = PasswordRules.MinimumLength)]
        [DataType(DataType.Password)]
        public string NewPassword { get; set; } = "";

        [Required(ErrorMessage = "Confirm your password")]
        [DataType(DataType.Password)]
        [Compare(nameof(NewPassword), ErrorMessage = "The passwords do not match")]
        public string ConfirmPassword { get; set; } = "";
    }
}
