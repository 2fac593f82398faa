using GrantsCommissioning.Core.Data;
using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Core.Workflow;
using GrantsCommissioning.Core.Workflow.Definitions;
using Microsoft.EntityFrameworkCore;

namespace GrantsCommissioning.Core.Features.Decisions;

/// <summary>A deputy's standing nomination: whose place they act in, with the principal's roles and post, up to their own limit.</summary>
public sealed record DeputyAuthority(int NominationId, string PrincipalUserId, string PrincipalName, IReadOnlyList<string> PrincipalRoles, string? PrincipalJobTitle, Money Limit);

/// <summary>The next approval an application waits for, and whether the actor may give it (in their own right or as a deputy).</summary>
public sealed record NextApproval(ApprovalStep? Step, DeputyAuthority? AsDeputy, string? Problem)
{
    public bool CanGive => Step is not null && Problem is null;
}

/// <summary>
/// The Scheme of Delegation beyond the definition's role limits: the approvals a funded decision needs first (by post, in
/// order) and deputies acting in a principal's place with their own, lower limits. The workflow's guard, the approval
/// handler and the case page's tracker all read these rules from here.
/// </summary>
public static class DelegatedAuthority
{
    public const string ApprovalsGuard = "approvalsComplete";

    /// <summary>The active nominations under which <paramref name="userId"/> acts as someone's deputy.</summary>
    public static async Task<IReadOnlyList<DeputyAuthority>> DeputyshipsAsync(GrantsDbContext db, string userId, CancellationToken ct)
    {
        var rows = await db.Set<Deputy>().AsNoTracking().Where(d => d.DeputyUserId == userId && d.EndedAt == null)
            .Join(db.Users.Where(u => !u.IsDisabled), d => d.PrincipalUserId, u => u.Id, (d, u) => new { d.Id, d.PrincipalUserId, u.DisplayName, u.JobTitle, d.LimitPence })
            .ToListAsync(ct);
        var principals = rows.Select(r => r.PrincipalUserId).ToList();
        var roles = await db.UserRoles.Where(r => principals.Contains(r.UserId)).Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => new { ur.UserId, r.Name })
            .ToListAsync(ct);
        return rows.Select(r => new DeputyAuthority(r.Id, r.PrincipalUserId, r.DisplayName, roles.Where(x => x.UserId == r.PrincipalUserId).Select(x => x.Name!).ToList(),
            r.JobTitle, new Money(r.LimitPence))).ToList();
    }

    /// <summary>
    /// Whether a row of the Scheme of Delegation may decide an application flagged of significant public interest: only
    /// the rows that issue decision notices (the Commissioner's in the definitions), so a flagged case goes where an
    /// above-limit one goes, read from the definition rather than named here.
    /// </summary>
    public static bool DecidesPublicInterest(DelegationLimit limit)
    {
        ArgumentNullException.ThrowIfNull(limit);
        return limit.RequiresNoticeAbovePence is not null;
    }

    /// <summary>The highest amount the user may decide in their own right under the latest definition; null means no limit.</summary>
    public static long? OwnLimit(WorkflowDefinition d, IEnumerable<string> roles)
    {
        var limits = d.Delegation.Where(l => roles.Contains(l.Role) && !l.SmallFundOnly).ToList();
        if (limits.Count == 0)
        {
            return 0;
        }
        return limits.Any(l => l.MaxPence is null) ? null : limits.Max(l => l.MaxPence);
    }

    /// <summary>The approvals still needed for a decision of <paramref name="amount"/> (approvals for a smaller amount do not count).</summary>
    public static IReadOnlyList<ApprovalStep> Missing(WorkflowDefinition d, IReadOnlyList<CaseApproval> active, Money amount) =>
        d.ApprovalsFor(amount.Pence).Where(s => !active.Any(a => a.Post == s.Post && a.AmountPence >= amount.Pence)).ToList();

    public static Task<List<CaseApproval>> ActiveAsync(GrantsDbContext db, int applicationId, CancellationToken ct) =>
        db.Set<CaseApproval>().Where(a => a.ApplicationId == applicationId && a.VoidedAt == null).OrderBy(a => a.ApprovedAt).ToListAsync(ct);

    /// <summary>The guard on funded decisions: every approval the amount needs is given, and the decider gave none of them.</summary>
    internal static async Task<(TransitionError Error, string Message)?> ApprovalsProblemAsync(GrantsDbContext db, WorkflowDefinition d, int applicationId, Actor actor, Money? amount, CancellationToken ct)
    {
        var active = await ActiveAsync(db, applicationId, ct);
        var missing = amount is { } a ? Missing(d, active, a) : [];
        if (missing.Count > 0)
        {
            return (TransitionError.Validation, $"A decision of {amount} needs the approval of {Join(d.ApprovalsFor(amount!.Value.Pence))} first, in that order, " +
                $"under the Scheme of Delegation. Still to approve: {Join(missing)}.");
        }
        var own = active.FirstOrDefault(x => x.ApprovedByUserId == actor.UserId);
        return own is null ? null
            : (TransitionError.SegregationOfDuties, $"You gave the {own.Post}'s approval on this case, so someone else must decide it (segregation of duties).");
    }

    /// <summary>
    /// The approval the case waits for next (for the amount requested), and whether <paramref name="actor"/> may give it:
    /// as the post holder (their job title) or as an active deputy of a holder whose limit covers the amount.
    /// </summary>
    public static async Task<NextApproval> NextAsync(GrantsDbContext db, WorkflowDefinition d, GrantApplication c, Actor actor, CancellationToken ct)
    {
        var amount = c.AmountRequested;
        var active = await ActiveAsync(db, c.Id, ct);
        var missing = Missing(d, active, amount);
        var step = missing.Count > 0 ? missing[0] : null;
        if (step is null)
        {
            return new NextApproval(null, null, d.ApprovalsFor(amount.Pence).Count == 0
                ? "This application needs no approvals before its decision."
                : "Every approval this application needs has been given; it is ready for decision.");
        }
        var mine = active.FirstOrDefault(a => a.ApprovedByUserId == actor.UserId);
        if (mine is not null)
        {
            return new NextApproval(step, null, $"You gave the {mine.Post}'s approval, so someone else must give the {step.Post}'s (segregation of duties).");
        }
        var jobTitle = await db.Users.Where(u => u.Id == actor.UserId).Select(u => u.JobTitle).FirstOrDefaultAsync(ct);
        if (step.HeldBy(jobTitle))
        {
            return new NextApproval(step, null, null);
        }
        var deputyships = await DeputyshipsAsync(db, actor.UserId, ct);
        var covering = deputyships.Where(x => step.HeldBy(x.PrincipalJobTitle)).ToList();
        if (covering.FirstOrDefault(x => x.Limit.Pence >= amount.Pence) is { } deputy)
        {
            return new NextApproval(step, deputy, null);
        }
        if (covering.Count > 0)
        {
            return new NextApproval(step, null, $"As deputy for {covering[0].PrincipalName} you may act up to {new Money(covering.Max(x => x.Limit.Pence))}; " +
                $"this application is for {amount}, so the {step.Post} must approve it.");
        }
        var later = d.ApprovalsFor(amount.Pence).FirstOrDefault(s => s.HeldBy(jobTitle));
        return new NextApproval(step, null, later is not null
            ? $"The {step.Post}'s approval comes first; yours as {later.Post} follows it."
            : $"The next approval is the {step.Post}'s; only the {step.Post} or their nominated deputy can give it.");
    }

    /// <summary>Voids the case's active approvals (sent back or deferred); the rows stay, showing when and why.</summary>
    internal static async Task<int> VoidAsync(GrantsDbContext db, int applicationId, Actor actor, string reason, DateTimeOffset now, CancellationToken ct)
    {
        var active = await ActiveAsync(db, applicationId, ct);
        foreach (var approval in active)
        {
            (approval.VoidedAt, approval.VoidedByName, approval.VoidedReason) = (now, actor.DisplayName, reason);
        }
        return active.Count;
    }

    private static string Join(IEnumerable<ApprovalStep> steps) => string.Join(", then ", steps.Select(s => "the " + s.Post));
}
