using GrantsCommissioning.Core.Data;
using GrantsCommissioning.Core.Domain;
using Microsoft.EntityFrameworkCore;

namespace GrantsCommissioning.Core.Features.Dashboards;

public sealed record RoleCount(string Role, int Users);

public sealed record JournalLine(DateTimeOffset At, CaseKind Kind, int CaseId, string From, string To, string Trigger, string Actor);

public sealed record AdminDashboard(IReadOnlyList<RoleCount> Roles, int LockedOutUsers, IReadOnlyDictionary<OutboxStatus, int> Outbox,
    int AuditEntries, IReadOnlyList<JournalLine> RecentActivity);

public sealed class AdminAndApplicantQueries(IDbContextFactory<GrantsDbContext> factory, TimeProvider clock)
{
    public async Task<AdminDashboard> AdminAsync(CancellationToken ct = default)
    {
        var db = await factory.CreateDbContextAsync(ct).ConfigureAwait(false);
        await using (db.ConfigureAwait(false))
        {
            var roles = await (from r in db.Roles
                               select new RoleCount(r.Name!, db.UserRoles.Count(ur => ur.RoleId == r.Id))).ToListAsync(ct).ConfigureAwait(false);
            var now = clock.GetUtcNow();
            var locked = await db.Users.Where(u => u.LockoutEnd != null).Select(u => u.LockoutEnd).ToListAsync(ct).ConfigureAwait(false);
            var outbox = await db.Outbox.GroupBy(o => o.Status).Select(g => new { g.Key, Count = g.Count() })
                .ToDictionaryAsync(x => x.Key, x => x.Count, ct).ConfigureAwait(false);
            var recent = await db.WorkflowJournal.OrderByDescending(j => j.Id).Take(20)
                .Select(j => new JournalLine(j.OccurredAt, j.CaseKind, j.CaseId, j.FromState, j.ToState, j.Trigger, j.ActorName))
                .ToListAsync(ct).ConfigureAwait(false);
            return new AdminDashboard(roles.OrderBy(r => Roles.All.ToList().IndexOf(r.Role)).ToList(), locked.Count(l => l > now), outbox,
                await db.AuditLog.CountAsync(ct).ConfigureAwait(false), recent);
        }
    }
}
