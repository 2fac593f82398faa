using System.ComponentModel.DataAnnotations;
using GrantsCommissioning.Core.Data;
using GrantsCommissioning.Core.Domain;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.AspNetCore.Identity;

namespace GrantsCommissioning.Web.Components.Account.Pages.Manage;

public partial class Email
{
    private EditContext editContext = default!;
    private Dictionary<string, string>? sameAddress;
    private string? message;
    private ApplicationUser? user;
    private string? email;
    private bool isEmailConfirmed;

    [CascadingParameter]
    private HttpContext HttpContext { get; set; } = default!;

    [SupplyParameterFromForm(FormName = "change-email")]
    private InputModel Input { get; set; } = default!;

    private bool HasErrors => sameAddress is not null || editContext.GetValidationMessages().Any();

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

        email = await UserManager.GetEmailAsync(user);
        isEmailConfirmed = await UserManager.IsEmailConfirmedAsync(user);
    }

    private async Task OnSubmitAsync()
    {
        if (!editContext.Validate())
        {
            return;
        }

        var newEmail = Input.NewEmail.Trim();
        if (string.Equals(newEmail, email, StringComparison.OrdinalIgnoreCase))
        {
            sameAddress = new() { [nameof(InputModel.NewEmail)] = "Enter a different email address from the one you use now" };
            return;
        }

        if (user is null)
        {
            RedirectManager.RedirectToInvalidUser(UserManager, HttpContext);
            return;
        }

        await AccountEmails.SendChangeEmailLinkAsync(user, newEmail);

        message = $"We have sent a link to {newEmail}. Follow it to change your email address. Until then, sign in with {email}.";
        Input.NewEmail = "";
    }

    private async Task OnSendEmailVerificationAsync()
    {
        if (email is null)
        {
            return;
        }

        if (user is null)
        {
            RedirectManager.RedirectToInvalidUser(UserManager, HttpContext);
            return;
        }

        await AccountEmails.SendConfirmationLinkAsync(user, email);

        message = $"We have sent a new confirmation link to {email}.";
    }

    private sealed class InputModel
    {
        [Required(ErrorMessage = "Enter your new email address")]
        [EmailAddress(ErrorMessage = "Enter an email address in the correct format, like name@example.com")]
        [StringLength(256, ErrorMessage = "Your email address must be 256 characters or fewer")]
        public string NewEmail { get; set; } = "";
    }
}
