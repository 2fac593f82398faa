using GrantsCommissioning.Core.Data;
using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Core.Features;
using GrantsCommissioning.Core.Features.Decisions;
using GrantsCommissioning.Core.Workflow.Definitions;
using GrantsCommissioning.Core.Workflow.Kinds;
using Microsoft.EntityFrameworkCore;

namespace GrantsCommissioning.Core.Workflow;

internal sealed record CheckOutcome(TransitionError Error, string? Message, string? RoleUsed, string? DeputyFor = null)
{
    public bool Passed => Error == TransitionError.None;

    public static CheckOutcome Fail(TransitionError error, string message) => new(error, message, null);
}

/// <summary>
/// Who may fire a transition: roles, the Scheme of Delegation (role × fund × amount) and segregation-of-duties guards,
/// all read from the definition. When listing buttons, an unknown amount skips the amount limit and the notice is not asked for.
/// </summary>
internal static class TransitionChecks
{
    private const string DueDiligenceGuard = "dueDiligenceComplete";

    /// <summary>Roles, guards and the Scheme of Delegation together, as the list of buttons needs them.</summary>
    public static async Task<CheckOutcome> CheckAsync(
        GrantsDbContext db, WorkflowDefinition d, WorkflowCaseBase c, CaseFacts facts, TransitionDefinition t, Actor actor,
        Money? amount, string? noticeReference, bool listing, DateTimeOffset now, CancellationToken ct)
    {
        var access = await AccessAsync(db, d, c, facts, t, actor, amount, now, ct, listing);
        return access.Passed ? Delegation(d, facts, t, actor, amount, noticeReference, listing, await DeputyshipsAsync(db, t, actor, ct)) : access;
    }

    /// <summary>The nominations under which the actor may decide as a deputy; none for transitions without limits.</summary>
    public static async Task<IReadOnlyList<DeputyAuthority>> DeputyshipsAsync(GrantsDbContext db, TransitionDefinition t, Actor actor, CancellationToken ct) =>
        t.Limits == LimitKind.None || actor.IsSystem ? [] : await DelegatedAuthority.DeputyshipsAsync(db, actor.UserId, ct);

    /// <summary>
    /// Whether the actor may fire the transition at all: one of its roles, and every guard. When listing buttons the
    /// due-diligence and approvals guards are left out, so the decision is offered and firing it says what is missing.
    /// <paramref name="now"/> is the moment the guards that depend on the date judge by.
    /// </summary>
    public static async Task<CheckOutcome> AccessAsync(
        GrantsDbContext db, WorkflowDefinition d, WorkflowCaseBase c, CaseFacts facts, TransitionDefinition t, Actor actor, Money? amount, DateTimeOffset now,
        CancellationToken ct, bool listing = false)
    {
        var roles = t.Roles.Where(actor.IsInRole).ToList();
        if (roles.Count == 0)
        {
            return CheckOutcome.Fail(TransitionError.RoleNotAllowed,
                $"'{t.DisplayName}' can only be done by: {string.Join(", ", t.Roles.Select(Roles.Describe))}.");
        }
        foreach (var guard in t.Guards.Where(g => !(listing && g is DueDiligenceGuard or DelegatedAuthority.ApprovalsGuard)))
        {
            var failure = guard == DelegatedAuthority.ApprovalsGuard
                ? await DelegatedAuthority.ApprovalsProblemAsync(db, d, c.Id, actor, amount, ct) is { } problem ? CheckOutcome.Fail(problem.Error, problem.Message) : null
                : await GuardAsync(db, c, facts, t, actor, guard, now, ct);
            if (failure is not null)
            {
                return failure;
            }
        }
        return new CheckOutcome(TransitionError.None, null, roles[0]);
    }

    /// <summary>
    /// The Scheme of Delegation (role × fund × amount); the role used is the lowest level that may decide. A deputy may
    /// also use each of the principal's limits, capped at the deputy's own limit.
    /// </summary>
    public static CheckOutcome Delegation(WorkflowDefinition d, CaseFacts facts, TransitionDefinition t, Actor actor, Money? amount, string? noticeReference, bool listing,
        IReadOnlyList<DeputyAuthority> deputyships)
    {
        var roles = t.Roles.Where(actor.IsInRole).ToList();
        return t.Limits == LimitKind.None
            ? new CheckOutcome(TransitionError.None, null, roles[0])
            : DelegationCheck(d, facts, t, roles, amount, noticeReference, listing, deputyships);
    }

    /// <summary>
    /// The delegation rows an actor may decide under, lowest first: their own roles' rows, and for each deputyship the
    /// principal's rows for the transition's roles capped at the deputy's own limit.
    /// </summary>
    public static IEnumerable<(DelegationLimit Limit, DeputyAuthority? Deputy)> Limits(WorkflowDefinition d, TransitionDefinition t, IReadOnlyCollection<string> roles,
        IReadOnlyList<DeputyAuthority> deputyships)
    {
        var own = d.Delegation.Where(l => roles.Contains(l.Role)).Select(l => (Limit: l, Deputy: (DeputyAuthority?)null));
        var deputised = deputyships.SelectMany(x => d.Delegation.Where(l => t.Roles.Contains(l.Role) && x.PrincipalRoles.Contains(l.Role))
            .Select(l => (Limit: l with { MaxPence = Math.Min(l.MaxPence ?? long.MaxValue, x.Limit.Pence) }, Deputy: (DeputyAuthority?)x)));
        return own.Concat(deputised).OrderBy(l => l.Limit.MaxPence ?? long.MaxValue);
    }

    private static CheckOutcome DelegationCheck(
        WorkflowDefinition d, CaseFacts facts, TransitionDefinition t, List<string> roles, Money? amount, string? noticeReference, bool listing,
        IReadOnlyList<DeputyAuthority> deputyships)
    {
        var checkAmount = t.Limits == LimitKind.Amount && !(listing && amount is null);
        if (checkAmount && amount is null)
        {
            return CheckOutcome.Fail(TransitionError.Validation, $"'{t.DisplayName}' needs the amount being decided.");
        }
        if (checkAmount && amount!.Value.Pence <= 0)
        {
            return CheckOutcome.Fail(TransitionError.Validation, "The amount must be more than £0.00.");
        }
        var smallFund = facts.IsSmallFund;
        // Flagged of significant public interest: decided only where the scheme issues decision notices, with one, whatever the amount.
        var flagged = checkAmount && facts.SignificantPublicInterest;
        var reasons = new List<string>();
        foreach (var (limit, deputy) in Limits(d, t, roles, deputyships))
        {
            var who = deputy is null ? Roles.Describe(limit.Role) : $"As deputy for {deputy.PrincipalName} you";
            if (limit.SmallFundOnly && !smallFund)
            {
                reasons.Add($"{who} may decide only for the small fund");
                continue;
            }
            if (flagged && !DelegatedAuthority.DecidesPublicInterest(limit))
            {
                continue;
            }
            if (checkAmount && limit.MaxPence is { } max && amount!.Value.Pence > max)
            {
                reasons.Add($"{who} may decide up to {new Money(max)}");
                continue;
            }
            if (checkAmount && !listing && string.IsNullOrWhiteSpace(noticeReference) && NoticeNeeded(limit, amount!.Value, flagged) is { } because)
            {
                return CheckOutcome.Fail(TransitionError.Validation,
                    $"{because} is a {Roles.Describe(limit.Role)} decision and needs a decision notice reference.");
            }
            return new CheckOutcome(TransitionError.None, null, limit.Role, deputy?.PrincipalName);
        }
        var what = checkAmount ? $"{amount} is outside your delegated authority" : "This decision is outside your delegated authority";
        if (flagged)
        {
            var levels = d.Delegation.Where(DelegatedAuthority.DecidesPublicInterest).Select(l => Roles.Describe(l.Role)).Distinct();
            return CheckOutcome.Fail(TransitionError.OverDelegatedLimit,
                $"This application is flagged as of significant public interest, so under the Scheme of Delegation only the {string.Join(" or the ", levels)} " +
                "may approve it, with a decision notice, whatever the amount. Nothing has been recorded.");
        }
        return CheckOutcome.Fail(TransitionError.OverDelegatedLimit,
            $"{what} under the Scheme of Delegation: {string.Join("; ", reasons)}. It needs a decision at a higher level.");
    }

    /// <summary>What makes a decision under <paramref name="limit"/> need a notice ("A decision above £25,000.00"), or null when it needs none.</summary>
    private static string? NoticeNeeded(DelegationLimit limit, Money amount, bool flagged) => limit.RequiresNoticeAbovePence switch
    {
        { } above when amount.Pence > above => $"A decision above {new Money(above)}",
        _ when flagged => "A decision on an application of significant public interest",
        _ => null,
    };

    // Asked by every applicant's transition (each submission), so compiled.
    private static readonly CompiledPerModel<Func<GrantsDbContext, int, string, CancellationToken, Task<bool>>> IsMember = new(() => EF.CompileAsyncQuery(
        (GrantsDbContext db, int orgId, string userId, CancellationToken ct) => db.OrganisationMembers.Any(m => m.OrganisationId == orgId && m.UserId == userId)));

    private static async Task<CheckOutcome?> GuardAsync(
        GrantsDbContext db, WorkflowCaseBase c, CaseFacts facts, TransitionDefinition t, Actor actor, string guard, DateTimeOffset now, CancellationToken ct)
    {
        switch (guard)
        {
            case "ownOrganisation":
                if (t.Roles.Any(r => r != Roles.Applicant && actor.IsInRole(r)))
                {
                    return null;
                }
                var orgId = facts.OrganisationId;
                var member = orgId is not null && await IsMember.For(db)(db, orgId.Value, actor.UserId, ct);
                return member ? null : CheckOutcome.Fail(TransitionError.RoleNotAllowed, "Only members of the organisation this case belongs to can do this.");
            case "notAssessor":
                var assessed = await db.Assessments.AnyAsync(a => a.ApplicationId == c.Id && a.AssessorUserId == actor.UserId, ct);
                return assessed
                    ? CheckOutcome.Fail(TransitionError.SegregationOfDuties, "You assessed this application, so someone else must decide it (segregation of duties).")
                    : null;
            case "noConflict":
                var assessment = await db.Assessments.FirstOrDefaultAsync(a => a.ApplicationId == c.Id && a.AssessorUserId == actor.UserId, ct);
                return assessment switch
                {
                    null => CheckOutcome.Fail(TransitionError.SegregationOfDuties, "You are not an assigned assessor of this application."),
                    { HasConflict: true } => CheckOutcome.Fail(TransitionError.SegregationOfDuties, "You declared a conflict of interest on this application, so you cannot score it."),
                    { HasConflict: null } => CheckOutcome.Fail(TransitionError.SegregationOfDuties, "Declare whether you have a conflict of interest before scoring."),
                    _ => null,
                };
            case "notRecorder":
                return c is Payment { RecordedByUserId: { } recorder } && recorder == actor.UserId
                    ? CheckOutcome.Fail(TransitionError.SegregationOfDuties, "You recorded this payment, so someone else in Finance must authorise it (segregation of duties).")
                    : null;
            case "notAuthoriser":
                return c is Payment { AuthorisedByUserId: { } authoriser } && authoriser == actor.UserId
                    ? CheckOutcome.Fail(TransitionError.SegregationOfDuties, "You authorised this payment, so someone else in Finance must record it as paid (segregation of duties).")
                    : null;
            case "conditionMet":
                return c is Payment payment && await Features.Payments.PaymentConditions.UnmetAsync(db, payment, ct) is { } unmet
                    ? CheckOutcome.Fail(TransitionError.Validation, unmet)
                    : null;
            case "grantPeriodEnded":
                return c is Award award && UkTime.ToUkDate(now) <= award.EndDate
                    ? CheckOutcome.Fail(TransitionError.Validation, Failures.Message(new GrantPeriodNotEnded(award.EndDate)))
                    : null;
            case DueDiligenceGuard:
                var recorded = await db.Set<DueDiligenceCheck>().Where(x => x.ApplicationId == c.Id).Select(x => x.Item).ToListAsync(ct);
                var band = DueDiligence.BandFor(facts.IsSmallFund, facts.Amount?.Pence ?? 0);
                var missing = DueDiligence.Missing(band, recorded);
                return missing.Count == 0 ? null : CheckOutcome.Fail(TransitionError.Validation,
                    $"A decision cannot be recorded until due diligence is complete ({DueDiligence.Describe(band)}). Still to record: {string.Join("; ", missing)}.");
            default:
                throw new InvalidOperationException($"Unknown guard '{guard}'.");
        }
    }
}
