using System.Globalization;
using GrantsCommissioning.Core.Data;
using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Core.Features.Audit;
using GrantsCommissioning.Core.Workflow;
using Microsoft.EntityFrameworkCore;

namespace GrantsCommissioning.Core.Features.Payments;

public sealed record SuspensionView(int AwardId, string AwardReference, string Reason, string SuspendedBy, DateTimeOffset SuspendedAt);

/// <summary>Finance suspends all payments of one award with a reason, and lifts the suspension; both audited, one standing suspension an award.</summary>
public sealed class PaymentSuspensions(IDbContextFactory<GrantsDbContext> factory, AuditTrail audit, TimeProvider clock)
{
    public const string SuspendedAction = "Award.PaymentsSuspended";
    public const string LiftedAction = "Award.PaymentSuspensionLifted";
    public const int MaxReason = 500;

    public async Task<SuspensionView?> CurrentAsync(int awardId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await (from s in db.Set<PaymentSuspension>()
                      join a in db.Awards on s.AwardId equals a.Id
                      where s.AwardId == awardId && s.LiftedAt == null
                      select new SuspensionView(a.Id, a.AwardReference, s.Reason, s.SuspendedByName, s.SuspendedAt)).FirstOrDefaultAsync(ct);
    }

    public Task<FeatureResult<int>> SuspendAsync(int awardId, string? reason, Actor actor, CancellationToken ct = default) =>
        ChangeAsync(awardId, reason, actor, suspend: true, ct);

    public Task<FeatureResult<int>> LiftAsync(int awardId, string? reason, Actor actor, CancellationToken ct = default) =>
        ChangeAsync(awardId, reason, actor, suspend: false, ct);

    private async Task<FeatureResult<int>> ChangeAsync(int awardId, string? reason, Actor actor, bool suspend, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!actor.IsInRole(Roles.Finance))
        {
            return FeatureResult<int>.Fail(new RoleNeeded("the finance team", suspend ? "suspend an award's payments" : "lift a suspension of payments"));
        }
        var text = reason?.Trim() ?? "";
        if (text.Length is 0 or > MaxReason)
        {
            return FeatureResult<int>.Fail(new ReasonNeeded(suspend
                ? $"Say why the award's payments are suspended, in at most {MaxReason} characters."
                : $"Say why the suspension is lifted, in at most {MaxReason} characters."));
        }
        return await factory.InTransactionAsync(async db =>
        {
            var award = await db.Awards.Where(a => a.Id == awardId).Select(a => new { a.Id, a.AwardReference, a.State }).FirstOrDefaultAsync(ct);
            if (award is null)
            {
                return FeatureResult<int>.Fail(new NotFound("award"));
            }
            var standing = await db.Set<PaymentSuspension>().FirstOrDefaultAsync(s => s.AwardId == awardId && s.LiftedAt == null, ct);
            if (suspend && standing is not null)
            {
                return FeatureResult<int>.Fail(new NoLongerPossible("award's payments", "suspended", $"they were suspended on {UkTime.Describe(standing.SuspendedAt)} by {standing.SuspendedByName}"));
            }
            if (!suspend && standing is null)
            {
                return FeatureResult<int>.Fail(new NoLongerPossible("award's payments", "released", "they are not suspended"));
            }
            if (suspend && award.State is AwardStates.Terminated or AwardStates.Closed)
            {
                return FeatureResult<int>.Fail(new AwardNotChangeable(award.AwardReference, award.State.ToLowerInvariant()));
            }
            var now = clock.GetUtcNow();
            if (suspend)
            {
                standing = new PaymentSuspension { AwardId = awardId, Reason = text, SuspendedByUserId = actor.UserId, SuspendedByName = actor.DisplayName, SuspendedAt = now };
                db.Add(standing);
            }
            else
            {
                (standing!.LiftedAt, standing.LiftedByName, standing.LiftReason) = (now, actor.DisplayName, text);
            }
            await db.SaveChangesAsync(ct);
            await audit.AppendAsync(db, actor, suspend ? SuspendedAction : LiftedAction, nameof(CaseKind.Award), awardId.ToString(CultureInfo.InvariantCulture),
                null, new { award = award.AwardReference, reason = text }, ct);
            return FeatureResult<int>.Ok(standing.Id);
        }, ct);
    }
}
