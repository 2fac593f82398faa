using GrantsCommissioning.Core.Data;
using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Core.Features.Seeding;
using GrantsCommissioning.Core.Workflow;
using Microsoft.EntityFrameworkCore;

namespace GrantsCommissioning.Core.Features.Applications;

#pragma warning disable CA1812 // instantiated by System.Text.Json
internal sealed record InformationRequestDemoSeed(List<InformationRequestDemo> Requests);
internal sealed record InformationRequestDemo(string Case, string By, string Question);
#pragma warning restore CA1812

/// <summary>
/// The request-for-information demo (seed-data/demo/information-requests.json): each question asked through
/// <see cref="ApplicationBulkActions"/> as the officer named, so a question the officer's form would refuse (too short,
/// by someone who is not a grants officer, on an application past its checks) stops the load. Runs after the cases are
/// loaded; a case already asked is skipped.
/// </summary>
public sealed class InformationRequestDemoLoader(IDbContextFactory<GrantsDbContext> factory, DataPaths paths, TimeProvider clock, ApplicationBulkActions actions)
{
    public const string FileName = "demo/information-requests.json";

    public async Task<int> LoadAsync(CancellationToken ct = default)
    {
        var file = SeedFile.At(paths.SeedDataPath.Value, FileName, UkTime.ToUkDate(clock.GetUtcNow()));
        if (!file.Exists)
        {
            return 0;
        }
        var added = 0;
        foreach (var r in file.Read<InformationRequestDemoSeed>().Requests)
        {
            int? applicationId;
            bool asked;
            await using (var db = await factory.CreateDbContextAsync(ct))
            {
                applicationId = await db.Applications.Where(a => a.ApplicationReference == r.Case).Select(a => (int?)a.Id).FirstOrDefaultAsync(ct);
                asked = await db.WorkflowJournal.AnyAsync(j => j.CaseKind == CaseKind.Application && j.CaseId == applicationId
                    && j.Trigger == ApplicationTriggers.RequestInformation, ct);
            }
            file.Check(applicationId is not null, $"information request on {r.Case}: no such application");
            if (asked)
            {
                continue;
            }
            var by = await DemoActors.ActorAsync(factory, paths, clock, file, r.By, ct);
            var result = await actions.ApplyAsync(ApplicationBulkAction.RequestInformation, [applicationId!.Value], r.Question, by, "demo", ct);
            file.Check(result.Succeeded, $"information request on {r.Case}: {string.Join(" ", result.Errors.Values)}");
            var line = result.Value!.Lines.Single();
            file.Check(line.Outcome == BulkOutcome.Done, $"information request on {r.Case}: {line.Message}");
            added++;
        }
        return added;
    }
}
