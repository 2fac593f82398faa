using GrantsCommissioning.Core.Data;
using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Core.Workflow;
using Microsoft.EntityFrameworkCore;

namespace GrantsCommissioning.Core.Features.Returns;

public sealed record ReturnSubmission(
    int ReturnId, IReadOnlyDictionary<int, Money> SpendByCostLine, IReadOnlyDictionary<int, double> IndicatorValues, string Narrative,
    string? CaseStudy = null, string? Risks = null, int? ExpectedVersion = null);

/// <summary>Monitoring returns: the grantee submits spend by cost line and indicator values; an officer queries or accepts.</summary>
public sealed class ReturnService(ICaseWorkflow workflow, TimeProvider clock)
{
    /// <summary>Submits a return that is due or overdue.</summary>
    public Task<FeatureResult<bool>> SubmitAsync(ReturnSubmission input, Actor actor, string idempotencyKey, CancellationToken ct = default) =>
        SendAsync(ReturnTriggers.Submit, input, actor, idempotencyKey, ct);

    /// <summary>Sends again a return an officer queried: the same writes as a first submission, replacing the earlier figures.</summary>
    public Task<FeatureResult<bool>> ResubmitAsync(ReturnSubmission input, Actor actor, string idempotencyKey, CancellationToken ct = default) =>
        SendAsync(ReturnTriggers.Resubmit, input, actor, idempotencyKey, ct);

    private async Task<FeatureResult<bool>> SendAsync(string trigger, ReturnSubmission input, Actor actor, string idempotencyKey, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(actor);
        if (string.IsNullOrWhiteSpace(input.Narrative))
        {
            return FeatureResult<bool>.Fail(nameof(input.Narrative), "Describe progress in this period.");
        }
        if (input.SpendByCostLine.Values.Any(v => v.IsNegative))
        {
            return FeatureResult<bool>.Fail(nameof(input.SpendByCostLine), "Spend cannot be negative.");
        }
        TransitionResult result;
        try
        {
            result = await workflow.FireAsync(
                new TransitionRequest(new CaseRef(CaseKind.MonitoringReturn, input.ReturnId), trigger, actor, idempotencyKey)
                {
                    ExpectedVersion = input.ExpectedVersion,
                    Effects = (db, c, t) => WriteAsync(db, (MonitoringReturn)c, input, actor, t),
                },
                ct).ConfigureAwait(false);
        }
        catch (FeatureValidationException ex)
        {
            return FeatureResult<bool>.Fail(ex.Field, ex.Message);
        }
        return FeatureResult<bool>.From(result, true);
    }

    public async Task<FeatureResult<bool>> AcceptAsync(int returnId, Actor actor, string idempotencyKey, string? comment = null,
        int? expectedVersion = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var result = await workflow.FireAsync(
            new TransitionRequest(new CaseRef(CaseKind.MonitoringReturn, returnId), ReturnTriggers.Accept, actor, idempotencyKey)
            {
                Comment = comment,
                ExpectedVersion = expectedVersion,
                Effects = EffectsFor(ReturnTriggers.Accept, actor),
            },
            ct).ConfigureAwait(false);
        return FeatureResult<bool>.From(result, true);
    }

    /// <summary>What a return trigger records about who acted, for callers that fire it generically (the case page's buttons).</summary>
    public Func<GrantsDbContext, IWorkflowCase, CancellationToken, Task>? EffectsFor(string trigger, Actor actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return trigger == ReturnTriggers.Accept
            ? (_, c, _) =>
            {
                var ret = (MonitoringReturn)c;
                ret.AcceptedAt = clock.GetUtcNow();
                ret.AcceptedByUserId = actor.UserId;
                return Task.CompletedTask;
            }
            : null;
    }

    private async Task WriteAsync(GrantsDbContext db, MonitoringReturn ret, ReturnSubmission input, Actor actor, CancellationToken ct)
    {
        var costLines = await db.AwardCostLines.Where(l => l.AwardId == ret.AwardId).Select(l => l.Id).ToListAsync(ct).ConfigureAwait(false);
        var indicators = await db.AwardIndicators.Where(i => i.AwardId == ret.AwardId).Select(i => i.Id).ToListAsync(ct).ConfigureAwait(false);
        if (input.SpendByCostLine.Keys.Any(k => !costLines.Contains(k)) || input.IndicatorValues.Keys.Any(k => !indicators.Contains(k)))
        {
            throw new FeatureValidationException(nameof(input.SpendByCostLine), "Spend and indicator values must be for this award's cost lines and indicators.");
        }
        await db.ReturnSpendLines.Where(l => l.ReturnId == ret.Id).ExecuteDeleteAsync(ct).ConfigureAwait(false);
        await db.ReturnIndicatorValues.Where(v => v.ReturnId == ret.Id).ExecuteDeleteAsync(ct).ConfigureAwait(false);
        db.ReturnSpendLines.AddRange(input.SpendByCostLine.Select(kv => new ReturnSpendLine { ReturnId = ret.Id, CostLineId = kv.Key, AmountPence = kv.Value.Pence }));
        db.ReturnIndicatorValues.AddRange(input.IndicatorValues.Select(kv => new ReturnIndicatorValue { ReturnId = ret.Id, IndicatorId = kv.Key, Value = kv.Value }));
        ret.Narrative = input.Narrative.Trim();
        ret.CaseStudy = input.CaseStudy?.Trim();
        ret.Risks = input.Risks?.Trim();
        ret.SubmittedAt = clock.GetUtcNow();
        ret.SubmittedByUserId = actor.UserId;
    }
}
