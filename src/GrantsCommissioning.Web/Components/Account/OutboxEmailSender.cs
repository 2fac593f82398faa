using System.Net;
using GrantsCommissioning.Core.Data;
using GrantsCommissioning.Core.Email;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace GrantsCommissioning.Web.Components.Account;

/// <summary>Identity's emails (confirm address, reset password) as outbox rows, sent by the outbox job like every other email.</summary>
internal sealed class OutboxEmailSender(IDbContextFactory<GrantsDbContext> factory, IOutbox outbox) : IEmailSender<ApplicationUser>
{
    public const string ConfirmTemplate = "account-confirm-email";
    public const string ResetLinkTemplate = "account-reset-password";
    public const string ResetCodeTemplate = "account-reset-code";

    public Task SendConfirmationLinkAsync(ApplicationUser user, string email, string confirmationLink) =>
        QueueAsync(ConfirmTemplate, user, email, "Link", confirmationLink);

    public Task SendPasswordResetLinkAsync(ApplicationUser user, string email, string resetLink) =>
        QueueAsync(ResetLinkTemplate, user, email, "Link", resetLink);

    public Task SendPasswordResetCodeAsync(ApplicationUser user, string email, string resetCode) =>
        QueueAsync(ResetCodeTemplate, user, email, "Code", resetCode);

    private async Task QueueAsync(string template, ApplicationUser user, string email, string field, string value)
    {
        ArgumentNullException.ThrowIfNull(user);
        var db = await factory.CreateDbContextAsync().ConfigureAwait(false);
        await using (db.ConfigureAwait(false))
        {
            // The Identity pages HTML-encode links for an HTML body; these emails are plain text.
            outbox.Enqueue(db, template, email, string.IsNullOrWhiteSpace(user.DisplayName) ? null : user.DisplayName,
                new Dictionary<string, string> { [field] = WebUtility.HtmlDecode(value) }, $"identity:{template}:{user.Id}:{Guid.NewGuid():N}");
            await db.SaveChangesAsync().ConfigureAwait(false);
        }
    }
}
