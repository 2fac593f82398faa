using System.ComponentModel.DataAnnotations;
using System.Text;
using GrantsCommissioning.Core.Data;
using GrantsCommissioning.Core.Domain;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;

namespace GrantsCommissioning.Web.Components.Account.Pages;

public partial class ResetPassword
{
    private EditContext editContext = default!;
    private Dictionary<string, string>? identityErrors;
    private bool linkRejected;

    [SupplyParameterFromForm]
    private InputModel Input { get; set; } = default!;

    [SupplyParameterFromQuery]
    private string? Code { get; set; }

    private bool HasErrors => identityErrors is not null || editContext.GetValidationMessages().Any();

    protected override void OnInitialized()
    {
        Input ??= new();
        editContext = new EditContext(Input);

        var code = Decode(Code);
        if (code is null)
        {
            RedirectManager.RedirectTo("Account/InvalidPasswordReset");
            return;
        }

        Input.Code = code;
    }

    private async Task OnSubmitAsync()
    {
        if (!editContext.Validate())
        {
            return;
        }

        var user = await UserManager.FindByEmailAsync(Input.Email);
        if (user is null)
        {
            // Don't reveal that the user does not exist
            RedirectManager.RedirectTo("Account/ResetPasswordConfirmation");
            return;
        }

        var result = await UserManager.ResetPasswordAsync(user, Input.Code, Input.Password);
        if (result.Succeeded)
        {
            RedirectManager.RedirectTo("Account/ResetPasswordConfirmation");
            return;
        }

        linkRejected = result.Errors.Any(error => error.Code == "InvalidToken");
        identityErrors = PasswordRules.ToFields(result.Errors, nameof(InputModel.Password), ("InvalidToken", "",
            "The link to reset your password has expired, has already been used, or was sent for a different email address. Check the email address, or ask for a new link"));
    }

    /// <summary>The reset token from the link, or null when the link has none or it has been cut short or altered.</summary>
    private static string? Decode(string? code)
    {
        if (string.IsNullOrEmpty(code))
        {
            return null;
        }
        try
        {
            return Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(code));
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private sealed class InputModel
    {
        [Required(ErrorMessage = "Enter your email address")]
        [EmailAddress(ErrorMessage = "Enter an email address in the correct format, like name@example.com")]
        public string Email { get; set; } = "";

        [Required(ErrorMessage = "Enter a new password")]
        [StringLength(100, ErrorMessage = PasswordRules.LengthMessage, MinimumLength = PasswordRules.MinimumLength)]
        [DataType(DataType.Password)]
        public string Password { get; set; } = "";

        [Required(ErrorMessage = "Confirm your new password")]
        [DataType(DataType.Password)]
        [Compare("Password", ErrorMessage = "The passwords do not match")]
        public string ConfirmPassword { get; set; } = "";

        [Required]
        public string Code { get; set; } = "";
    }
}
