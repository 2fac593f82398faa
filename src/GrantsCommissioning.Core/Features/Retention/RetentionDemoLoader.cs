using GrantsCommissioning.Core.Data;
using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Core.Features.Seeding;
using Microsoft.EntityFrameworkCore;

namespace GrantsCommissioning.Core.Features.Retention;

internal sealed record RetentionSeed(IReadOnlyList<LegalHoldSeed> LegalHolds);

internal sealed record LegalHoldSeed(string Reference, string Reason, string PlacedBy);

/// <summary>Demo legal holds (seed-data/demo/retention.json), checked by the hold form's validator; a case already held is left alone.</summary>
internal sealed class RetentionDemoLoader(GrantsDbContext db, SeedFile file, DateTimeOffset now)
{
    public async Task<int> LoadAsync(CancellationToken ct)
    {
        var seed = file.Read<RetentionSeed>();
        var validator = new LegalHoldInputValidator();
        var added = 0;
        foreach (var h in seed.LegalHolds)
        {
            var result = validator.Validate(new LegalHoldInput { Reference = h.Reference, Reason = h.Reason });
            file.Check(result.IsValid, $"legal hold on {h.Reference}: {string.Join(" ", result.Errors.Select(e => e.ErrorMessage))}");
            var applicationId = await db.Applications.Where(a => a.ApplicationReference == h.Reference).Select(a => (int?)a.Id).FirstOrDefaultAsync(ct);
            var awardId = await db.Awards.Where(a => a.AwardReference == h.Reference).Select(a => (int?)a.Id).FirstOrDefaultAsync(ct);
            file.Check(applicationId is not null || awardId is not null, $"legal hold names {h.Reference}, which is not an application or award");
            var (kind, id) = applicationId is { } app ? (CaseKind.Application, app) : (CaseKind.Award, awardId!.Value);
            if (await db.Set<LegalHold>().AnyAsync(x => x.CaseKind == kind && x.CaseId == id, ct))
            {
                continue;
            }
            var email = h.PlacedBy.ToUpperInvariant();
            var by = await db.Users.Where(u => u.NormalizedEmail == email).Select(u => u.DisplayName).FirstOrDefaultAsync(ct) ?? h.PlacedBy;
            db.Add(new LegalHold { CaseKind = kind, CaseId = id, Reference = h.Reference, Reason = h.Reason, PlacedAt = now, PlacedByName = by });
            added++;
        }
        await db.SaveChangesAsync(ct);
        return added;
    }
}
