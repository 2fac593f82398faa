using FluentValidation;
using GrantsCommissioning.Core.Data;
using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Core.Features.Audit;
using GrantsCommissioning.Core.Workflow;
using GrantsCommissioning.Core.Workflow.Definitions;
using Microsoft.EntityFrameworkCore;

namespace GrantsCommissioning.Core.Features.Decisions;

/// <summary>One line of the approval tracker: an approval or the decision itself, who may give it, and whether it is given.</summary>
public sealed record TrackerRow(string Step, string Holders, string? Deputies, bool Done, string? GivenBy, DateTimeOffset? At, bool IsNext);

/// <summary>An approval voided when the case was sent back or deferred.</summary>
public sealed record VoidedApproval(string Post, string GivenBy, DateTimeOffset At, DateTimeOffset VoidedAt, string? VoidedBy, string? Reason);

public sealed record ApprovalTrackerView(
    int ApplicationId, int WorkflowVersion, Money Amount, bool AwaitingDecision, IReadOnlyList<TrackerRow> Rows, IReadOnlyList<VoidedApproval> Voided, NextApproval? Next,
    PublicInterestFlag? PublicInterest = null)
{
    public int Outstanding => Rows.Count(r => !r.Done);
}

/// <summary>The nomination form: who deputises, up to what limit, and why.</summary>
public sealed class DeputyInput
{
    public string? DeputyUserId { get; set; }
    public string? Limit { get; set; }
    public string? Reason { get; set; }
}

public sealed class DeputyInputValidator : AbstractValidator<DeputyInput>
{
    public DeputyInputValidator()
    {
        RuleFor(x => x.DeputyUserId).NotEmpty().WithMessage(Failures.Message(new NothingChosen("the person who will deputise for you", "DeputyUserId")));
        RuleFor(x => x.Limit).Must(l => Money.TryParse(l, out var m) && m.Pence > 0)
            .WithMessage("Enter the deputy's limit in pounds, more than £0, such as 10000.");
        RuleFor(x => x.Reason).Must(r => !string.IsNullOrWhiteSpace(r) && r.Trim().Length >= 5).WithMessage("Say why a deputy is needed (for example, the dates of leave).")
            .MaximumLength(2000).WithMessage("Keep the reason to 2,000 characters.");
    }
}

public sealed record DeputyLine(int Id, string Principal, string Deputy, Money Limit, string Reason, DateTimeOffset NominatedAt, DateTimeOffset? EndedAt, string? EndedBy, bool Mine)
{
    public bool Active => EndedAt is null;
}

public sealed record DeputyCandidate(string UserId, string Name, string? JobTitle);

public sealed record DeputiesView(Money? OwnLimit, IReadOnlyList<DeputyLine> Lines, IReadOnlyList<DeputyCandidate> Candidates);

/// <summary>
/// The approval tracker on a case (who must approve and decide under the Scheme of Delegation, who has, what was voided),
/// recording an approval through the workflow, and deputies nominated by decision makers and the Commissioner.
/// </summary>
public sealed class ApprovalService(IDbContextFactory<GrantsDbContext> factory, ICaseWorkflow workflow, WorkflowRegistry registry, AuditTrail audit, TimeProvider clock)
{
    private static readonly DeputyInputValidator Form = new();
    private static readonly string[] DeputyRoles = [Roles.GrantsOfficer, Roles.DecisionMaker, Roles.Commissioner];
    private static readonly string[] Decided = [ApplicationStates.OfferMade, ApplicationStates.OfferAccepted, ApplicationStates.OfferDeclined, ApplicationStates.Rejected, ApplicationStates.Deferred];

    public async Task<ApprovalTrackerView?> TrackerAsync(int applicationId, Actor viewer, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        await using var db = await factory.CreateDbContextAsync(ct);
        var c = await db.Applications.AsNoTracking().FirstOrDefaultAsync(a => a.Id == applicationId && a.State != ApplicationStates.Draft, ct);
        if (c is null)
        {
            return null;
        }
        var d = registry.Get(CaseKind.Application, c.WorkflowVersion).Definition;
        var smallFund = await db.Rounds.Where(r => r.Id == c.RoundId).Select(r => r.Fund!.IsSmallFund).FirstAsync(ct);
        var approvals = await db.Set<CaseApproval>().AsNoTracking().Where(a => a.ApplicationId == applicationId).OrderBy(a => a.ApprovedAt).ToListAsync(ct);
        var staff = await StaffAsync(db, ct);
        var deputies = await db.Set<Deputy>().AsNoTracking().Where(x => x.EndedAt == null).ToListAsync(ct);
        var amount = c.AmountRequested;
        var awaiting = c.State == ApplicationStates.Recommendation;
        var next = awaiting ? await DelegatedAuthority.NextAsync(db, d, c, viewer, ct) : null;
        var rows = new List<TrackerRow>();
        foreach (var step in d.ApprovalsFor(amount.Pence))
        {
            var holders = staff.Where(s => step.HeldBy(s.JobTitle)).ToList();
            var given = approvals.FirstOrDefault(a => a.VoidedAt == null && a.Post == step.Post && a.AmountPence >= amount.Pence);
            rows.Add(new TrackerRow($"{step.Post}'s approval", Names(holders), DeputiesOf(deputies, holders), given is not null, given is null ? null : GivenBy(given),
                given?.ApprovedAt, awaiting && next?.Step == step));
        }
        var flag = PublicInterestFlag.Of(c);
        var level = d.Delegation.Where(l => (!l.SmallFundOnly || smallFund) && (flag is null || DelegatedAuthority.DecidesPublicInterest(l))).OrderBy(l => l.MaxPence ?? long.MaxValue)
            .FirstOrDefault(l => l.MaxPence is null || l.MaxPence >= amount.Pence);
        if (level is not null)
        {
            var deciders = staff.Where(s => s.Roles.Contains(level.Role)).ToList();
            var decision = Decided.Contains(c.State)
                ? await db.Decisions.AsNoTracking().Where(x => x.ApplicationId == c.Id).OrderByDescending(x => x.Id).FirstOrDefaultAsync(ct)
                : null;
            var limit = flag is not null ? "with a decision notice: significant public interest"
                : level.MaxPence is { } max ? $"up to {new Money(max).ToShortString()}"
                : level.RequiresNoticeAbovePence is { } above ? $"with a decision notice above {new Money(above).ToShortString()}" : "no limit";
            rows.Add(new TrackerRow($"Decision: {Roles.Describe(level.Role)} ({limit})", Names(deciders), DeputiesOf(deputies, deciders), decision is not null,
                decision is null ? null : $"{DecisionTriggers.Describe(decision.Outcome)} by {decision.DecidedByName}{(decision.DeputyForName is { } p ? $" as deputy for {p}" : "")}",
                decision?.DecidedAt, awaiting && rows.All(r => r.Done)));
        }
        var voided = approvals.Where(a => a.VoidedAt is not null)
            .Select(a => new VoidedApproval(a.Post, GivenBy(a), a.ApprovedAt, a.VoidedAt!.Value, a.VoidedByName, a.VoidedReason)).ToList();
        return new ApprovalTrackerView(c.Id, c.WorkflowVersion, amount, awaiting, rows, voided, next, flag);
    }

    /// <summary>Gives the next approval the case waits for, through the workflow (one winner when two approve at once).</summary>
    public async Task<FeatureResult<int>> ApproveAsync(int applicationId, string? comment, int? expectedVersion, Actor actor, string idempotencyKey, CancellationToken ct = default)
    {
        var result = await workflow.FireAsync(new TransitionRequest(new CaseRef(CaseKind.Application, applicationId), ApprovalHandler.Trigger, actor, idempotencyKey)
        {
            ExpectedVersion = expectedVersion, Payload = new ApprovalNote(comment), Comment = string.IsNullOrWhiteSpace(comment) ? null : comment.Trim(),
        }, ct);
        return result.Error == TransitionError.CaseNotFound ? FeatureResult<int>.Fail(new NotFound("application")) : FeatureResult<int>.From(result, applicationId);
    }

    public async Task<DeputiesView> DeputiesAsync(Actor actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        await using var db = await factory.CreateDbContextAsync(ct);
        var lines = await db.Set<Deputy>().AsNoTracking().OrderBy(x => x.EndedAt != null).ThenByDescending(x => x.NominatedAt).ToListAsync(ct);
        var staff = await StaffAsync(db, ct);
        var candidates = staff.Where(s => s.Id != actor.UserId && s.Roles.Any(DeputyRoles.Contains)).Select(s => new DeputyCandidate(s.Id, s.Name, s.JobTitle)).ToList();
        var own = DelegatedAuthority.OwnLimit(registry.Latest(CaseKind.Application).Definition, actor.Roles);
        return new DeputiesView(own is { } o ? new Money(o) : null,
            lines.Select(x => new DeputyLine(x.Id, x.PrincipalName, x.DeputyName, x.Limit, x.Reason, x.NominatedAt, x.EndedAt, x.EndedByName, x.PrincipalUserId == actor.UserId)).ToList(),
            candidates);
    }

    /// <summary>A decision maker or the Commissioner nominates a deputy with a limit no higher than their own; audited.</summary>
    public async Task<FeatureResult<int>> NominateAsync(DeputyInput input, Actor actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(actor);
        if (!actor.IsInRole(Roles.DecisionMaker) && !actor.IsInRole(Roles.Commissioner))
        {
            return FeatureResult<int>.Fail(new RoleNeeded("decision makers and the Commissioner", "nominate a deputy"));
        }
        var checkedForm = Form.Validate(input);
        if (!checkedForm.IsValid)
        {
            return FeatureResult<int>.Invalid(checkedForm);
        }
        var limit = Money.TryParse(input.Limit, out var parsed) ? parsed : Money.Zero;
        var own = DelegatedAuthority.OwnLimit(registry.Latest(CaseKind.Application).Definition, actor.Roles);
        if (own is { } max && limit.Pence > max)
        {
            return FeatureResult<int>.Fail(new DeputyLimitTooHigh(limit, new Money(max)));
        }
        return await factory.InTransactionAsync(async db =>
        {
            var candidate = (await StaffAsync(db, ct)).FirstOrDefault(s => s.Id == input.DeputyUserId && s.Id != actor.UserId && s.Roles.Any(DeputyRoles.Contains));
            if (candidate is null)
            {
                return FeatureResult<int>.Fail(new NothingChosen("a grants officer, decision maker or the Commissioner other than yourself", "DeputyUserId"));
            }
            if (await db.Set<Deputy>().AnyAsync(x => x.PrincipalUserId == actor.UserId && x.DeputyUserId == candidate.Id && x.EndedAt == null, ct))
            {
                return FeatureResult<int>.Fail(new AlreadyDeputy(candidate.Name));
            }
            var deputy = new Deputy
            {
                PrincipalUserId = actor.UserId, PrincipalName = actor.DisplayName, DeputyUserId = candidate.Id, DeputyName = candidate.Name,
                LimitPence = limit.Pence, Reason = input.Reason!.Trim(), NominatedAt = clock.GetUtcNow(),
            };
            db.Add(deputy);
            await db.SaveChangesAsync(ct);
            await audit.AppendAsync(db, actor, "Deputy.Nominated", nameof(Deputy), deputy.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), null,
                new { principal = deputy.PrincipalName, deputy = deputy.DeputyName, limitPence = deputy.LimitPence, reason = deputy.Reason }, ct);
            return FeatureResult<int>.Ok(deputy.Id);
        }, ct);
    }

    /// <summary>The principal ends their own nomination; the row stays, with when and by whom; audited.</summary>
    public async Task<FeatureResult<int>> EndAsync(int nominationId, Actor actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return await factory.InTransactionAsync(async db =>
        {
            var deputy = await db.Set<Deputy>().FirstOrDefaultAsync(x => x.Id == nominationId && x.PrincipalUserId == actor.UserId, ct);
            if (deputy is null)
            {
                return FeatureResult<int>.Fail(new NotFound("nomination"));
            }
            if (deputy.EndedAt is not null)
            {
                return FeatureResult<int>.Ok(deputy.Id);
            }
            (deputy.EndedAt, deputy.EndedByName) = (clock.GetUtcNow(), actor.DisplayName);
            await audit.AppendAsync(db, actor, "Deputy.Ended", nameof(Deputy), deputy.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
                new { deputy = deputy.DeputyName, limitPence = deputy.LimitPence }, new { endedBy = actor.DisplayName }, ct);
            return FeatureResult<int>.Ok(deputy.Id);
        }, ct);
    }

    private sealed record StaffMember(string Id, string Name, string? JobTitle, IReadOnlyList<string> Roles);

    private static async Task<List<StaffMember>> StaffAsync(GrantsDbContext db, CancellationToken ct)
    {
        var users = await db.Users.AsNoTracking().Where(u => !u.IsDisabled).Select(u => new { u.Id, u.DisplayName, u.JobTitle }).ToListAsync(ct);
        var roles = await db.UserRoles.Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => new { ur.UserId, r.Name }).ToListAsync(ct);
        return users.Select(u => new StaffMember(u.Id, u.DisplayName, u.JobTitle, roles.Where(r => r.UserId == u.Id).Select(r => r.Name!).ToList()))
            .Where(u => u.Roles.Any(r => r != Roles.Applicant)).OrderBy(u => u.Name, StringComparer.OrdinalIgnoreCase).ToList();
    }

    private static string Names(IEnumerable<StaffMember> people) => people.Any() ? string.Join(", ", people.Select(p => p.Name)) : "No one holds this post";

    private static string? DeputiesOf(List<Deputy> deputies, List<StaffMember> principals)
    {
        var ids = principals.Select(p => p.Id).ToHashSet();
        var mine = deputies.Where(x => ids.Contains(x.PrincipalUserId)).Select(x => $"{x.DeputyName} for {x.PrincipalName} (up to {x.Limit.ToShortString()})").ToList();
        return mine.Count == 0 ? null : string.Join("; ", mine);
    }

    private static string GivenBy(CaseApproval a) => a.DeputyForName is { } p ? $"{a.ApprovedByName} as deputy for {p}" : a.ApprovedByName;
}
