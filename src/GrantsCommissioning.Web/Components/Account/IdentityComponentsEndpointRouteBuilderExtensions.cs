using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Primitives;
using GrantsCommissioning.Web.Components.Account;
using GrantsCommissioning.Web.Components.Account.Pages;
using GrantsCommissioning.Web.Components.Account.Pages.Manage;
using GrantsCommissioning.Core.Data;
using GrantsCommissioning.Core.Features.Accounts;
using GrantsCommissioning.Web.Security;

namespace Microsoft.AspNetCore.Routing;

internal static class IdentityComponentsEndpointRouteBuilderExtensions
{
    // These endpoints are required by the Identity Razor components defined in the /Components/Account/Pages directory of this project.
    public static IEndpointConventionBuilder MapAdditionalIdentityEndpoints(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);

        var accountGroup = endpoints.MapGroup("/Account");

        accountGroup.MapPost("/PerformExternalLogin", (
            HttpContext context,
            [FromServices] SignInManager<ApplicationUser> signInManager,
            [FromForm] string provider,
            [FromForm] string returnUrl) =>
        {
            IEnumerable<KeyValuePair<string, StringValues>> query = [
                new("ReturnUrl", returnUrl),
                new("Action", ExternalLogin.LoginCallbackAction)];

            var redirectUrl = UriHelper.BuildRelative(
                context.Request.PathBase,
                "/Account/ExternalLogin",
                QueryString.Create(query));

            var properties = signInManager.ConfigureExternalAuthenticationProperties(provider, redirectUrl);
            return TypedResults.Challenge(properties, [provider]);
        });

        accountGroup.MapPost("/Logout", async (
            HttpContext context,
            ClaimsPrincipal user,
            [FromServices] SignInManager<ApplicationUser> signInManager,
            [FromForm] string returnUrl) =>
        {
            await Sessions.SignOutEverywhereAsync(signInManager, user);
            var site = UriHelper.BuildAbsolute(context.Request.Scheme, context.Request.Host, context.Request.PathBase, "/");
            return TypedResults.LocalRedirect(LocalUrl.OnThisSite(returnUrl, site));
        });

        accountGroup.MapPost("/PasskeyCreationOptions", async (
            HttpContext context,
            [FromServices] UserManager<ApplicationUser> userManager,
            [FromServices] SignInManager<ApplicationUser> signInManager) =>
        {
            var user = await userManager.GetUserAsync(context.User);
            if (user is null)
            {
                return Results.NotFound($"Unable to load user with ID '{userManager.GetUserId(context.User)}'.");
            }

            var userId = await userManager.GetUserIdAsync(user);
            var userName = await userManager.GetUserNameAsync(user) ?? "User";
            var optionsJson = await signInManager.MakePasskeyCreationOptionsAsync(new()
            {
                Id = userId,
                Name = userName,
                DisplayName = userName
            });
            return TypedResults.Content(optionsJson, contentType: "application/json");
        }).AddEndpointFilter(RequireAntiforgeryToken);

        accountGroup.MapPost("/PasskeyRequestOptions", async (
            HttpContext context,
            [FromServices] UserManager<ApplicationUser> userManager,
            [FromServices] SignInManager<ApplicationUser> signInManager,
            [FromQuery] string? username) =>
        {
            var user = string.IsNullOrEmpty(username) ? null : await userManager.FindByNameAsync(username);
            var optionsJson = await signInManager.MakePasskeyRequestOptionsAsync(user);
            return TypedResults.Content(optionsJson, contentType: "application/json");
        }).AddEndpointFilter(RequireAntiforgeryToken).AllowAnonymous(); // Signing in with a passkey happens signed out.

        var manageGroup = accountGroup.MapGroup("/Manage").RequireAuthorization();

        manageGroup.MapPost("/LinkExternalLogin", async (
            HttpContext context,
            [FromServices] SignInManager<ApplicationUser> signInManager,
            [FromForm] string provider) =>
        {
            // Clear the existing external cookie to ensure a clean login process
            await context.SignOutAsync(IdentityConstants.ExternalScheme);

            var redirectUrl = UriHelper.BuildRelative(
                context.Request.PathBase,
                "/Account/Manage/ExternalLogins",
                QueryString.Create("Action", ExternalLogins.LinkLoginCallbackAction));

            var properties = signInManager.ConfigureExternalAuthenticationProperties(provider, redirectUrl, signInManager.UserManager.GetUserId(context.User));
            return TypedResults.Challenge(properties, [provider]);
        });

        var loggerFactory = endpoints.ServiceProvider.GetRequiredService<ILoggerFactory>();
        var downloadLogger = loggerFactory.CreateLogger("DownloadPersonalData");

        manageGroup.MapPost("/DownloadPersonalData", async (
            HttpContext context,
            [FromServices] UserManager<ApplicationUser> userManager,
            [FromServices] PersonalDataExport records) =>
        {
            var user = await userManager.GetUserAsync(context.User);
            if (user is null)
            {
                return Results.NotFound($"Unable to load user with ID '{userManager.GetUserId(context.User)}'.");
            }

            var userId = await userManager.GetUserIdAsync(user);
            downloadLogger.LogInformation("User with ID '{UserId}' asked for their personal data.", userId);

            // What the account holds about the person: the fields Identity marks as personal data, their sign-ins
            // elsewhere and their organisations. Secrets (password hash, authenticator key) are not personal data to hand out.
            var account = typeof(ApplicationUser).GetProperties()
                .Where(prop => Attribute.IsDefined(prop, typeof(PersonalDataAttribute)))
                .ToDictionary(p => p.Name, p => p.GetValue(user)?.ToString());
            var logins = (await userManager.GetLoginsAsync(user)).Select(l => new { Provider = l.ProviderDisplayName ?? l.LoginProvider, Key = l.ProviderKey });
            // And what the grant records hold about them: applications, memberships, returns, messages, audit entries and emails.
            var held = await records.ForAsync(userId, user.Email ?? "");
            var fileBytes = JsonSerializer.SerializeToUtf8Bytes(new
            {
                Account = account,
                Roles = await userManager.GetRolesAsync(user),
                ExternalSignIns = logins,
                held.Organisations,
                held.Applications,
                held.ReturnsSubmitted,
                held.Messages,
                held.AuditEntries,
                held.EmailsSent,
            }, new JsonSerializerOptions { WriteIndented = true });

            return TypedResults.File(fileBytes, contentType: "application/json", fileDownloadName: "PersonalData.json");
        }).AddEndpointFilter(RequireAntiforgeryToken);

        return accountGroup;
    }

    /// <summary>
    /// For endpoints that bind no form field, which the antiforgery middleware therefore does not check: a missing or
    /// wrong token (form field or RequestVerificationToken header) is a 400, not an exception.
    /// </summary>
    private static async ValueTask<object?> RequireAntiforgeryToken(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var antiforgery = context.HttpContext.RequestServices.GetRequiredService<IAntiforgery>();
        return await antiforgery.IsRequestValidAsync(context.HttpContext) ? await next(context) : Results.BadRequest();
    }
}
