using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Core.Workflow;
using GrantsCommissioning.Core.Workflow.Kinds;

namespace GrantsCommissioning.Core.Features.Returns;

public sealed record ReturnSubmission(
    int ReturnId, IReadOnlyDictionary<int, Money> SpendByCostLine, IReadOnlyDictionary<int, double> IndicatorValues, string Narrative,
    string? CaseStudy = null, string? Risks = null, int? ExpectedVersion = null) : ITransitionPayload;

/// <summary>Monitoring returns: the grantee submits spend by cost line and indicator values; an officer queries or accepts.</summary>
public sealed class ReturnService(ICaseWorkflow workflow)
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
        var result = await workflow.FireAsync(
            new TransitionRequest(new CaseRef(CaseKind.MonitoringReturn, input.ReturnId), trigger, actor, idempotencyKey)
            {
                ExpectedVersion = input.ExpectedVersion,
                Payload = input,
            },
            ct);
        return FeatureResult<bool>.From(result, true);
    }
}
