using GrantsCommissioning.Core.Data;
using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Core.Workflow;
using Microsoft.EntityFrameworkCore;

namespace GrantsCommissioning.Core.Features.Payments;

/// <summary>
/// Why a payment may not go out now, whatever its state says: its award was terminated or suspended, finance suspended
/// the award's payments, or the payee's bank details changed and no second person has verified them. Authorising, paying and payment runs all ask here, and the
/// payment lists show the same reason.
/// </summary>
public static class PaymentBlocks
{
    public static async Task<string?> ReasonAsync(GrantsDbContext db, int paymentId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var facts = await db.Payments.AsNoTracking().Where(p => p.Id == paymentId)
            .Select(p => new { AwardState = p.Award!.State, p.Award.OrganisationId, p.Award.AwardReference }).SingleOrDefaultAsync(ct);
        if (facts is null)
        {
            return null;
        }
        var unverified = await UnverifiedOrganisationsAsync(db, [facts.OrganisationId], ct);
        var suspended = await SuspensionsAsync(db, [facts.AwardReference], ct);
        return Describe(facts.AwardState, unverified.GetValueOrDefault(facts.OrganisationId), suspended.GetValueOrDefault(facts.AwardReference));
    }

    /// <summary>
    /// The reason for one payment from its award's state, the date of its payee's unverified bank change and finance's
    /// standing suspension of the award's payments (as <see cref="SuspensionsAsync"/> words it).
    /// </summary>
    public static string? Describe(string awardState, DateTimeOffset? unverifiedChangeAt, string? suspension = null) => awardState switch
    {
        AwardStates.Terminated => "The award was terminated: nothing more is paid on it.",
        AwardStates.Suspended => "The award is suspended: payments wait until it is reinstated.",
        _ when suspension is not null => suspension,
        _ when unverifiedChangeAt is { } at =>
            $"The payee's bank details changed on {UkTime.Describe(at)}: a second finance user must verify them before anything is paid.",
        _ => null,
    };

    /// <summary>Awards among <paramref name="awardReferences"/> whose payments finance has suspended, with the reason as the lists show it.</summary>
    public static async Task<Dictionary<string, string>> SuspensionsAsync(GrantsDbContext db, IReadOnlyCollection<string> awardReferences, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var rows = await (from s in db.Set<PaymentSuspension>().AsNoTracking()
                          join a in db.Awards on s.AwardId equals a.Id
                          where s.LiftedAt == null && awardReferences.Contains(a.AwardReference)
                          select new { a.AwardReference, s.Reason, s.SuspendedAt, s.SuspendedByName }).ToListAsync(ct);
        return rows.ToDictionary(r => r.AwardReference,
            r => $"Finance suspended this award's payments on {UkTime.Describe(r.SuspendedAt)} ({r.SuspendedByName}): {r.Reason}");
    }

    /// <summary>Organisations among <paramref name="organisationIds"/> with an unverified bank change, and when it was made.</summary>
    public static async Task<Dictionary<int, DateTimeOffset?>> UnverifiedOrganisationsAsync(GrantsDbContext db, IReadOnlyCollection<int> organisationIds, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var rows = await db.Set<BankDetailsChange>().AsNoTracking()
            .Where(c => c.VerifiedAt == null && organisationIds.Contains(c.OrganisationId))
            .Select(c => new { c.OrganisationId, c.ChangedAt }).ToListAsync(ct);
        return rows.GroupBy(r => r.OrganisationId).ToDictionary(g => g.Key, g => (DateTimeOffset?)g.Max(r => r.ChangedAt));
    }
}
