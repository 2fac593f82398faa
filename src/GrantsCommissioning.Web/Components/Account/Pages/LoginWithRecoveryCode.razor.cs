using System.ComponentModel.DataAnnotations;
using GrantsCommissioning.Core.Data;
using GrantsCommissioning.Core.Domain;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.AspNetCore.Identity;

namespace GrantsCommissioning.Web.Components.Account.Pages;

public partial class LoginWithRecoveryCode
{
    private EditContext editContext = default!;
    private Dictionary<string, string>? wrongCode;
    private ApplicationUser? user;

    [SupplyParameterFromForm(FormName = "login-with-recovery-code")]
    private InputModel Input { get; set; } = default!;

    [SupplyParameterFromQuery]
    private string? ReturnUrl { get; set; }

    private bool HasErrors => wrongCode is not null || editContext.GetValidationMessages().Any();

    protected override async Task OnInitializedAsync()
    {
        Input ??= new();
        editContext = new EditContext(Input);

        // Only after the email address and password have been accepted: otherwise, back to sign in.
        user = await SignInManager.GetTwoFactorAuthenticationUserAsync();
        if (user is null)
        {
            RedirectManager.RedirectTo("Account/Login");
        }
    }

    private async Task OnSubmitAsync()
    {
        if (!editContext.Validate() || user is null)
        {
            return;
        }

        // The codes are capital letters and digits ("4FDH2-K9X3P"); people type them as they please.
        var recoveryCode = Input.RecoveryCode.Replace(" ", string.Empty, StringComparison.Ordinal).ToUpperInvariant();

        var result = await SignInManager.TwoFactorRecoveryCodeSignInAsync(recoveryCode);

        var userId = await UserManager.GetUserIdAsync(user);

        if (result.Succeeded)
        {
            Logger.LogInformation("User with ID '{UserId}' logged in with a recovery code.", userId);
            RedirectManager.RedirectTo(ReturnUrl);
        }
        else if (result.IsLockedOut)
        {
            Logger.LogWarning("User account locked out.");
            RedirectManager.RedirectTo("Account/Lockout");
        }
        else
        {
            Logger.LogWarning("Invalid recovery code entered for user with ID '{UserId}' ", userId);
            wrongCode = new() { [nameof(InputModel.RecoveryCode)] = "The recovery code is not right, or has been used already. Check it and try again" };
        }
    }

    private sealed class InputModel
    {
        [Required(ErrorMessage = "Enter a recovery code")]
        public string RecoveryCode { get; set; } = "";
    }
}
