using GrantsCommissioning.Core.Data;
using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Core.Features.Seeding;
using Microsoft.EntityFrameworkCore;

namespace GrantsCommissioning.Core.Features.Assessments;

#pragma warning disable CA1812 // instantiated by System.Text.Json
internal sealed record FundingLineDemoSeed(List<FundingLineMoveDemo> Moves);
internal sealed record FundingLineMoveDemo(string Case, string By, bool IntoFunding, string Reason);
#pragma warning restore CA1812

/// <summary>
/// The funding-line demo (seed-data/demo/funding-line.json): each move made through <see cref="RankingActions"/> as the
/// officer named, so a move the ranking page would refuse (no reason, an unscored application, already on that side of
/// the line) stops the load. Runs after the assessment demo; skipped once any move exists.
/// </summary>
public sealed class FundingLineDemoLoader(IDbContextFactory<GrantsDbContext> factory, DataPaths paths, TimeProvider clock, RankingActions actions)
{
    public const string FileName = "demo/funding-line.json";

    public async Task<int> LoadAsync(CancellationToken ct = default)
    {
        var file = SeedFile.At(paths.SeedDataPath.Value, FileName, UkTime.ToUkDate(clock.GetUtcNow()));
        await using (var db = await factory.CreateDbContextAsync(ct))
        {
            if (!file.Exists || await db.Set<FundingLineMove>().AnyAsync(ct))
            {
                return 0;
            }
        }
        var added = 0;
        foreach (var m in file.Read<FundingLineDemoSeed>().Moves)
        {
            int? roundId, applicationId;
            await using (var db = await factory.CreateDbContextAsync(ct))
            {
                var app = await db.Applications.Where(a => a.ApplicationReference == m.Case).Select(a => new { a.Id, a.RoundId }).FirstOrDefaultAsync(ct);
                (roundId, applicationId) = (app?.RoundId, app?.Id);
            }
            file.Check(applicationId is not null, $"funding-line move of {m.Case}: no such application");
            var by = await DemoActors.ActorAsync(factory, paths, clock, file, m.By, ct);
            var result = await actions.MoveAcrossLineAsync(roundId!.Value, applicationId!.Value, m.IntoFunding, m.Reason, by, ct);
            file.Check(result.Succeeded, $"funding-line move of {m.Case}: {string.Join(" ", result.Errors.Values)}");
            await using (var db = await factory.CreateDbContextAsync(ct))
            {
                file.Check(await db.Set<FundingLineMove>().AnyAsync(x => x.ApplicationId == applicationId, ct),
                    $"funding-line move of {m.Case}: it is already {(m.IntoFunding ? "within" : "beyond")} the funding line");
            }
            added++;
        }
        return added;
    }
}
