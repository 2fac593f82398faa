using System.ComponentModel.DataAnnotations;
using GrantsCommissioning.Core.Data;
using GrantsCommissioning.Core.Domain;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.AspNetCore.Identity;

namespace GrantsCommissioning.Web.Components.Account.Pages;

public partial class LoginWith2fa
{
    private EditContext editContext = default!;
    private Dictionary<string, string>? wrongCode;
    private ApplicationUser? user;

    [SupplyParameterFromForm(FormName = "login-with-2fa")]
    private InputModel Input { get; set; } = default!;

    [SupplyParameterFromQuery]
    private string? ReturnUrl { get; set; }

    [SupplyParameterFromQuery]
    private bool RememberMe { get; set; }

    private bool HasErrors => wrongCode is not null || editContext.GetValidationMessages().Any();

    private string RecoveryCodeHref => NavigationManager.GetUriWithQueryParameters("Account/LoginWithRecoveryCode",
        new Dictionary<string, object?> { ["ReturnUrl"] = ReturnUrl });

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

        var authenticatorCode = AuthenticatorCode.Normalise(Input.TwoFactorCode);
        var result = await SignInManager.TwoFactorAuthenticatorSignInAsync(authenticatorCode, RememberMe, Input.RememberMachine);
        var userId = await UserManager.GetUserIdAsync(user);

        if (result.Succeeded)
        {
            Logger.LogInformation("User with ID '{UserId}' logged in with 2fa.", userId);
            RedirectManager.RedirectTo(ReturnUrl);
        }
        else if (result.IsLockedOut)
        {
            Logger.LogWarning("User with ID '{UserId}' account locked out.", userId);
            RedirectManager.RedirectTo("Account/Lockout");
        }
        else
        {
            Logger.LogWarning("Invalid authenticator code entered for user with ID '{UserId}'.", userId);
            wrongCode = new() { [nameof(InputModel.TwoFactorCode)] = AuthenticatorCode.Wrong };
        }
    }

    private sealed class InputModel
    {
        [Required(ErrorMessage = AuthenticatorCode.Missing)]
        [RegularExpression(AuthenticatorCode.Pattern, ErrorMessage = AuthenticatorCode.Missing)]
        public string TwoFactorCode { get; set; } = "";

        public bool RememberMachine { get; set; }
    }
}
