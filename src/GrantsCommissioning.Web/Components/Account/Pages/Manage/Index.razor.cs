using System.ComponentModel.DataAnnotations;
using GrantsCommissioning.Core.Data;
using GrantsCommissioning.Core.Domain;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.AspNetCore.Identity;

namespace GrantsCommissioning.Web.Components.Account.Pages.Manage;

public partial class Index
{
    private EditContext editContext = default!;
    private Dictionary<string, string>? saveError;
    private ApplicationUser? user;
    private string? email;
    private string? phoneNumber;

    [CascadingParameter]
    private HttpContext HttpContext { get; set; } = default!;

    [SupplyParameterFromForm(FormName = "profile")]
    private InputModel Input { get; set; } = default!;

    private bool HasErrors => saveError is not null || editContext.GetValidationMessages().Any();

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
        phoneNumber = await UserManager.GetPhoneNumberAsync(user);

        // Filled from the account only when the page is first shown: after a post the fields keep what was sent,
        // so an emptied field stays empty (and the name is then asked for, the telephone number removed).
        if (HttpMethods.IsGet(HttpContext.Request.Method))
        {
            Input.DisplayName = user.DisplayName;
            Input.PhoneNumber = phoneNumber;
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

        var name = Input.DisplayName.Trim();
        if (name != user.DisplayName)
        {
            user.DisplayName = name;
            if (!(await UserManager.UpdateAsync(user)).Succeeded)
            {
                saveError = new() { [""] = "Your details could not be saved. Try again" };
                return;
            }
        }

        var phone = string.IsNullOrWhiteSpace(Input.PhoneNumber) ? null : Input.PhoneNumber.Trim();
        if (phone != phoneNumber && !(await UserManager.SetPhoneNumberAsync(user, phone)).Succeeded)
        {
            saveError = new() { [""] = "Your telephone number could not be saved. Try again" };
            return;
        }

        // A new cookie for the changed account (setting the number changes the security stamp the cookie is checked against).
        await SignInManager.RefreshSignInAsync(user);
        RedirectManager.RedirectToCurrentPageWithStatus("Your details have been saved", HttpContext);
    }

    private sealed class InputModel
    {
        [Required(ErrorMessage = "Enter your full name")]
        [StringLength(100, ErrorMessage = "Your name must be 100 characters or fewer")]
        public string DisplayName { get; set; } = "";

        [TelephoneNumber]
        [StringLength(30, ErrorMessage = "Enter a telephone number, like 01905 331545 or 07700 900 982")]
        public string? PhoneNumber { get; set; }
    }
}
