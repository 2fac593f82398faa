using GrantsCommissioning.Core.Data;
using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Core.Workflow;
using Microsoft.EntityFrameworkCore;

namespace GrantsCommissioning.Core.Features.Decisions;

/// <summary>What the officer recommended when putting the application for decision: the amount and the conditions, where given.</summary>
public sealed record Recommended(Money? Amount, string? Conditions);

public sealed record DecisionInput(
    int ApplicationId, DecisionOutcome Outcome, Money Amount, string Rationale, string? Conditions, string? NoticeReference, int? ExpectedVersion,
    string? Feedback = null);

/// <summary>Records approve, part-fund, defer and reject decisions under the Scheme of Delegation held in the workflow definition.</summary>
public sealed class DecisionService(IDbContextFactory<GrantsDbContext> factory, ICaseWorkflow workflow)
{
    public async Task<FeatureResult<Decision>> DecideAsync(DecisionInput input, Actor actor, string idempotencyKey, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(actor);
        var funded = DecisionTriggers.IsFunded(input.Outcome);
        var result = await workflow.FireAsync(
            new TransitionRequest(new CaseRef(CaseKind.Application, input.ApplicationId), DecisionTriggers.TriggerFor(input.Outcome), actor, idempotencyKey)
            {
                Comment = input.Rationale,
                Amount = funded ? input.Amount : null,
                NoticeReference = string.IsNullOrWhiteSpace(input.NoticeReference) ? null : input.NoticeReference.Trim(),
                ExpectedVersion = input.ExpectedVersion,
                Payload = new DecisionReasons(input.Rationale ?? "", input.Conditions, input.Feedback),
            },
            ct);
        if (result.Error == TransitionError.CaseNotFound)
        {
            return FeatureResult<Decision>.Fail(new NotFound("application"));
        }
        if (!result.Succeeded)
        {
            return FeatureResult<Decision>.From(result, null!);
        }
        await using var db = await factory.CreateDbContextAsync(ct);
        var recorded = await db.Decisions.AsNoTracking().Where(d => d.ApplicationId == input.ApplicationId).OrderByDescending(d => d.Id).FirstAsync(ct);
        return FeatureResult<Decision>.Ok(recorded);
    }

    /// <summary>The latest recommendation on the application (the Recommend transition's amount and conditions), for the decision form to start from.</summary>
    public async Task<Recommended?> RecommendationAsync(int applicationId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var row = await db.WorkflowJournal.AsNoTracking()
            .Where(j => j.CaseKind == CaseKind.Application && j.CaseId == applicationId && j.Trigger == ApplicationTriggers.Recommend)
            .OrderByDescending(j => j.Sequence).Select(j => new { j.AmountPence, j.Comment }).FirstOrDefaultAsync(ct);
        return row is null ? null : new Recommended(row.AmountPence is { } p ? new Money(p) : null, Assessments.RankingActions.ConditionsIn(row.Comment));
    }
}
