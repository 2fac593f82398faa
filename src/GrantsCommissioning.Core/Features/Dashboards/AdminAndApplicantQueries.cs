using GrantsCommissioning.Core.Data;
using GrantsCommissioning.Core.Domain;
using Microsoft.EntityFrameworkCore;

namespace GrantsCommissioning.Core.Features.Dashboards;

public sealed record RoleCount(string Role, int Users);

public sealed record JournalLine(DateTimeOffset At, CaseKind Kind, int CaseId, string From, string To, string Trigger, string Actor);

public sealed record AdminDashboard(IReadOnlyList<RoleCount> Roles, int LockedOutUsers, IReadOnlyDictionary<OutboxStatus, int> Outbox,
    int AuditEntries, IReadOnlyList<JournalLine> RecentActivity);

public sealed record ApplicantOrganisation(int Id, string Name, string OrgId, OrganisationRole Role,
    IReadOnlyList<CaseSummary> Applications, IReadOnlyList<CaseSummary> Awards, IReadOnlyList<ReturnSummary> ReturnsDue);

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

    public async Task<IReadOnlyList<ApplicantOrganisation>> ApplicantAsync(string userId, CancellationToken ct = default)
    {
        var db = await factory.CreateDbContextAsync(ct).ConfigureAwait(false);
        await using (db.ConfigureAwait(false))
        {
            var memberships = await db.OrganisationMembers.Where(m => m.UserId == userId)
                .Select(m => new { m.OrganisationId, m.Role, m.Organisation!.Name, m.Organisation.CharityNumber, m.Organisation.CompanyNumber })
                .ToListAsync(ct).ConfigureAwait(false);
            var result = new List<ApplicantOrganisation>();
            foreach (var m in memberships.OrderBy(m => m.Name))
            {
                var applications = await db.Applications.Where(a => a.OrganisationId == m.OrganisationId).OrderByDescending(a => a.UpdatedAt)
                    .Select(a => new CaseSummary(a.Id, a.ApplicationReference, a.ProjectTitle, m.Name, a.State, new Money(a.AmountRequestedPence), a.SubmittedAt))
                    .ToListAsync(ct).ConfigureAwait(false);
                var awards = await db.Awards.Where(a => a.OrganisationId == m.OrganisationId).OrderByDescending(a => a.AwardedOn)
                    .Select(a => new CaseSummary(a.Id, a.AwardReference, a.Title, m.Name, a.State, new Money(a.AmountPence), null))
                    .ToListAsync(ct).ConfigureAwait(false);
                string[] open = [Workflow.ReturnStates.Due, Workflow.ReturnStates.Overdue, Workflow.ReturnStates.Queried];
                var returns = await db.Returns.Where(r => r.Award!.OrganisationId == m.OrganisationId && open.Contains(r.State)).OrderBy(r => r.DueDate)
                    .Select(r => new ReturnSummary(r.Id, r.ReturnReference, r.Award!.Title, m.Name, r.State, r.DueDate))
                    .ToListAsync(ct).ConfigureAwait(false);
                result.Add(new ApplicantOrganisation(m.OrganisationId, m.Name, OrgIdentifiers.For(m.CharityNumber, m.CompanyNumber, m.OrganisationId),
                    m.Role, applications, awards, returns));
            }
            return result;
        }
    }
}
