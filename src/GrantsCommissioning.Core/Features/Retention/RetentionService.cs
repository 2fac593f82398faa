using System.Globalization;
using FluentValidation;
using GrantsCommissioning.Core.Data;
using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Core.Features.Attachments;
using GrantsCommissioning.Core.Features.Audit;
using GrantsCommissioning.Core.Workflow;
using Microsoft.EntityFrameworkCore;

namespace GrantsCommissioning.Core.Features.Retention;

/// <summary>
/// Retention, for administrators: a policy per record type, legal holds on cases, and the purge: a dry-run report of
/// what the policies would remove (<see cref="CreateReportAsync"/>), which an administrator approves, and the approval
/// carries out exactly the reported records (<see cref="ApproveAsync"/>). Every change is written to the audit log;
/// audit rows themselves are never removed.
/// </summary>
public sealed partial class RetentionService(
    IDbContextFactory<GrantsDbContext> factory, AuditTrail audit, AttachmentStore attachments, TimeProvider clock,
    IValidator<RetentionPolicyInput> policyValidator, IValidator<LegalHoldInput> holdValidator, IValidator<LiftHoldInput> liftValidator)
{
    public const string PolicyChangedAction = "Retention.PolicyChanged";
    public const string HoldPlacedAction = "Retention.HoldPlaced";
    public const string HoldLiftedAction = "Retention.HoldLifted";

    public async Task<IReadOnlyList<RetentionPolicyRow>> PoliciesAsync(CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var stored = await db.Set<RetentionPolicy>().AsNoTracking().ToDictionaryAsync(p => p.RecordType, ct);
        return RetentionDefaults.Policies.Select(d => stored.TryGetValue(d.RecordType, out var p)
            ? new RetentionPolicyRow(d.RecordType, d.Title, d.ClockStarts, d.Removes, p.Period, p.Unit, p.UpdatedAt, p.UpdatedByName)
            : new RetentionPolicyRow(d.RecordType, d.Title, d.ClockStarts, d.Removes, d.Period, d.Unit, null, null)).ToList();
    }

    public async Task<FeatureResult<RetentionPolicyRow>> UpdatePolicyAsync(RetentionPolicyInput input, Actor admin, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(admin);
        if (!admin.IsInRole(Roles.Administrator))
        {
            return FeatureResult<RetentionPolicyRow>.Fail(new NotAllowed("change retention policies"));
        }
        var validation = await policyValidator.ValidateAsync(input, ct);
        if (!validation.IsValid)
        {
            return FeatureResult<RetentionPolicyRow>.Invalid(validation);
        }
        var type = input.RecordType!.Value;
        var period = int.Parse(input.Period!.Trim(), CultureInfo.InvariantCulture);
        var info = RetentionDefaults.For(type);
        return await factory.InTransactionAsync(async db =>
        {
            var policy = await db.Set<RetentionPolicy>().FirstOrDefaultAsync(p => p.RecordType == type, ct);
            if (policy is null)
            {
                policy = new RetentionPolicy { RecordType = type, Period = info.Period, Unit = info.Unit };
                db.Add(policy);
            }
            var before = new { period = RetentionDefaults.Describe(policy.Period, policy.Unit) };
            (policy.Period, policy.Unit, policy.UpdatedAt, policy.UpdatedByName) = (period, input.Unit!.Value, clock.GetUtcNow(), admin.DisplayName);
            await audit.AppendAsync(db, admin, PolicyChangedAction, nameof(RetentionPolicy), type.ToString(), before,
                new { period = RetentionDefaults.Describe(period, policy.Unit) }, ct);
            return FeatureResult<RetentionPolicyRow>.Ok(new RetentionPolicyRow(type, info.Title, info.ClockStarts, info.Removes, period, policy.Unit,
                policy.UpdatedAt, policy.UpdatedByName));
        }, ct);
    }

    /// <summary>Holds, those standing first, then the lifted ones, newest first.</summary>
    public async Task<LegalHoldPage> HoldsAsync(int skip, int take, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var holds = db.Set<LegalHold>().AsNoTracking();
        var total = await holds.CountAsync(ct);
        var rows = await holds.OrderBy(h => h.LiftedAt != null).ThenByDescending(h => h.Id).Skip(Math.Max(0, skip)).Take(Math.Clamp(take, 1, 200))
            .Select(h => new LegalHoldRow(h.Id, h.CaseKind, h.Reference, h.Reason, h.PlacedAt, h.PlacedByName, h.LiftedAt, h.LiftedByName, h.LiftReason))
            .ToListAsync(ct);
        return new LegalHoldPage(rows, total);
    }

    public async Task<LegalHoldRow?> HoldAsync(int id, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.Set<LegalHold>().AsNoTracking().Where(h => h.Id == id)
            .Select(h => new LegalHoldRow(h.Id, h.CaseKind, h.Reference, h.Reason, h.PlacedAt, h.PlacedByName, h.LiftedAt, h.LiftedByName, h.LiftReason))
            .FirstOrDefaultAsync(ct);
    }

    /// <summary>Puts an application or award (by reference) under legal hold: no purge touches it, or the award or application linked to it, until it is lifted.</summary>
    public async Task<FeatureResult<LegalHoldRow>> PlaceHoldAsync(LegalHoldInput input, Actor admin, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(admin);
        if (!admin.IsInRole(Roles.Administrator))
        {
            return FeatureResult<LegalHoldRow>.Fail(new NotAllowed("place legal holds"));
        }
        var validation = await holdValidator.ValidateAsync(input, ct);
        if (!validation.IsValid)
        {
            return FeatureResult<LegalHoldRow>.Invalid(validation);
        }
        var reference = input.Reference!.Trim();
        return await factory.InTransactionAsync(async db =>
        {
            var found = await FindCaseAsync(db, reference, ct);
            if (found is not var (kind, id, exact))
            {
                return FeatureResult<LegalHoldRow>.Fail(new UnknownCase(reference));
            }
            var standing = await db.Set<LegalHold>().AsNoTracking().FirstOrDefaultAsync(h => h.CaseKind == kind && h.CaseId == id && h.LiftedAt == null, ct);
            if (standing is not null)
            {
                return FeatureResult<LegalHoldRow>.Fail(new AlreadyOnHold(exact, standing.PlacedAt));
            }
            var hold = new LegalHold
            {
                CaseKind = kind, CaseId = id, Reference = exact, Reason = input.Reason!.Trim(), PlacedAt = clock.GetUtcNow(), PlacedByName = admin.DisplayName,
            };
            db.Add(hold);
            await db.SaveChangesAsync(ct);
            await audit.AppendAsync(db, admin, HoldPlacedAction, kind.ToString(), exact, null, new { hold = hold.Id, reason = hold.Reason }, ct);
            return FeatureResult<LegalHoldRow>.Ok(new LegalHoldRow(hold.Id, kind, exact, hold.Reason, hold.PlacedAt, hold.PlacedByName, null, null, null));
        }, ct);
    }

    public async Task<FeatureResult<bool>> LiftHoldAsync(LiftHoldInput input, Actor admin, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(admin);
        if (!admin.IsInRole(Roles.Administrator))
        {
            return FeatureResult<bool>.Fail(new NotAllowed("lift legal holds"));
        }
        var validation = await liftValidator.ValidateAsync(input, ct);
        if (!validation.IsValid)
        {
            return FeatureResult<bool>.Invalid(validation);
        }
        return await factory.InTransactionAsync(async db =>
        {
            var hold = await db.Set<LegalHold>().FirstOrDefaultAsync(h => h.Id == input.HoldId, ct);
            if (hold is null)
            {
                return FeatureResult<bool>.Fail(new NotFound("legal hold"));
            }
            if (hold.LiftedAt is not null)
            {
                return FeatureResult<bool>.Fail(new NoLongerPossible("legal hold", "lifted", $"{hold.LiftedByName} lifted it already."));
            }
            (hold.LiftedAt, hold.LiftedByName, hold.LiftReason) = (clock.GetUtcNow(), admin.DisplayName, input.Reason!.Trim());
            await audit.AppendAsync(db, admin, HoldLiftedAction, hold.CaseKind.ToString(), hold.Reference, new { hold = hold.Id, reason = hold.Reason },
                new { lifted = hold.LiftReason }, ct);
            return FeatureResult<bool>.Ok(true);
        }, ct);
    }

    private static async Task<(CaseKind Kind, int Id, string Reference)?> FindCaseAsync(GrantsDbContext db, string reference, CancellationToken ct)
    {
        var upper = reference.ToUpperInvariant();
        var application = await db.Applications.AsNoTracking().Where(a => a.ApplicationReference.ToUpper() == upper)
            .Select(a => new { a.Id, a.ApplicationReference }).FirstOrDefaultAsync(ct);
        if (application is not null)
        {
            return (CaseKind.Application, application.Id, application.ApplicationReference);
        }
        var award = await db.Awards.AsNoTracking().Where(a => a.AwardReference.ToUpper() == upper).Select(a => new { a.Id, a.AwardReference }).FirstOrDefaultAsync(ct);
        return award is null ? null : (CaseKind.Award, award.Id, award.AwardReference);
    }

    private DateOnly Today => UkTime.ToUkDate(clock.GetUtcNow());
}
