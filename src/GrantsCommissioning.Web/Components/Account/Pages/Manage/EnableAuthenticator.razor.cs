using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using GrantsCommissioning.Core.Configuration;
using GrantsCommissioning.Core.Data;
using GrantsCommissioning.Core.Domain;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using QRCoder;

namespace GrantsCommissioning.Web.Components.Account.Pages.Manage;

public partial class EnableAuthenticator
{
    private const string AuthenticatorUriFormat = "otpauth://totp/{0}:{1}?secret={2}&issuer={0}&digits=6";

    private EditContext editContext = default!;
    private Dictionary<string, string>? wrongCode;
    private ApplicationUser? user;
    private bool isTwoFactorEnabled;
    private bool mustSetUp;
    private string? sharedKey;
    private MarkupString qrCode;
    private IEnumerable<string>? recoveryCodes;

    [CascadingParameter]
    private HttpContext HttpContext { get; set; } = default!;

    [SupplyParameterFromForm(FormName = "send-code")]
    private InputModel Input { get; set; } = default!;

    private bool HasErrors => wrongCode is not null || editContext.GetValidationMessages().Any();

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

        isTwoFactorEnabled = await UserManager.GetTwoFactorEnabledAsync(user);
        mustSetUp = !isTwoFactorEnabled && StaffTwoStepGate.IsStaff(HttpContext.User);
        await LoadSharedKeyAndQrCodeAsync(user);
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

        var is2faTokenValid = await UserManager.VerifyTwoFactorTokenAsync(
            user, UserManager.Options.Tokens.AuthenticatorTokenProvider, AuthenticatorCode.Normalise(Input.Code));

        if (!is2faTokenValid)
        {
            wrongCode = new() { [nameof(InputModel.Code)] = AuthenticatorCode.Wrong };
            return;
        }

        await UserManager.SetTwoFactorEnabledAsync(user, true);
        // Turning it on changes the security stamp, which ends every session but this one, renewed here.
        await SignInManager.RefreshSignInAsync(user);
        var userId = await UserManager.GetUserIdAsync(user);
        Logger.LogInformation("User with ID '{UserId}' has enabled 2FA with an authenticator app.", userId);

        if (await UserManager.CountRecoveryCodesAsync(user) == 0)
        {
            recoveryCodes = await UserManager.GenerateNewTwoFactorRecoveryCodesAsync(user, 10);
        }
        else
        {
            RedirectManager.RedirectToWithStatus("Account/Manage/TwoFactorAuthentication",
                "Your authenticator app has been checked. Two-step verification is on", HttpContext);
        }
    }

    private async ValueTask LoadSharedKeyAndQrCodeAsync(ApplicationUser user)
    {
        // Load the authenticator key & QR code URI to display on the form
        var unformattedKey = await UserManager.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(unformattedKey))
        {
            await UserManager.ResetAuthenticatorKeyAsync(user);
            unformattedKey = await UserManager.GetAuthenticatorKeyAsync(user);
        }

        sharedKey = FormatKey(unformattedKey!);

        var email = await UserManager.GetEmailAsync(user);
        qrCode = QrCodeSvg(GenerateQrCodeUri(email!, unformattedKey!));
    }

    private static string FormatKey(string unformattedKey)
    {
        var result = new StringBuilder();
        int currentPosition = 0;
        while (currentPosition + 4 < unformattedKey.Length)
        {
            result.Append(unformattedKey.AsSpan(currentPosition, 4)).Append(' ');
            currentPosition += 4;
        }
        if (currentPosition < unformattedKey.Length)
        {
            result.Append(unformattedKey.AsSpan(currentPosition));
        }

        return result.ToString().ToLowerInvariant();
    }

    /// <summary>The otpauth URI that authenticator apps read from the QR code; the issuer is the organisation's name, which the app shows.</summary>
    private string GenerateQrCodeUri(string email, string unformattedKey)
    {
        return string.Format(
            CultureInfo.InvariantCulture,
            AuthenticatorUriFormat,
            UrlEncoder.Encode(Options.Value.OrganisationName),
            UrlEncoder.Encode(email),
            unformattedKey);
    }

    /// <summary>The QR code as inline SVG, scaled by CSS (its size is a viewBox), black on white.</summary>
    private static MarkupString QrCodeSvg(string uri)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(uri, QRCodeGenerator.ECCLevel.L);
        using var code = new SvgQRCode(data);
        var svg = code.GetGraphic(8, "#0b0c0c", "#ffffff", drawQuietZones: true, SvgQRCode.SizingMode.ViewBoxAttribute);
        return new MarkupString(svg);
    }

    private sealed class InputModel
    {
        [Required(ErrorMessage = AuthenticatorCode.Missing)]
        [RegularExpression(AuthenticatorCode.Pattern, ErrorMessage = AuthenticatorCode.Missing)]
        public string Code { get; set; } = "";
    }
}
