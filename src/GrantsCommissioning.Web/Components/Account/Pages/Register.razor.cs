using System.ComponentModel.DataAnnotations;
using GrantsCommissioning.Core.Data;
using GrantsCommissioning.Core.Domain;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.AspNetCore.Identity;

namespace GrantsCommissioning.Web.Components.Account.Pages;

public partial class Register
{
    private Dictionary<string, string>? identityErrors;
    private bool invalid;

    [SupplyParameterFromForm]
    private InputModel Input { get; set; } = default!;

    [SupplyParameterFromQuery]
    private string? ReturnUrl { get; set; }


    protected override void OnInitialized()
    {
        Input ??= new();
    }

    public async Task RegisterUser(EditContext editContext)
    {
        var user = CreateUser();

        await UserStore.SetUserNameAsync(user, Input.Email, CancellationToken.None);
        var emailStore = GetEmailStore();
        await emailStore.SetEmailAsync(user, Input.Email, CancellationToken.None);
        user.DisplayName = Input.DisplayName.Trim();
        var result = await UserManager.CreateAsync(user, Input.Password);

        if (!result.Succeeded && result.Errors.All(e => e.Code is "DuplicateUserName" or "DuplicateEmail")
            && (await UserManager.FindByEmailAsync(Input.Email) ?? await UserManager.FindByNameAsync(Input.Email)) is { } existing)
        {
            // The page answers as it does for a new address, so it cannot be used to find out who has an account;
            // the owner learns of the attempt by email instead.
            Logger.LogInformation("Someone tried to create a second account for an address already registered.");
            if (existing.EmailConfirmed)
            {
                await AccountEmails.SendAlreadyExistsAsync(existing, existing.Email ?? Input.Email);
            }
            else
            {
                await AccountEmails.SendConfirmationLinkAsync(existing, existing.Email ?? Input.Email, ReturnUrl);
            }
            RedirectToCheckEmail();
            return;
        }
        if (!result.Succeeded)
        {
            identityErrors = PasswordRules.ToFields(result.Errors, nameof(InputModel.Password),
                ("DuplicateUserName", nameof(InputModel.Email), null), ("DuplicateEmail", nameof(InputModel.Email), null),
                ("InvalidEmail", nameof(InputModel.Email), null), ("InvalidUserName", nameof(InputModel.Email), null));
            return;
        }

        Logger.LogInformation("User created a new account with password.");
        // Anyone who registers here is an applicant; staff roles are given by an administrator.
        await UserManager.AddToRoleAsync(user, GrantsCommissioning.Core.Domain.Roles.Applicant);
        await AccountEmails.SendConfirmationLinkAsync(user, Input.Email, ReturnUrl);

        if (UserManager.Options.SignIn.RequireConfirmedAccount)
        {
            RedirectToCheckEmail();
        }
        else
        {
            await SignInManager.SignInAsync(user, isPersistent: false);
            RedirectManager.RedirectTo(ReturnUrl);
        }
    }

    private void RedirectToCheckEmail() =>
        RedirectManager.RedirectTo("Account/RegisterConfirmation", new() { ["email"] = Input.Email, ["returnUrl"] = ReturnUrl });

    private ApplicationUser CreateUser()
    {
        try
        {
            return Activator.CreateInstance<ApplicationUser>();
        }
        catch
        {
            throw new InvalidOperationException($"Can't create an instance of '{nameof(ApplicationUser)}'. " +
                $"Ensure that '{nameof(ApplicationUser)}' is not an abstract class and has a parameterless constructor.");
        }
    }

    private IUserEmailStore<ApplicationUser> GetEmailStore()
    {
        if (!UserManager.SupportsUserEmail)
        {
            throw new NotSupportedException("The default UI requires a user store with email support.");
        }
        return (IUserEmailStore<ApplicationUser>)UserStore;
    }

    private sealed class InputModel
    {
        [Required(ErrorMessage = "Enter your full name")]
        [StringLength(100, ErrorMessage = "Your name must be 100 characters or fewer")]
        public string DisplayName { get; set; } = "";

        [Required(ErrorMessage = "Enter your email address")]
        [EmailAddress(ErrorMessage = "Enter an email address in the correct format, like name@example.com")]
        [StringLength(256, ErrorMessage = "Your email address must be 256 characters or fewer")]
        public string Email { get; set; } = "";

        [Required(ErrorMessage = "Create a password")]
        [StringLength(100, ErrorMessage = PasswordRules.LengthMessage, MinimumLength = PasswordRules.MinimumLength)]
        [DataType(DataType.Password)]
        public string Password { get; set; } = "";

        [Required(ErrorMessage = "Confirm your password")]
        [DataType(DataType.Password)]
        [Compare("Password", ErrorMessage = "The passwords do not match")]
        public string ConfirmPassword { get; set; } = "";
    }
}
