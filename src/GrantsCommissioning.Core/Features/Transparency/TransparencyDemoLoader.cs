using GrantsCommissioning.Core.Data;
using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Core.Features.Seeding;
using GrantsCommissioning.Core.Workflow;
using Microsoft.EntityFrameworkCore;

namespace GrantsCommissioning.Core.Features.Transparency;

internal sealed record SensitiveRecipientsSeed(IReadOnlyList<SensitiveRecipientSeed> Recipients);

/// <summary>A demo mark; <c>"locationOnly": true</c> withholds only the recipient's location, as the officers' second choice does.</summary>
internal sealed record SensitiveRecipientSeed(string Organisation, string Reason, bool LocationOnly = false);

/// <summary>
/// Marks the demo's sensitive recipients (seed-data/demo/sensitive-recipients.json) through <see cref="SensitiveRecipients"/>,
/// with the checks the officers' page has; one already marked is left alone.
/// </summary>
internal sealed class TransparencyDemoLoader(GrantsDbContext db, SeedFile file, SensitiveRecipients recipients)
{
    private static readonly Actor Loader = Actor.For(Actor.SystemUserId, "Demo data", Roles.GrantsOfficer);

    public async Task<int> LoadAsync(CancellationToken ct)
    {
        var seed = file.Read<SensitiveRecipientsSeed>();
        var added = 0;
        foreach (var r in seed.Recipients)
        {
            var org = await db.Organisations.AsNoTracking().Where(o => o.Name == r.Organisation).Select(o => (int?)o.Id).FirstOrDefaultAsync(ct);
            file.Check(org is not null, $"sensitive recipient \"{r.Organisation}\" is not a demo organisation");
            if (await db.Set<SensitiveRecipient>().AnyAsync(s => s.OrganisationId == org, ct))
            {
                continue;
            }
            var result = await recipients.MarkInAsync(db, org!.Value, r.Reason,
                r.LocationOnly ? SensitiveScope.Location : SensitiveScope.Recipient, Loader, ct);
            file.Check(result.Succeeded, $"sensitive recipient \"{r.Organisation}\": {string.Join(" ", result.Errors.Values)}");
            await db.SaveChangesAsync(ct);
            added++;
        }
        return added;
    }
}
