using GrantsCommissioning.Core.Data;
using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Core.Workflow;
using Microsoft.EntityFrameworkCore;

namespace GrantsCommissioning.Core.Features.Awards;

public sealed record Instalment(DateOnly Due, Money Amount);

public sealed record PlannedCostLine(string Description, Money Amount);

public sealed record ReturnPeriod(DateOnly Start, DateOnly End, DateOnly Due);

/// <summary>The grant agreement an offer becomes when accepted: dates, eligible costs, payments and monitoring returns.</summary>
public sealed record AwardPlan(DateOnly AwardedOn, DateOnly Start, DateOnly End, Money Amount, IReadOnlyList<PlannedCostLine> CostLines,
    IReadOnlyList<Instalment> Instalments, IReadOnlyList<ReturnPeriod> Returns, ReturnProfile Profile = ReturnProfile.Quarterly);

/// <summary>Turns an accepted offer into a grant agreement with its payment and monitoring schedules.</summary>
public sealed class AwardService(IDbContextFactory<GrantsDbContext> factory, ICaseWorkflow workflow)
{
    /// <summary>The applicant accepts the offer; the award, its instalments and its quarterly returns are created in the same transaction.</summary>
    public async Task<FeatureResult<string>> AcceptOfferAsync(int applicationId, Actor actor, string idempotencyKey,
        IReadOnlyList<Instalment>? schedule = null, int? expectedVersion = null, CancellationToken ct = default)
    {
        var result = await workflow.FireAsync(
            new TransitionRequest(new CaseRef(CaseKind.Application, applicationId), ApplicationTriggers.AcceptOffer, actor, idempotencyKey)
            {
                ExpectedVersion = expectedVersion,
                Payload = new OfferAcceptance(schedule),
            },
            ct);
        if (!result.Succeeded)
        {
            return FeatureResult<string>.From(result, "");
        }
        await using var db = await factory.CreateDbContextAsync(ct);
        return FeatureResult<string>.Ok(await db.Awards.Where(a => a.ApplicationId == applicationId).Select(a => a.AwardReference).FirstAsync(ct));
    }

    /// <summary>The applicant declines the offer, giving a reason (kept as the transition's comment for the grants team).</summary>
    public async Task<FeatureResult<bool>> DeclineOfferAsync(int applicationId, Actor actor, string? reason, string idempotencyKey,
        int? expectedVersion = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (string.IsNullOrWhiteSpace(reason))
        {
            return FeatureResult<bool>.Fail(new ReasonNeeded("Tell us why you are declining the offer."));
        }
        if (reason.Trim().Length > 2000)
        {
            return FeatureResult<bool>.Fail(new ReasonNeeded("The reason must be 2,000 characters or fewer."));
        }
        var result = await workflow.FireAsync(
            new TransitionRequest(new CaseRef(CaseKind.Application, applicationId), ApplicationTriggers.DeclineOffer, actor, idempotencyKey)
            {
                Comment = reason.Trim(),
                ExpectedVersion = expectedVersion,
            },
            ct);
        return FeatureResult<bool>.From(result, true);
    }
}
