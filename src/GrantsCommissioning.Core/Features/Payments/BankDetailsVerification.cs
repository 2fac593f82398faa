using System.Globalization;
using GrantsCommissioning.Core.Data;
using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Core.Features.Audit;
using GrantsCommissioning.Core.Features.Cases;
using GrantsCommissioning.Core.Features.Organisations;
using GrantsCommissioning.Core.Workflow;
using Microsoft.EntityFrameworkCore;

namespace GrantsCommissioning.Core.Features.Payments;

/// <summary>A change of bank details waiting for, or given, a second person's verification.</summary>
public sealed record BankChangeRow(int Id, int OrganisationId, string Organisation, string ChangedBy, DateTimeOffset ChangedAt, string? Before, string After,
    string? VerifiedBy, DateTimeOffset? VerifiedAt);

/// <summary>
/// Flags a grantee's change of bank details to Finance and records its verification by a finance user other than the
/// person who made the change. Until then <see cref="PaymentBlocks"/> holds every payment to the organisation.
/// </summary>
public sealed class BankDetailsVerification(IDbContextFactory<GrantsDbContext> factory, AuditTrail audit, TimeProvider clock)
{
    public const string VerifiedAction = "Organisation.BankDetailsVerified";

    /// <summary>Called in the transaction that changes the details (the caller audits the change itself).</summary>
    public static void Flag(GrantsDbContext db, Organisation organisation, OrganisationAudit.BankImage? before, Actor actor, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(organisation);
        ArgumentNullException.ThrowIfNull(actor);
        db.Set<BankDetailsChange>().Add(new BankDetailsChange
        {
            OrganisationId = organisation.Id, ChangedByUserId = actor.UserId, ChangedByName = actor.DisplayName, ChangedAt = now,
            Before = before is null ? null : Describe(before.AccountNumber, before.SortCode),
            After = Describe(organisation.MaskedAccountNumber, organisation.MaskedSortCode),
        });
    }

    /// <summary>Changes still to verify, oldest first, for Finance; empty for anyone else.</summary>
    public async Task<IReadOnlyList<BankChangeRow>> PendingAsync(Actor actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!CaseAccess.SeesBankDetails(actor))
        {
            return [];
        }
        await using var db = await factory.CreateDbContextAsync(ct);
        var rows = await (from c in db.Set<BankDetailsChange>().AsNoTracking()
                          join o in db.Organisations on c.OrganisationId equals o.Id
                          where c.VerifiedAt == null
                          select new BankChangeRow(c.Id, c.OrganisationId, o.Name, c.ChangedByName, c.ChangedAt, c.Before, c.After, c.VerifiedByName, c.VerifiedAt))
            .ToListAsync(ct);
        return rows.OrderBy(r => r.ChangedAt).ToList();
    }

    /// <summary>A second person (in Finance, not the one who made the change) confirms the new details with the organisation.</summary>
    public async Task<FeatureResult<bool>> VerifyAsync(int changeId, string? note, Actor actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!CaseAccess.SeesBankDetails(actor))
        {
            return FeatureResult<bool>.Fail(new RoleNeeded("the finance team", "verify bank details"));
        }
        if (string.IsNullOrWhiteSpace(note) || note.Trim().Length > 500)
        {
            return FeatureResult<bool>.Fail(new ReasonNeeded("Say how you verified the new details (who you called, on which number already held), in up to 500 characters.", "Note"));
        }
        await using var db = await factory.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var change = await db.Set<BankDetailsChange>().FirstOrDefaultAsync(c => c.Id == changeId, ct);
        if (change is null)
        {
            return FeatureResult<bool>.Fail(new NotFound("change of bank details"));
        }
        if (change.IsVerified)
        {
            return FeatureResult<bool>.Fail(new NoLongerPossible("change of bank details", "verified", $"{change.VerifiedByName} verified it already."));
        }
        if (change.ChangedByUserId == actor.UserId)
        {
            return FeatureResult<bool>.Fail(new SecondPersonNeeded("verify this change of bank details", "you made the change"));
        }
        var preparedRun = await (from r in db.Set<PaymentRuns.PaymentRun>()
                                 join i in db.Set<PaymentRuns.PaymentRunItem>() on r.Id equals i.RunId
                                 join p in db.Payments on i.PaymentId equals p.Id
                                 where r.State == PaymentRuns.PaymentRunWorkflow.Prepared && r.PreparedByUserId == actor.UserId && p.Award!.OrganisationId == change.OrganisationId
                                 select r.RunReference).FirstOrDefaultAsync(ct);
        if (preparedRun is not null)
        {
            return FeatureResult<bool>.Fail(new SecondPersonNeeded("verify this change of bank details", $"you prepared {preparedRun}, which pays this organisation"));
        }
        change.VerifiedAt = clock.GetUtcNow();
        change.VerifiedByUserId = actor.UserId;
        change.VerifiedByName = actor.DisplayName;
        change.VerificationNote = note.Trim();
        await audit.AppendAsync(db, actor, VerifiedAction, nameof(Organisation), change.OrganisationId.ToString(CultureInfo.InvariantCulture),
            new { changeId, verified = false }, new { changeId, verified = true, change.After, note = change.VerificationNote }, ct);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return FeatureResult<bool>.Ok(true);
    }

    private static string Describe(string? account, string? sortCode) => $"{account ?? "no account"}, sort code {sortCode ?? "none"}";
}
