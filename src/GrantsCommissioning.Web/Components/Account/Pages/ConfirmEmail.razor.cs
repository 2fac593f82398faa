using System.Text;
using GrantsCommissioning.Core.Data;
using GrantsCommissioning.Core.Domain;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;

namespace GrantsCommissioning.Web.Components.Account.Pages;

public partial class ConfirmEmail
{
    /// <summary>Null until the link has been checked (and when the page redirects).</summary>
    private bool? confirmed;

    [SupplyParameterFromQuery]
    private string? UserId { get; set; }

    [SupplyParameterFromQuery]
    private string? Code { get; set; }

    [SupplyParameterFromQuery]
    private string? ReturnUrl { get; set; }

    /// <summary>The sign-in page, passing on where the person was going when they created the account.</summary>
    private string SignInHref => string.IsNullOrEmpty(ReturnUrl)
        ? "Account/Login"
        : NavigationManager.GetUriWithQueryParameters("Account/Login", new Dictionary<string, object?> { ["ReturnUrl"] = ReturnUrl });

    protected override async Task OnInitializedAsync()
    {
        if (UserId is null || Code is null)
        {
            RedirectManager.RedirectTo("");
            return;
        }

        var user = await UserManager.FindByIdAsync(UserId);
        if (user is null)
        {
            // Not a 404: the site's status code pages would put "Page not found" in place of this explanation.
            confirmed = false;
            return;
        }

        string code;
        try
        {
            code = Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(Code));
        }
        catch (FormatException)
        {
            // The link was cut short or altered.
            confirmed = false;
            return;
        }

        var result = await UserManager.ConfirmEmailAsync(user, code);
        confirmed = result.Succeeded;
    }
}
