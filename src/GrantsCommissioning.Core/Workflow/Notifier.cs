using System.Globalization;
using GrantsCommissioning.Core.Data;
using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Core.Email;
using GrantsCommissioning.Core.Workflow.Definitions;
using GrantsCommissioning.Core.Workflow.Kinds;
using Microsoft.EntityFrameworkCore;

namespace GrantsCommissioning.Core.Workflow;

/// <summary>The fields every workflow email template may use.</summary>
public static class NotificationValues
{
    public static readonly IReadOnlySet<string> Known = new HashSet<string>(StringComparer.Ordinal)
    {
        "Reference", "WorkflowTitle", "State", "StateLabel", "PreviousStateLabel", "Action", "ActorName", "Comment",
        "Amount", "DueDate", "OrganisationName", "RecipientName", "Conditions", "Feedback",
    };
}

internal sealed record NotificationContext(
    WorkflowDefinition Definition, WorkflowCaseBase Case, CaseFacts Facts, StateDefinition From, StateDefinition To, TransitionDefinition? Transition,
    Actor Actor, string? Comment, Money? Amount, string KeyPrefix, IReadOnlyDictionary<string, string>? PayloadValues = null);

/// <summary>Writes the emails a transition sends into the outbox, in the transition's own transaction.</summary>
internal sealed class Notifier(IOutbox outbox)
{
    public async Task<int> QueueAsync(GrantsDbContext db, NotificationContext n, CancellationToken ct)
    {
        var notifications = (n.Transition?.Notify ?? []).ToList();
        if (n.From.Name != n.To.Name)
        {
            notifications.AddRange(n.To.Notify);
        }
        if (notifications.Count == 0)
        {
            return 0;
        }
        var orgId = n.Facts.OrganisationId;
        var orgName = orgId is null ? "" : await OrganisationName.For(db)(db, orgId.Value, ct) ?? "";
        var values = BaseValues(n, orgName);
        var queued = 0;
        foreach (var notification in notifications)
        {
            foreach (var (email, name) in await RecipientsAsync(db, notification.To, n.Facts, ct))
            {
                var personal = new Dictionary<string, string>(values) { ["RecipientName"] = string.IsNullOrWhiteSpace(name) ? "colleague" : name };
                var key = $"{n.KeyPrefix}:{notification.Template}:{email.ToUpperInvariant()}";
                if (outbox.Enqueue(db, notification.Template, email, name, personal, key) is not null)
                {
                    queued++;
                }
            }
        }
        return queued;
    }

    private static Dictionary<string, string> BaseValues(NotificationContext n, string orgName)
    {
        var amount = n.Amount ?? n.Facts.Amount;
        var due = n.Facts.DueDate;
        var values = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["Reference"] = n.Case.Reference,
            ["WorkflowTitle"] = n.Definition.Title,
            ["State"] = n.To.Name,
            ["StateLabel"] = n.To.DisplayName,
            ["PreviousStateLabel"] = n.From.DisplayName,
            ["Action"] = n.Transition?.DisplayName ?? n.To.DisplayName,
            ["ActorName"] = n.Actor.DisplayName,
            ["Comment"] = n.Comment ?? "",
            ["Amount"] = amount?.ToString() ?? "",
            ["DueDate"] = due?.ToString("d MMMM yyyy", CultureInfo.GetCultureInfo("en-GB")) ?? "",
            ["OrganisationName"] = orgName,
            ["Conditions"] = "",
            // Without a payload that says otherwise, what the applicant reads is the transition's comment (e.g. why it failed the checks).
            ["Feedback"] = n.Comment ?? "",
        };
        foreach (var (key, value) in n.PayloadValues ?? new Dictionary<string, string>())
        {
            values[key] = value;
        }
        return values;
    }

    /// <summary>
    /// "applicant": the organisation's members; "officer": the grants officer named on the case's award, or every grants
    /// officer when none is named (or the named one is disabled), so the email always reaches someone who acts on it;
    /// "role:X": every enabled user in role X.
    /// </summary>
    private static async Task<List<(string Email, string? Name)>> RecipientsAsync(GrantsDbContext db, IEnumerable<string> to, CaseFacts facts, CancellationToken ct)
    {
        var result = new List<(string, string?)>();
        foreach (var target in to)
        {
            if (target == "officer")
            {
                var officer = facts.OfficerUserId is { } officerId
                    ? await db.Users.Where(u => u.Id == officerId && !u.IsDisabled && u.Email != null).Select(u => new { u.Email, u.DisplayName }).FirstOrDefaultAsync(ct)
                    : null;
                result.AddRange(officer is not null
                    ? [(officer.Email!, officer.DisplayName)]
                    : await RoleMembersAsync(db, Roles.GrantsOfficer, ct));
            }
            else if (target == "applicant" && facts.OrganisationId is { } org)
            {
                result.AddRange(await MemberEmailsOf.For(db)(db, org).Select(email => (email, (string?)null)).ToListAsync(ct));
            }
            else if (target.StartsWith("role:", StringComparison.Ordinal))
            {
                result.AddRange(await RoleMembersAsync(db, target[5..], ct));
            }
        }
        return result.DistinctBy(r => r.Item1.ToUpperInvariant()).ToList();
    }

    private static async Task<List<(string Email, string? Name)>> RoleMembersAsync(GrantsDbContext db, string role, CancellationToken ct) =>
        await MembersOf.For(db)(db, role).Select(u => (u.Email!, u.DisplayName)).ToListAsync(ct);

    // Read on every transition that notifies a role (each submission tells the grants officers), so compiled.
    private static readonly CompiledPerModel<Func<GrantsDbContext, string, IAsyncEnumerable<RoleMember>>> MembersOf = new(() => EF.CompileAsyncQuery(
        (GrantsDbContext db, string role) =>
            from ur in db.UserRoles
            join r in db.Roles on ur.RoleId equals r.Id
            join u in db.Users on ur.UserId equals u.Id
            where r.Name == role && !u.IsDisabled && u.Email != null
            select new RoleMember(u.Email, u.DisplayName)));

    private sealed record RoleMember(string? Email, string? DisplayName);

    // Read by every transition that emails an organisation (each submission's receipt), so compiled.
    private static readonly CompiledPerModel<Func<GrantsDbContext, int, CancellationToken, Task<string?>>> OrganisationName = new(() => EF.CompileAsyncQuery(
        (GrantsDbContext db, int orgId, CancellationToken ct) => db.Organisations.Where(o => o.Id == orgId).Select(o => o.Name).FirstOrDefault()));

    private static readonly CompiledPerModel<Func<GrantsDbContext, int, IAsyncEnumerable<string>>> MemberEmailsOf = new(() => EF.CompileAsyncQuery(
        (GrantsDbContext db, int orgId) => db.OrganisationMembers.Where(m => m.OrganisationId == orgId && m.Email != "").Select(m => m.Email)));
}
