using System.Text;
using System.Text.Encodings.Web;
using GrantsCommissioning.Core.Data;
using GrantsCommissioning.Core.Features.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;

namespace GrantsCommissioning.Web.Components.Account;

/// <summary>
/// The account emails that carry a link back to this site: the token, the link and the email, in one place for every
/// page that sends them (create an account, resend the link, change the address, reset the password, external sign-in).
/// Links come from <see cref="PublicLinks"/>, never from the request.
/// </summary>
internal sealed class AccountEmails(UserManager<ApplicationUser> users, PublicLinks links, OutboxEmailSender sender)
{
    /// <summary>The link that confirms <paramref name="user"/>'s address, sent to <paramref name="email"/>.</summary>
    public async Task SendConfirmationLinkAsync(ApplicationUser user, string email, string? returnUrl = null)
    {
        var query = new Dictionary<string, string?> { ["userId"] = await users.GetUserIdAsync(user), ["code"] = Encode(await users.GenerateEmailConfirmationTokenAsync(user)), ["returnUrl"] = returnUrl };
        await sender.SendConfirmationLinkAsync(user, email, Link("Account/ConfirmEmail", query));
    }

    /// <summary>The link that moves <paramref name="user"/>'s account to <paramref name="newEmail"/>, and the warning to the address in use now.</summary>
    public async Task SendChangeEmailLinkAsync(ApplicationUser user, string newEmail)
    {
        var code = Encode(await users.GenerateChangeEmailTokenAsync(user, newEmail));
        var link = Link("Account/ConfirmEmailChange", new() { ["userId"] = await users.GetUserIdAsync(user), ["email"] = newEmail, ["code"] = code });
        await sender.SendChangeEmailLinkAsync(user, newEmail, link, SignInLink);
    }

    /// <summary>The link that lets <paramref name="user"/> choose a new password, sent to <paramref name="email"/>.</summary>
    public async Task SendPasswordResetLinkAsync(ApplicationUser user, string email) =>
        await sender.SendPasswordResetLinkAsync(user, email, Link("Account/ResetPassword", new() { ["code"] = Encode(await users.GeneratePasswordResetTokenAsync(user)) }));

    /// <summary>The invitation to a new staff account, whose link sets its first password.</summary>
    public async Task SendStaffInvitationAsync(ApplicationUser user, string invitedBy, string roles) =>
        await sender.SendStaffInvitationAsync(user, invitedBy, roles, Link("Account/ResetPassword", new() { ["code"] = Encode(await users.GeneratePasswordResetTokenAsync(user)) }));

    /// <summary>Tells the owner of <paramref name="email"/> that someone tried to create a second account with it.</summary>
    public Task SendAlreadyExistsAsync(ApplicationUser user, string email) =>
        sender.SendAlreadyExistsAsync(user, email, SignInLink, links.To("Account/ForgotPassword"));

    private string SignInLink => links.To("Account/Login");

    private static string Encode(string token) => WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(token));

    // HTML-encoded, as IEmailSender's callers pass links; the sender decodes them for its plain-text emails.
    private string Link(string page, Dictionary<string, string?> query) => HtmlEncoder.Default.Encode(links.To(page, query));
}
