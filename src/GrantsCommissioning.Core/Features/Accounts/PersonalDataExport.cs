using GrantsCommissioning.Core.Data;
using GrantsCommissioning.Core.Domain;
using Microsoft.EntityFrameworkCore;

namespace GrantsCommissioning.Core.Features.Accounts;

public sealed record PersonalApplication(string Reference, string Organisation, string Title, string State, DateTimeOffset CreatedAt, DateTimeOffset? SubmittedAt);

public sealed record PersonalMembership(string Organisation, string Role, DateTimeOffset? AcceptedAt);

public sealed record PersonalReturn(string Reference, string Award, DateOnly PeriodEnd, string State, DateTimeOffset? SubmittedAt, string? SignedOffByName);

public sealed record PersonalMessage(string Case, string From, string Trigger, DateTimeOffset At, string Message);

public sealed record PersonalAuditEntry(long Id, DateTimeOffset At, string Action, string EntityType, string EntityId, string ActorName, string? Before, string? After);

public sealed record PersonalEmail(DateTimeOffset CreatedAt, string ToAddress, string Subject, string Status, DateTimeOffset? SentAt, string Body);

/// <summary>What the system's records hold about one person, beyond the account itself (UK GDPR subject access).</summary>
public sealed record PersonalRecords(
    IReadOnlyList<PersonalApplication> Applications, IReadOnlyList<PersonalMembership> Organisations, IReadOnlyList<PersonalReturn> ReturnsSubmitted,
    IReadOnlyList<PersonalMessage> Messages, IReadOnlyList<PersonalAuditEntry> AuditEntries, IReadOnlyList<PersonalEmail> EmailsSent);

/// <summary>
/// Gathers the records about a person for the personal-data download: applications they started, their organisation
/// memberships, returns they sent or signed off, the messages (queries, answers and comments) on cases they started or
/// sent and those they wrote, audit entries made by them or about them, and the emails sent to their address.
/// </summary>
public sealed class PersonalDataExport(IDbContextFactory<GrantsDbContext> factory)
{
    public async Task<PersonalRecords> ForAsync(string userId, string email, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var applications = await db.Applications.AsNoTracking().Where(a => a.CreatedByUserId == userId || a.StartedByUserId == userId)
            .OrderBy(a => a.Id).Select(a => new { a.Id, a.ApplicationReference, Organisation = a.Organisation!.Name, a.ProjectTitle, a.State, a.CreatedAt, a.SubmittedAt })
            .ToListAsync(ct);
        var memberships = await db.OrganisationMembers.AsNoTracking().Where(m => m.UserId == userId).OrderBy(m => m.Id)
            .Select(m => new PersonalMembership(m.Organisation!.Name, m.Role.ToString(), m.AcceptedAt)).ToListAsync(ct);
        var returns = await db.Returns.AsNoTracking().Where(r => r.SubmittedByUserId == userId || r.SignedOffByUserId == userId).OrderBy(r => r.Id)
            .Select(r => new { r.Id, r.ReturnReference, Award = r.Award!.AwardReference, r.PeriodEnd, r.State, r.SubmittedAt, r.SignedOffByName }).ToListAsync(ct);
        var applicationIds = applications.Select(a => a.Id).ToList();
        var returnIds = returns.Select(r => r.Id).ToList();
        var references = applications.ToDictionary(a => (CaseKind.Application, a.Id), a => a.ApplicationReference);
        foreach (var r in returns)
        {
            references[(CaseKind.MonitoringReturn, r.Id)] = r.ReturnReference;
        }
        var messages = await db.WorkflowJournal.AsNoTracking()
            .Where(j => j.Comment != null && (j.ActorUserId == userId
                || (j.CaseKind == CaseKind.Application && applicationIds.Contains(j.CaseId))
                || (j.CaseKind == CaseKind.MonitoringReturn && returnIds.Contains(j.CaseId))))
            .OrderBy(j => j.Id).Select(j => new { j.CaseKind, j.CaseId, j.ActorName, j.Trigger, j.OccurredAt, j.Comment }).ToListAsync(ct);
        var audit = await db.AuditLog.AsNoTracking().Where(e => e.ActorUserId == userId || e.EntityId == userId).OrderBy(e => e.Id)
            .Select(e => new PersonalAuditEntry(e.Id, e.OccurredAt, e.Action, e.EntityType, e.EntityId, e.ActorName, e.Before, e.After)).ToListAsync(ct);
        var address = email.ToUpperInvariant();
        var emails = await db.Outbox.AsNoTracking().Where(m => m.ToAddress.ToUpper() == address).OrderBy(m => m.Id)
            .Select(m => new PersonalEmail(m.CreatedAt, m.ToAddress, m.Subject, m.Status.ToString(), m.SentAt, m.BodyText)).ToListAsync(ct);
        return new PersonalRecords(
            applications.Select(a => new PersonalApplication(a.ApplicationReference, a.Organisation, a.ProjectTitle, a.State, a.CreatedAt, a.SubmittedAt)).ToList(),
            memberships,
            returns.Select(r => new PersonalReturn(r.ReturnReference, r.Award, r.PeriodEnd, r.State, r.SubmittedAt, r.SignedOffByName)).ToList(),
            messages.Select(m => new PersonalMessage(references.GetValueOrDefault((m.CaseKind, m.CaseId)) ?? $"{m.CaseKind} {m.CaseId}", m.ActorName, m.Trigger,
                m.OccurredAt, m.Comment!)).ToList(),
            audit, emails);
    }
}
