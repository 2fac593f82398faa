using GrantsCommissioning.Core.Data;
using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Core.Features.Seeding;
using Microsoft.EntityFrameworkCore;

namespace GrantsCommissioning.Core.Features.TwoStage;

#pragma warning disable CA1812 // instantiated by System.Text.Json
internal sealed record InterestDemoSeed(string Round, string OfficerEmail, List<InterestDemo> Interests);
internal sealed record InterestDemo(string Organisation, string By, string ProjectTitle, string Summary, string Amount, string Decision, string? Reason = null);
#pragma warning restore CA1812

/// <summary>
/// The two-stage demo (seed-data/demo/interests.json): each expression of interest is sent through
/// <see cref="ExpressionsOfInterest"/> as the applicant named and decided through <see cref="InterestDecisions"/> as the
/// officer ("invite", "decline" or "wait"), so the load refuses what the forms would refuse. Runs after the rounds are
/// loaded; a round that already has expressions of interest is skipped, and so is every expression of interest on a
/// database without the demo sign-ins (the applicant must be a signed-in member of the organisation).
/// </summary>
public sealed class InterestDemoLoader(
    IDbContextFactory<GrantsDbContext> factory, DataPaths paths, TimeProvider clock, ExpressionsOfInterest interests, InterestDecisions decisions)
{
    public const string FileName = "demo/interests.json";

    public async Task<int> LoadAsync(CancellationToken ct = default)
    {
        var file = SeedFile.At(paths.SeedDataPath.Value, FileName, UkTime.ToUkDate(clock.GetUtcNow()));
        if (!file.Exists)
        {
            return 0;
        }
        var seed = file.Read<InterestDemoSeed>();
        int? roundId;
        await using (var db = await factory.CreateDbContextAsync(ct))
        {
            roundId = await db.Rounds.Where(r => r.Reference == seed.Round && r.InterestClosesAt != null).Select(r => (int?)r.Id).FirstOrDefaultAsync(ct);
            file.Check(roundId is not null, $"round {seed.Round}: no such two-stage round");
            if (await db.Applications.AnyAsync(a => a.RoundId == roundId && a.InterestSubmittedAt != null, ct))
            {
                return 0;
            }
        }
        var officer = await DemoActors.ActorAsync(factory, paths, clock, file, seed.OfficerEmail, ct);
        var added = 0;
        foreach (var i in seed.Interests)
        {
            int? orgId;
            await using (var db = await factory.CreateDbContextAsync(ct))
            {
                orgId = await db.Organisations.Where(o => o.Name == i.Organisation).Select(o => (int?)o.Id).FirstOrDefaultAsync(ct);
            }
            file.Check(orgId is not null, $"expression of interest from {i.Organisation}: no such organisation");
            var by = await DemoActors.ActorAsync(factory, paths, clock, file, i.By, ct);
            if (by.UserId.StartsWith("demo:", StringComparison.Ordinal))
            {
                // No demo sign-ins (a test database): no applicant who could have sent it, as the form would require.
                continue;
            }
            var sent = await interests.SendAsync(seed.Round, new InterestInput
            {
                OrganisationId = orgId!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture), ProjectTitle = i.ProjectTitle,
                Summary = i.Summary, AmountRequested = i.Amount,
            }, by, ct);
            file.Check(sent.Succeeded, $"expression of interest from {i.Organisation}: {string.Join(" ", sent.Errors.Values)}");
            int id;
            await using (var db = await factory.CreateDbContextAsync(ct))
            {
                id = await db.Applications.Where(a => a.ApplicationReference == sent.Value).Select(a => a.Id).SingleAsync(ct);
            }
            var decided = i.Decision switch
            {
                "invite" => await decisions.InviteAsync(roundId!.Value, [id], i.Reason, officer, ct),
                "decline" => await decisions.DeclineAsync(roundId!.Value, [id], i.Reason, officer, ct),
                "wait" => null,
                _ => throw file.Problem($"expression of interest from {i.Organisation}: decision must be invite, decline or wait"),
            };
            if (decided is not null)
            {
                file.Check(decided.Succeeded && decided.Value!.Lines.Single().Outcome == BulkOutcome.Done,
                    $"expression of interest from {i.Organisation}: {string.Join(" ", decided.Errors.Values)}{decided.Value?.Lines.Single().Message}");
            }
            added++;
        }
        return added;
    }
}
