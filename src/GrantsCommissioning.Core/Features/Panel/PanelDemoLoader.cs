using GrantsCommissioning.Core.Data;
using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Core.Features.Seeding;
using GrantsCommissioning.Core.Workflow;
using Microsoft.EntityFrameworkCore;

namespace GrantsCommissioning.Core.Features.Panel;

internal sealed record PanelReportsSeed(IReadOnlyList<PanelReportSeed> Reports);

internal sealed record PanelReportSeed(
    string Quarter, string WrittenBy, string? ApprovedBy, bool Publish, IReadOnlyDictionary<int, string> Narratives, string? PccActivity);

/// <summary>
/// Loads demo Panel reports (seed-data/demo/panel-reports.json) through the same steps officers take: save the draft
/// (with the page's checks), approve (refused while a measure has no RAG) and publish. A quarter already written is left alone.
/// </summary>
internal sealed class PanelDemoLoader(GrantsDbContext db, SeedFile file, PanelReportService reports)
{
    public async Task<int> LoadAsync(CancellationToken ct)
    {
        var seed = file.Read<PanelReportsSeed>();
        var added = 0;
        foreach (var r in seed.Reports)
        {
            var what = $"report {r.Quarter}";
            var quarter = ReferenceDataLoader.ParsePeriod(file, r.Quarter, what);
            if (await db.Set<PanelReportDraft>().AnyAsync(d => d.FinancialYearStart == quarter.Year.StartYear && d.Quarter == quarter.Number, ct))
            {
                continue;
            }
            var plan = await PanelReportBuilder.PlanInForceAsync(db, quarter, ct);
            file.Check(plan is not null, $"{what}: no plan was in force in {quarter}");
            var objectives = await db.Objectives.Where(o => o.PlanId == plan!.Id).ToDictionaryAsync(o => o.Number, o => o.Id, ct);
            file.Check(r.Narratives.Keys.All(objectives.ContainsKey), $"{what}: narratives name an objective number that is not in {plan!.Title}");
            var input = new PanelDraftInput(r.Narratives.ToDictionary(kv => objectives[kv.Key], kv => (string?)kv.Value), r.PccActivity);
            Expect(await reports.SaveInAsync(db, quarter, input, await ActorAsync(r.WrittenBy, Roles.GrantsOfficer, ct), ct), what);
            await db.SaveChangesAsync(ct);
            if (r.ApprovedBy is not null)
            {
                Expect(await reports.ApproveInAsync(db, quarter, await ActorAsync(r.ApprovedBy, Roles.DecisionMaker, ct), ct), what);
                await db.SaveChangesAsync(ct);
            }
            if (r.Publish)
            {
                file.Check(r.ApprovedBy is not null, $"{what}: only an approved report can be published (give approvedBy)");
                Expect(await reports.PublishInAsync(db, quarter, null, await ActorAsync(r.WrittenBy, Roles.GrantsOfficer, ct), ct), what);
                await db.SaveChangesAsync(ct);
            }
            added++;
        }
        return added;
    }

    private void Expect<T>(FeatureResult<T> result, string what) =>
        file.Check(result.Succeeded, $"{what}: {string.Join("; ", result.Errors.Values)}");

    /// <summary>The demo user with that email; where users have not been created (loading seed data alone) the email stands in, as for the demo cases.</summary>
    private async Task<Actor> ActorAsync(string email, string role, CancellationToken ct)
    {
        var normalised = email.ToUpperInvariant();
        var user = await db.Users.Where(u => u.NormalizedEmail == normalised).Select(u => new { u.Id, u.DisplayName }).FirstOrDefaultAsync(ct);
        return Actor.For(user?.Id ?? email, user?.DisplayName ?? email, role);
    }
}
