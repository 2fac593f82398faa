using GrantsCommissioning.Core.Data;
using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Core.Workflow;
using Microsoft.EntityFrameworkCore;

namespace GrantsCommissioning.Core.Features.Payments;

/// <summary>
/// Why a payment may not go out now, whatever its state says: its award was terminated or suspended, or the payee's bank
/// details changed and no second person has verified them. Authorising, paying and payment runs all ask here, and the
/// payment lists show the same reason.
/// </summary>
public static class PaymentBlocks
{
    public static async Task<string?> ReasonAsync(GrantsDbContext db, int paymentId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var facts = await db.Payments.AsNoTracking().Where(p => p.Id == paymentId)
            .Select(p => new { AwardState = p.Award!.State, p.Award.OrganisationId }).SingleOrDefaultAsync(ct);
        if (facts is null)
        {
            return null;
        }
        var unverified = await UnverifiedOrganisationsAsync(db, [facts.OrganisationId], ct);
        return Describe(facts.AwardState, unverified.GetValueOrDefault(facts.OrganisationId));
    }

    /// <summary>The reason for one payment from its award's state and the date of its payee's unverified bank change.</summary>
    public static string? Describe(string awardState, DateTimeOffset? unverifiedChangeAt) => awardState switch
    {
        AwardStates.Terminated => "The award was terminated: nothing more is paid on it.",
        AwardStates.Suspended => "The award is suspended: payments wait until it is reinstated.",
        _ when unverifiedChangeAt is { } at =>
            $"The payee's bank details changed on {UkTime.Describe(at)}: a second finance user must verify them before anything is paid.",
        _ => null,
    };

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
