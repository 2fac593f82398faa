using System.Net;
using GrantsCommissioning.Core.Data;
using GrantsCommissioning.Core.Email;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace GrantsCommissioning.Core.Features.Accounts;

/// <summary>Identity's emails (confirm address, reset password) as outbox rows, sent by the outbox job like every other email.</summary>
public sealed class OutboxEmailSender(IDbContextFactory<GrantsDbContext> factory, IOutbox outbox) : IEmailSender<ApplicationUser>
{
    public const string ConfirmTemplate = "account-confirm-email";
    public const string ResetLinkTemplate = "account-reset-password";
    public const string ResetCodeTemplate = "account-reset-code";
    public const string AlreadyExistsTemplate = "account-already-exists";
    public const string ChangeEmailTemplate = "account-change-email";
    public const string ChangeRequestedTemplate = "account-email-change-requested";
    public const string StaffInvitationTemplate = "staff-invitation";

    public Task SendConfirmationLinkAsync(ApplicationUser user, string email, string confirmationLink) =>
        QueueAsync(ConfirmTemplate, user, email, "Link", confirmationLink);

    public Task SendPasswordResetLinkAsync(ApplicationUser user, string email, string resetLink) =>
        QueueAsync(ResetLinkTemplate, user, email, "Link", resetLink);

    public Task SendPasswordResetCodeAsync(ApplicationUser user, string email, string resetCode) =>
        QueueAsync(ResetCodeTemplate, user, email, "Code", resetCode);

    /// <summary>
    /// Tells the owner of an address that someone tried to register it again, so the Register page can answer exactly
    /// as it does for a new address and never reveal that an account exists.
    /// </summary>
    public Task SendAlreadyExistsAsync(ApplicationUser user, string email, string signInLink, string resetLink) =>
        QueueAsync(user, new Message(AlreadyExistsTemplate, email, new() { ["SignInLink"] = signInLink, ["ResetLink"] = resetLink }));

    /// <summary>
    /// Sends the link that changes the account's address to <paramref name="newEmail"/>, and tells the address in use
    /// now that a change was asked for, so someone who has taken over the account cannot move it away unnoticed. Both
    /// are saved together: neither goes without the other.
    /// </summary>
    public Task SendChangeEmailLinkAsync(ApplicationUser user, string newEmail, string changeLink, string signInLink)
    {
        ArgumentNullException.ThrowIfNull(user);
        var link = new Message(ChangeEmailTemplate, newEmail, new() { ["Link"] = changeLink });
        return string.IsNullOrWhiteSpace(user.Email)
            ? QueueAsync(user, link)
            : QueueAsync(user, link, new Message(ChangeRequestedTemplate, user.Email, new() { ["NewEmail"] = newEmail, ["SignInLink"] = signInLink }));
    }

    /// <summary>The invitation to a new staff account: the link sets its first password.</summary>
    public Task SendStaffInvitationAsync(ApplicationUser user, string invitedBy, string roles, string link)
    {
        ArgumentNullException.ThrowIfNull(user);
        return QueueAsync(user, new Message(StaffInvitationTemplate, user.Email!,
            new() { ["Link"] = link, ["RecipientName"] = user.DisplayName, ["InvitedBy"] = invitedBy, ["Roles"] = roles }));
    }

    private Task QueueAsync(string template, ApplicationUser user, string email, string field, string value) =>
        QueueAsync(user, new Message(template, email, new() { [field] = value }));

    private async Task QueueAsync(ApplicationUser user, params Message[] messages)
    {
        ArgumentNullException.ThrowIfNull(user);
        var db = await factory.CreateDbContextAsync();
        await using (db)
        {
            foreach (var m in messages)
            {
                // The Identity pages HTML-encode links for an HTML body; these emails are plain text.
                var plain = m.Values.ToDictionary(v => v.Key, v => WebUtility.HtmlDecode(v.Value), StringComparer.Ordinal);
                outbox.Enqueue(db, m.Template, m.To, string.IsNullOrWhiteSpace(user.DisplayName) ? null : user.DisplayName,
                    plain, $"identity:{m.Template}:{user.Id}:{Guid.NewGuid():N}");
            }
            await db.SaveChangesAsync();
        }
    }

    private sealed record Message(string Template, string To, Dictionary<string, string> Values);
}
