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
internal sealed record FundDemo(string By, FundInput Fund, List<BudgetInput>? Budgets = null, List<TableDemo>? Tables = null);
internal sealed record TableDemo(string By, string FileName, string PartnerHeading, string Year, List<List<string>> Rows);
#pragma warning restore CA1812

/// <summary>
/// The funds demo (seed-data/demo/funds.json), done through the fund form's service and the allocation importer as the
/// people named, so the demo is refused where the form would be: West Mercia's passported Community Safety Fund and its
/// allocation table. Skipped once any allocation table exists.
/// </summary>
public sealed class FundDemoLoader(IDbContextFactory<GrantsDbContext> factory, DataPaths paths, TimeProvider clock, FundService funds, AllocationImporter importer)
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
            var code = f.Fund.Code ?? "";
            int? existing;
            await using (var db = await factory.CreateDbContextAsync(ct))
            {
                existing = await db.Funds.Where(x => x.Code == code).Select(x => (int?)x.Id).FirstOrDefaultAsync(ct);
            }
            var by = await DemoActors.ActorAsync(factory, paths, clock, file, f.By, ct);
            var id = Ok(file, await funds.SaveAsync(existing, f.Fund, by, ct), "fund " + code);
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
                Ok(file, await importer.ImportAsync(id, t.FileName, Encoding.UTF8.GetBytes(csv.ToString()), await DemoActors.ActorAsync(factory, paths, clock, file, t.By, ct), ct), t.FileName);
            }
            added++;
        }
        return added;
    }

    private static T Ok<T>(SeedFile file, FeatureResult<T> result, string what)
    {
        file.Check(result.Succeeded, $"{what}: {string.Join(" ", result.Errors.Values)}");
        return result.Value!;
    }
}
