using GrantsCommissioning.Core.Data;
using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Core.Features.Seeding;
using GrantsCommissioning.Core.Workflow;
using Microsoft.EntityFrameworkCore;

namespace GrantsCommissioning.Core.Features.Decisions;

internal sealed record ApprovalsSeed(IReadOnlyList<DeputySeed> Deputies, IReadOnlyList<ApprovalSeed> Approvals);

internal sealed record DeputySeed(string Principal, string Deputy, decimal Limit, string Reason);

internal sealed record ApprovalSeed(string Case, string By, int DaysAgo, string? Comment = null, string? VoidedBy = null, string? VoidedReason = null);

/// <summary>
/// Demo deputies and approvals (seed-data/demo/approvals.json). A nomination is checked as the deputies form checks it (a
/// decision maker or the Commissioner, a limit no higher than theirs) and each approval by the case page's rule (the post
/// holder or a deputy within their limit, in order); an approval marked voided is voided before the next is checked.
/// </summary>
internal sealed class ApprovalDemoLoader(GrantsDbContext db, WorkflowRegistry registry, SeedFile file, DateTimeOffset now)
{
    public async Task<int> LoadAsync(CancellationToken ct)
    {
        var seed = file.Read<ApprovalsSeed>();
        var emails = seed.Deputies.SelectMany(d => new[] { d.Principal, d.Deputy }).Concat(seed.Approvals.Select(a => a.By)).Select(e => e.ToUpperInvariant()).Distinct().ToList();
        // Approvals are given by people: without the demo sign-ins (data loaded on its own) there is no one to give them.
        if (!await db.Users.AnyAsync(u => emails.Contains(u.NormalizedEmail!), ct)
            || await db.Set<Deputy>().AnyAsync(ct) || await db.Set<CaseApproval>().AnyAsync(ct))
        {
            return 0;
        }
        var latest = registry.Latest(CaseKind.Application).Definition;
        var added = 0;
        foreach (var s in seed.Deputies)
        {
            var (principal, deputy) = (await ActorAsync(s.Principal, ct), await ActorAsync(s.Deputy, ct));
            var result = new DeputyInputValidator().Validate(new DeputyInput { DeputyUserId = deputy.UserId, Limit = s.Limit.ToString(System.Globalization.CultureInfo.InvariantCulture), Reason = s.Reason });
            file.Check(result.IsValid, $"deputy {s.Deputy}: {string.Join(" ", result.Errors.Select(e => e.ErrorMessage))}");
            file.Check(principal.IsInRole(Roles.DecisionMaker) || principal.IsInRole(Roles.Commissioner), $"deputy {s.Deputy}: {s.Principal} is not a decision maker or the Commissioner");
            var limit = Money.FromPounds(s.Limit);
            file.Check(DelegatedAuthority.OwnLimit(latest, principal.Roles) is not { } own || limit.Pence <= own, $"deputy {s.Deputy}: the limit is higher than {s.Principal}'s own");
            db.Add(new Deputy
            {
                PrincipalUserId = principal.UserId, PrincipalName = principal.DisplayName, DeputyUserId = deputy.UserId, DeputyName = deputy.DisplayName,
                LimitPence = limit.Pence, Reason = s.Reason, NominatedAt = now.AddDays(-30),
            });
            added++;
        }
        await db.SaveChangesAsync(ct);
        foreach (var s in seed.Approvals)
        {
            var c = await db.Applications.AsNoTracking().FirstOrDefaultAsync(a => a.ApplicationReference == s.Case, ct);
            file.Check(c is not null && c.State == ApplicationStates.Recommendation, $"approval on {s.Case}: no application awaiting a decision has that reference");
            var by = await ActorAsync(s.By, ct);
            var next = await DelegatedAuthority.NextAsync(db, registry.Get(CaseKind.Application, c!.WorkflowVersion).Definition, c, by, ct);
            file.Check(next.CanGive, $"approval on {s.Case} by {s.By}: {next.Problem}");
            var approval = new CaseApproval
            {
                ApplicationId = c.Id, Post = next.Step!.Post, AmountPence = c.AmountRequestedPence, Comment = s.Comment, ApprovedByUserId = by.UserId,
                ApprovedByName = by.DisplayName, DeputyForUserId = next.AsDeputy?.PrincipalUserId, DeputyForName = next.AsDeputy?.PrincipalName,
                ApprovedAt = now.AddDays(-s.DaysAgo),
            };
            if (s.VoidedBy is { } voidedBy)
            {
                file.Check(!string.IsNullOrWhiteSpace(s.VoidedReason), $"approval on {s.Case}: a voided approval needs the reason it was voided");
                (approval.VoidedAt, approval.VoidedByName, approval.VoidedReason) = (approval.ApprovedAt.AddDays(1), (await ActorAsync(voidedBy, ct)).DisplayName, s.VoidedReason);
            }
            db.Add(approval);
            await db.SaveChangesAsync(ct);
            added++;
        }
        return added;
    }

    private async Task<Actor> ActorAsync(string email, CancellationToken ct)
    {
        var normalised = email.ToUpperInvariant();
        var user = await db.Users.AsNoTracking().Where(u => u.NormalizedEmail == normalised).Select(u => new { u.Id, u.DisplayName }).FirstOrDefaultAsync(ct);
        file.Check(user is not null, $"{email} is not a demo user");
        var roles = await db.UserRoles.Where(r => r.UserId == user!.Id).Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => r.Name!).ToArrayAsync(ct);
        return Actor.For(user!.Id, user.DisplayName, roles);
    }
}
