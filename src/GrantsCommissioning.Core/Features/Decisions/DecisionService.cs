using GrantsCommissioning.Core.Data;
using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Core.Workflow;
using Microsoft.EntityFrameworkCore;

namespace GrantsCommissioning.Core.Features.Decisions;

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
}
