using System.Globalization;
using FluentValidation;
using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Core.Features.Audit;
using GrantsCommissioning.Core.Features.DecisionNotices;
using GrantsCommissioning.Core.Workflow;
using GrantsCommissioning.Core.Workflow.Kinds;
using Microsoft.EntityFrameworkCore;

namespace GrantsCommissioning.Core.Features.Decisions;

/// <summary>The reasons and conditions of a decision; the amount and notice reference travel on the request, where the Scheme of Delegation reads them.</summary>
public sealed record DecisionReasons(string Rationale, string? Conditions, string? Feedback = null) : IEmailPayload
{
    /// <summary>The decision letter carries the conditions of grant and the applicant's feedback, never the internal reasons.</summary>
    public IReadOnlyDictionary<string, string> EmailValues => new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["Conditions"] = string.IsNullOrWhiteSpace(Conditions) ? "None beyond the standard grant agreement." : Conditions.Trim(),
        ["Feedback"] = Feedback?.Trim() ?? "",
    };
}

public sealed class DecisionReasonsValidator : AbstractValidator<DecisionReasons>
{
    public DecisionReasonsValidator()
    {
        RuleFor(d => d.Rationale).Must(r => !string.IsNullOrWhiteSpace(r) && r.Trim().Length >= 10)
            .WithMessage("Give the reasons for the decision (at least 10 characters).");
        RuleFor(d => d.Feedback).MaximumLength(4000).WithMessage("Keep the feedback to the applicant to 4,000 characters.");
    }
}

/// <summary>Approve, part-fund, defer or reject: writes the decision row and its audit row.</summary>
public sealed class DecisionHandler(IValidator<DecisionReasons> validator, AuditTrail audit, RelatedAwards related, Awards.AwardPlanner planner) : TransitionHandler<GrantApplication, DecisionReasons>(validator)
{
    public override CaseKind Kind => CaseKind.Application;

    public override IReadOnlyCollection<string> Triggers => DecisionTriggers.Outcomes.Keys.ToList();

    protected override async Task<IReadOnlyList<FieldError>> ValidateAsync(TransitionContext context, GrantApplication c, DecisionReasons payload, CancellationToken ct)
    {
        var outcome = DecisionTriggers.Outcomes[context.Request.Trigger];
        if (outcome is DecisionOutcome.Defer or DecisionOutcome.Reject && string.IsNullOrWhiteSpace(payload.Feedback))
        {
            return [new FieldError("Feedback", outcome == DecisionOutcome.Defer
                ? "Say what the applicant needs to provide or do before the application is reconsidered."
                : "Give the applicant feedback: why the application was not funded.")];
        }
        var notice = context.Request.NoticeReference?.Trim();
        if (!string.IsNullOrEmpty(notice) && await context.Db.Decisions.AnyAsync(d => d.NoticeReference == notice, ct))
        {
            return [new FieldError("NoticeReference", $"Decision notice {notice} is already recorded against another decision; check the reference.")];
        }
        if (!string.IsNullOrEmpty(notice) && await NoticeProblemAsync(context, c, notice, ct) is { } problem)
        {
            return [new FieldError("NoticeReference", problem)];
        }
        if (!DecisionTriggers.IsFunded(outcome))
        {
            return [];
        }
        var amount = context.Request.Amount?.Pence ?? 0;
        var round = await context.Db.Rounds.Where(r => r.Id == c.RoundId).Select(r => new { r.MaxAwardPence, r.Fund!.IsSmallFund }).FirstAsync(ct);
        var maxAward = round.MaxAwardPence;
        var message = amount switch
        {
            <= 0 => "Enter an amount more than £0.",
            _ when amount > c.AmountRequestedPence => $"The amount cannot be more than the {new Money(c.AmountRequestedPence)} requested.",
            _ when amount > maxAward => $"The amount cannot be more than the round's maximum award of {new Money(maxAward)}.",
            _ when outcome == DecisionOutcome.PartFund && amount == c.AmountRequestedPence =>
                "Part-funding must be less than the amount requested; choose Approve to fund it in full.",
            _ => null,
        };
        message ??= amount > 0 ? await related.ProblemAsync(context.Db, c, context.Actor, new Money(amount), notice, round.IsSmallFund, context.Now, ct) : null;
        message ??= await CapProblemAsync(context, c, new Money(amount), ct);
        return message is null ? [] : [new FieldError("Amount", message)];
    }

    protected override async Task ApplyAsync(TransitionContext context, GrantApplication c, DecisionReasons payload, CancellationToken ct)
    {
        var request = context.Request;
        var outcome = DecisionTriggers.Outcomes[request.Trigger];
        var decision = new Decision
        {
            ApplicationId = c.Id, Outcome = outcome, AmountPence = DecisionTriggers.IsFunded(outcome) ? request.Amount!.Value.Pence : 0,
            Rationale = payload.Rationale.Trim(), Conditions = payload.Conditions?.Trim(),
            Feedback = string.IsNullOrWhiteSpace(payload.Feedback) ? null : payload.Feedback.Trim(), DecidedByUserId = context.Actor.UserId,
            DecidedByName = context.Actor.DisplayName, AuthorityLevel = AuthorityOf(context), DeputyForName = context.Authority.DeputyFor, DecidedAt = context.Now,
            NoticeReference = string.IsNullOrWhiteSpace(request.NoticeReference) ? null : request.NoticeReference.Trim(),
        };
        context.Db.Decisions.Add(decision);
        if (outcome == DecisionOutcome.Defer)
        {
            // A deferred case comes back through assessment and a new recommendation, so its approvals must be given again.
            await ApprovalHandler.VoidWithAuditAsync(context, audit, "Deferred: " + payload.Rationale.Trim(), ct);
        }
        if (decision.NoticeReference is { } reference
            && await context.Db.Set<DecisionNotice>().FirstOrDefaultAsync(n => n.NoticeReference == reference, ct) is { } signedNotice)
        {
            signedNotice.Decision = decision;
            signedNotice.ApplicationId ??= c.Id;
        }
        await audit.AppendAsync(context.Db, context.Actor, "Decision.Recorded", nameof(CaseKind.Application),
            c.Id.ToString(CultureInfo.InvariantCulture), null, AuditImage(decision), ct);
    }

    /// <summary>
    /// The money the decision commits, by financial year of the schedule its offer will carry, with the fund's other
    /// offers not yet answered, must fit under the fund's cap (<see cref="Funds.CommitmentCap"/>).
    /// </summary>
    private async Task<string?> CapProblemAsync(TransitionContext context, GrantApplication c, Money amount, CancellationToken ct)
    {
        var db = context.Db;
        var fundId = await db.Rounds.Where(r => r.Id == c.RoundId).Select(r => r.FundId).FirstAsync(ct);
        var offers = await db.Applications.Where(a => a.Id != c.Id && a.State == ApplicationStates.OfferMade && a.Round!.FundId == fundId).ToListAsync(ct);
        var offered = new List<(FinancialYear, Money)>();
        foreach (var offer in offers)
        {
            var decided = await db.Decisions.Where(d => d.ApplicationId == offer.Id && (d.Outcome == DecisionOutcome.Approve || d.Outcome == DecisionOutcome.PartFund))
                .OrderByDescending(d => d.Id).FirstOrDefaultAsync(ct);
            if (decided is not null)
            {
                offered.AddRange(Profile(offer, decided));
            }
        }
        var over = await Funds.CommitmentCap.CheckAsync(db, fundId,
            Profile(c, new Decision { AmountPence = amount.Pence, Rationale = "", DecidedByUserId = "", DecidedByName = "" }), offered, ct);
        return over is null ? null : Failures.Message(over);
    }

    private List<(FinancialYear, Money)> Profile(GrantApplication application, Decision decision) =>
        planner.Plan(application, decision).Instalments.Select(i => (FinancialYear.Containing(i.Due), i.Amount)).ToList();

    /// <summary>A decision notice drafted in the system must be signed (or published) and about this application before a decision cites it.</summary>
    private static async Task<string?> NoticeProblemAsync(TransitionContext context, GrantApplication c, string reference, CancellationToken ct)
    {
        var n = await context.Db.Set<DecisionNotice>().Where(x => x.NoticeReference == reference)
            .Select(x => new { x.State, x.ApplicationId, x.DecisionId }).FirstOrDefaultAsync(ct);
        return n switch
        {
            null => null,
            { DecisionId: not null } => $"Decision notice {reference} is already recorded against another decision; check the reference.",
            { ApplicationId: { } about } when about != c.Id => $"Decision notice {reference} is about another application; check the reference.",
            _ when n.State is not (DecisionNoticeWorkflow.Signed or DecisionNoticeWorkflow.Published) =>
                $"Decision notice {reference} has not been signed by the Commissioner yet, so this decision cannot be recorded under it.",
            _ => null,
        };
    }

    private static object AuditImage(Decision d) => new
    {
        outcome = d.Outcome.ToString(), amountPence = d.AmountPence, authority = d.AuthorityLevel.ToString(), noticeReference = d.NoticeReference,
        deputyFor = d.DeputyForName, rationale = d.Rationale, conditions = d.Conditions, feedback = d.Feedback, decidedByUserId = d.DecidedByUserId, decidedByName = d.DecidedByName,
    };

    /// <summary>A deputy decides under the principal's level; anyone else under their own highest role.</summary>
    private static AuthorityLevel AuthorityOf(TransitionContext context) => context.Authority is { DeputyFor: not null, Role: { } role }
        ? role switch { Roles.Commissioner => AuthorityLevel.Commissioner, Roles.DecisionMaker => AuthorityLevel.DecisionMaker, _ => AuthorityLevel.GrantsOfficer }
        : AuthorityOf(context.Actor);

    private static AuthorityLevel AuthorityOf(Actor actor) =>
        actor.IsInRole(Roles.Commissioner) ? AuthorityLevel.Commissioner
        : actor.IsInRole(Roles.DecisionMaker) ? AuthorityLevel.DecisionMaker
        : AuthorityLevel.GrantsOfficer;
}
