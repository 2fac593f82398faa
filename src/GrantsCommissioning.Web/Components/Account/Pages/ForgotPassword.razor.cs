using System.ComponentModel.DataAnnotations;
using GrantsCommissioning.Core.Data;
using GrantsCommissioning.Core.Domain;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.AspNetCore.Identity;

namespace GrantsCommissioning.Web.Components.Account.Pages;

public partial class ForgotPassword
{
    private EditContext editContext = default!;

    [SupplyParameterFromForm]
    private InputModel Input { get; set; } = default!;

    private bool HasErrors => editContext.GetValidationMessages().Any();

    protected override void OnInitialized()
    {
        Input ??= new();
        editContext = new EditContext(Input);
    }

    private async Task OnSubmitAsync()
    {
        if (!editContext.Validate())
        {
            return;
        }

        var user = await UserManager.FindByEmailAsync(Input.Email);
        if (user is null || !(await UserManager.IsEmailConfirmedAsync(user)))
        {
            // Don't reveal that the user does not exist or is not confirmed
            RedirectManager.RedirectTo("Account/ForgotPasswordConfirmation");
            return;
        }

        await AccountEmails.SendPasswordResetLinkAsync(user, Input.Email);

        RedirectManager.RedirectTo("Account/ForgotPasswordConfirmation");
    }

    private sealed class InputModel
    {
        [Required(ErrorMessage = "Enter your email address")]
        [EmailAddress(ErrorMessage = "Enter an email address in the correct format, like name@example.com")]
        public string Email { get; set; } = "";
    }
}
