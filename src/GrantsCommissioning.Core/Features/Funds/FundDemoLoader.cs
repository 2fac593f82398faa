using System.Globalization;
using System.Text;
using GrantsCommissioning.Core.Data;
using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Core.Features.Seeding;
using GrantsCommissioning.Core.Workflow;
using Microsoft.EntityFrameworkCore;

namespace GrantsCommissioning.Core.Features.Funds;

#pragma warning disable CA1812 // instantiated by System.Text.Json
internal sealed record FundsDemoSeed(List<FundDemo> Funds);
internal sealed record FundDemo(string By, string? Code = null, FundInput? Fund = null, List<BudgetInput>? Budgets = null, List<TableDemo>? Tables = null,
    List<CarryForwardDemo>? CarryForwards = null, List<VirementDemo>? Virements = null);
internal sealed record CarryForwardDemo(string By, CarryForwardInput Decision);
internal sealed record VirementDemo(string By, string ToFund, VirementInput Request, string? DecidedBy = null, bool Approve = true, string? Note = null);
internal sealed record TableDemo(string By, string FileName, string PartnerHeading, string Year, List<List<string>> Rows, string? DecidedOn = null, List<int>? Objectives = null);
#pragma warning restore CA1812

/// <summary>
/// The funds demo (seed-data/demo/funds.json), done through the fund form's service and the allocation importer as the
/// people named, so the demo is refused where the form would be: West Mercia's passported Community Safety Fund and its
/// allocation table. Skipped once any allocation table exists.
/// </summary>
public sealed class FundDemoLoader(IDbContextFactory<GrantsDbContext> factory, DataPaths paths, TimeProvider clock, FundService funds, AllocationImporter importer,
    BudgetMovements movements)
{
    public const string FileName = "demo/funds.json";

    public async Task<int> LoadAsync(CancellationToken ct = default)
    {
        var file = SeedFile.At(paths.SeedDataPath.Value, FileName, UkTime.ToUkDate(clock.GetUtcNow()));
        await using (var db = await factory.CreateDbContextAsync(ct))
        {
            if (!file.Exists || await db.Set<AllocationTable>().AnyAsync(ct))
            {
                return 0;
            }
        }
        var seed = file.Read<FundsDemoSeed>();
        var added = 0;
        foreach (var f in seed.Funds)
        {
            var code = f.Fund?.Code ?? f.Code ?? "";
            var existing = await FundIdAsync(code, ct);
            var by = await DemoActors.ActorAsync(factory, paths, clock, file, f.By, ct);
            file.Check(f.Fund is not null || existing is not null, $"fund {code} does not exist and the demo does not describe it");
            var id = f.Fund is null ? existing!.Value : Ok(file, await funds.SaveAsync(existing, f.Fund, by, ct), "fund " + code);
            foreach (var b in f.Budgets ?? [])
            {
                Ok(file, await funds.SetBudgetAsync(id, b, by, ct), $"fund {code} budget {b.Year}");
            }
            foreach (var t in f.Tables ?? [])
            {
                var csv = new StringBuilder().Append(CultureInfo.InvariantCulture, $"{t.PartnerHeading},{t.Year} Allocation £\r\n");
                foreach (var row in t.Rows)
                {
                    file.Check(row.Count == 2, $"table {t.FileName}: row {string.Join(",", row)} needs a partner and an amount");
                    csv.Append(CultureInfo.InvariantCulture, $"\"{row[0]}\",\"{row[1]}\"\r\n");
                }
                // The decision that agreed the table dates its awards, and its objectives (numbers in the plan the table's year is
                // reported against) are chosen as on the form.
                var plan = (await funds.PlanObjectivesAsync(file.Year(t.Year, $"table {t.FileName} year"), ct))?.Objectives ?? [];
                var terms = new AllocationTerms
                {
                    DecidedOn = t.DecidedOn is { } decided ? file.Date(decided, $"table {t.FileName} decidedOn") : null,
                    ObjectiveIds = (t.Objectives ?? []).Select(n => plan.FirstOrDefault(o => o.Heading.StartsWith($"Objective {n} ", StringComparison.Ordinal)).Id).ToList(),
                };
                file.Check(terms.ObjectiveIds.All(o => o != 0), $"table {t.FileName}: objectives {string.Join(", ", t.Objectives ?? [])} are not all in the plan");
                Ok(file, await importer.ImportAsync(id, t.FileName, Encoding.UTF8.GetBytes(csv.ToString()), await DemoActors.ActorAsync(factory, paths, clock, file, t.By, ct),
                    terms, ct), t.FileName);
            }
            foreach (var c in f.CarryForwards ?? [])
            {
                Ok(file, await movements.CarryForwardAsync(id, c.Decision, await DemoActors.ActorAsync(factory, paths, clock, file, c.By, ct), ct), $"fund {code} carry-forward");
            }
            foreach (var v in f.Virements ?? [])
            {
                v.Request.ToFundId = await FundIdAsync(v.ToFund, ct);
                v.Request.Year = file.Year(v.Request.Year ?? "", $"fund {code} virement year").ToString();
                var virement = Ok(file, await movements.RequestVirementAsync(id, v.Request, await DemoActors.ActorAsync(factory, paths, clock, file, v.By, ct), ct), $"fund {code} virement");
                if (v.DecidedBy is { } cfo)
                {
                    Ok(file, await movements.DecideVirementAsync(virement, v.Approve, v.Note, await DemoActors.ActorAsync(factory, paths, clock, file, cfo, ct), ct), $"fund {code} virement decision");
                }
            }
            added++;
        }
        return added;
    }

    private async Task<int?> FundIdAsync(string code, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.Funds.Where(x => x.Code == code).Select(x => (int?)x.Id).FirstOrDefaultAsync(ct);
    }

    private static T Ok<T>(SeedFile file, FeatureResult<T> result, string what)
    {
        file.Check(result.Succeeded, $"{what}: {string.Join(" ", result.Errors.Values)}");
        return result.Value!;
    }
}
