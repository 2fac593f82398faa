using System.Globalization;
using GrantsCommissioning.Core.Data;
using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Core.Workflow;
using GrantsCommissioning.Core.Workflow.Kinds;
using Microsoft.EntityFrameworkCore;

namespace GrantsCommissioning.Core.Features.Dashboards;

public sealed record RoleCount(string Role, int Users);

/// <summary>A recent step on any case, labelled for people: "Monitoring return AWD-…-R1", "Accept offer", "Offer made → Offer accepted".</summary>
public sealed record JournalLine(DateTimeOffset At, string Case, string CasePath, string From, string To, string Action, string Actor);

public sealed record AdminDashboard(IReadOnlyList<RoleCount> Roles, int LockedOutUsers, IReadOnlyDictionary<OutboxStatus, int> Outbox,
    int AuditEntries, IReadOnlyList<JournalLine> RecentActivity);

public sealed class AdminAndApplicantQueries(IDbContextFactory<GrantsDbContext> factory, CaseKinds kinds, WorkflowLabels labels, TimeProvider clock)
{
    public async Task<AdminDashboard> AdminAsync(CancellationToken ct = default)
    {
        var db = await factory.CreateDbContextAsync(ct);
        await using (db)
        {
            var roles = await (from r in db.Roles
                               select new RoleCount(r.Name!, db.UserRoles.Count(ur => ur.RoleId == r.Id))).ToListAsync(ct);
            var now = clock.GetUtcNow();
            var locked = await db.Users.Where(u => u.LockoutEnd != null).Select(u => u.LockoutEnd).ToListAsync(ct);
            var outbox = await db.Outbox.GroupBy(o => o.Status).Select(g => new { g.Key, Count = g.Count() })
                .ToDictionaryAsync(x => x.Key, x => x.Count, ct);
            var journal = await db.WorkflowJournal.AsNoTracking().OrderByDescending(j => j.Id).Take(20).ToListAsync(ct);
            var references = await kinds.ReferencesAsync(db, journal.Select(j => new CaseRef(j.CaseKind, j.CaseId)), ct);
            var recent = journal.Select(j => new JournalLine(j.OccurredAt,
                $"{labels.Kind(j.CaseKind)} {references.GetValueOrDefault(new CaseRef(j.CaseKind, j.CaseId), "#" + j.CaseId.ToString(CultureInfo.InvariantCulture))}",
                kinds.Get(j.CaseKind).PagePath(j.CaseId), labels.State(j.CaseKind, j.DefinitionVersion, j.FromState),
                labels.State(j.CaseKind, j.DefinitionVersion, j.ToState), labels.Action(j.CaseKind, j.DefinitionVersion, j.Trigger), j.ActorName)).ToList();
            return new AdminDashboard(roles.OrderBy(r => Roles.All.ToList().IndexOf(r.Role)).ToList(), locked.Count(l => l > now), outbox,
                await db.AuditLog.CountAsync(ct), recent);
        }
    }
}
