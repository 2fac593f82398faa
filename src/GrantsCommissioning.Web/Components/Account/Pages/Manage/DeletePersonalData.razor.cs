using System.ComponentModel.DataAnnotations;
using GrantsCommissioning.Core.Data;
using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Core.Features.Accounts;
using GrantsCommissioning.Web.Components.Workflow;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Identity;

namespace GrantsCommissioning.Web.Components.Account.Pages.Manage;

public partial class DeletePersonalData
{
    private ApplicationUser? user;
    private bool requirePassword;
    private bool invalid;
    private Dictionary<string, string>? errors;
    private IReadOnlyList<string> blockers = [];

    [CascadingParameter]
    private HttpContext HttpContext { get; set; } = default!;

    [SupplyParameterFromForm]
    private InputModel Input { get; set; } = default!;

    protected override async Task OnInitializedAsync()
    {
        Input ??= new();
        user = await UserManager.GetUserAsync(HttpContext.User);
        if (user is null)
        {
            RedirectManager.RedirectToInvalidUser(UserManager, HttpContext);
            return;
        }
        requirePassword = await UserManager.HasPasswordAsync(user);
        blockers = await Closure.BlockersAsync(user.Id);
    }

    private async Task OnValidSubmitAsync()
    {
        if (user is null || blockers.Count > 0)
        {
            return;
        }
        if (requirePassword && (string.IsNullOrEmpty(Input.Password) || !await UserManager.CheckPasswordAsync(user, Input.Password)))
        {
            errors = new() { [nameof(InputModel.Password)] = string.IsNullOrEmpty(Input.Password) ? "Enter your password" : "Your password is not right" };
            return;
        }
        var actor = WorkflowActor.From(HttpContext.User) ?? throw new InvalidOperationException("A signed-in user has no workflow identity.");
        var closed = await Closure.CloseAsync(actor);
        if (!closed.Succeeded)
        {
            errors = new() { [""] = closed.Errors.Values.First() };
            return;
        }
        await SignInManager.SignOutAsync();
        Logger.LogInformation("User with ID '{UserId}' closed their account.", actor.UserId);
        RedirectManager.RedirectTo("Account/Closed");
    }

    private sealed class InputModel
    {
        [DataType(DataType.Password)]
        public string Password { get; set; } = "";
    }
}
