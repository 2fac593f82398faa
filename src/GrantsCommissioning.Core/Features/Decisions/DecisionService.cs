using System.Globalization;
using GrantsCommissioning.Core.Data;
using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Core.Features.Audit;
using GrantsCommissioning.Core.Workflow;
using Microsoft.EntityFrameworkCore;

namespace GrantsCommissioning.Core.Features.Decisions;

public sealed record DecisionInput(
    int ApplicationId, DecisionOutcome Outcome, Money Amount, string Rationale, string? Conditions, string? NoticeReference, int? ExpectedVersion);

/// <summary>Records approve, part-fund, defer and reject decisions under the Scheme of Delegation held in the workflow definition.</summary>
public sealed class DecisionService(IDbContextFactory<GrantsDbContext> factory, ICaseWorkflow workflow, AuditTrail audit, TimeProvider clock)
{
    public async Task<FeatureResult<Decision>> DecideAsync(DecisionInput input, Actor actor, string idempotencyKey, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(actor);
        var errors = await ValidateAsync(input, ct).ConfigureAwait(false);
        if (errors.Count > 0)
        {
            return FeatureResult<Decision>.Fail(errors);
        }
        Decision? recorded = null;
        var trigger = input.Outcome switch
        {
            DecisionOutcome.Approve => ApplicationTriggers.Approve,
            DecisionOutcome.PartFund => ApplicationTriggers.PartFund,
            DecisionOutcome.Defer => ApplicationTriggers.Defer,
            DecisionOutcome.Reject => ApplicationTriggers.Reject,
        };
        var funded = input.Outcome is DecisionOutcome.Approve or DecisionOutcome.PartFund;
        var result = await workflow.FireAsync(
            new TransitionRequest(new CaseRef(CaseKind.Application, input.ApplicationId), trigger, actor, idempotencyKey)
            {
                Comment = input.Rationale,
                Amount = funded ? input.Amount : null,
                NoticeReference = string.IsNullOrWhiteSpace(input.NoticeReference) ? null : input.NoticeReference.Trim(),
                ExpectedVersion = input.ExpectedVersion,
                Effects = async (db, _, token) =>
                {
                    recorded = new Decision
                    {
                        ApplicationId = input.ApplicationId, Outcome = input.Outcome, AmountPence = funded ? input.Amount.Pence : 0,
                        Rationale = input.Rationale.Trim(), Conditions = input.Conditions?.Trim(), DecidedByUserId = actor.UserId,
                        DecidedByName = actor.DisplayName, AuthorityLevel = AuthorityOf(actor), DecidedAt = clock.GetUtcNow(),
                        NoticeReference = string.IsNullOrWhiteSpace(input.NoticeReference) ? null : input.NoticeReference.Trim(),
                    };
                    db.Decisions.Add(recorded);
                    await audit.AppendAsync(db, actor, "Decision.Recorded", nameof(CaseKind.Application),
                        input.ApplicationId.ToString(CultureInfo.InvariantCulture), null, AuditImage(recorded), token).ConfigureAwait(false);
                },
            },
            ct).ConfigureAwait(false);
        if (result.Succeeded && recorded is null && result.WasDuplicate)
        {
            var db = await factory.CreateDbContextAsync(ct).ConfigureAwait(false);
            await using (db.ConfigureAwait(false))
            {
                recorded = await db.Decisions.Where(d => d.ApplicationId == input.ApplicationId).OrderByDescending(d => d.Id).FirstAsync(ct).ConfigureAwait(false);
            }
        }
        return FeatureResult<Decision>.From(result, recorded!);
    }

    private static object AuditImage(Decision d) => new
    {
        outcome = d.Outcome.ToString(), amountPence = d.AmountPence, authority = d.AuthorityLevel.ToString(), noticeReference = d.NoticeReference,
        rationale = d.Rationale, conditions = d.Conditions, decidedByUserId = d.DecidedByUserId, decidedByName = d.DecidedByName,
    };

    private static AuthorityLevel AuthorityOf(Actor actor) =>
        actor.IsInRole(Roles.Commissioner) ? AuthorityLevel.Commissioner
        : actor.IsInRole(Roles.DecisionMaker) ? AuthorityLevel.DecisionMaker
        : AuthorityLevel.GrantsOfficer;

    private async Task<Dictionary<string, string>> ValidateAsync(DecisionInput input, CancellationToken ct)
    {
        var errors = new Dictionary<string, string>();
        if (string.IsNullOrWhiteSpace(input.Rationale) || input.Rationale.Trim().Length < 10)
        {
            errors[nameof(input.Rationale)] = "Give the reasons for the decision (at least 10 characters).";
        }
        if (input.Outcome is not (DecisionOutcome.Approve or DecisionOutcome.PartFund))
        {
            return errors;
        }
        var db = await factory.CreateDbContextAsync(ct).ConfigureAwait(false);
        await using (db.ConfigureAwait(false))
        {
            var application = await db.Applications.AsNoTracking().Where(a => a.Id == input.ApplicationId)
                .Select(a => new { a.AmountRequestedPence, a.Round!.MaxAwardPence }).FirstOrDefaultAsync(ct).ConfigureAwait(false);
            if (application is null)
            {
                errors[""] = "That application does not exist.";
                return errors;
            }
            if (input.Amount.Pence <= 0)
            {
                errors[nameof(input.Amount)] = "Enter an amount more than £0.";
            }
            else if (input.Amount.Pence > application.AmountRequestedPence)
            {
                errors[nameof(input.Amount)] = $"The amount cannot be more than the {new Money(application.AmountRequestedPence)} requested.";
            }
            else if (input.Amount.Pence > application.MaxAwardPence)
            {
                errors[nameof(input.Amount)] = $"The amount cannot be more than the round's maximum award of {new Money(application.MaxAwardPence)}.";
            }
            else if (input.Outcome == DecisionOutcome.PartFund && input.Amount.Pence == application.AmountRequestedPence)
            {
                errors[nameof(input.Amount)] = "Part-funding must be less than the amount requested; choose Approve to fund it in full.";
            }
        }
        return errors;
    }
}
