using GrantsCommissioning.Core.Data;
using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Core.Features.Seeding;
using Microsoft.EntityFrameworkCore;

namespace GrantsCommissioning.Core.Features.Payments;

#pragma warning disable CA1812 // instantiated by System.Text.Json
internal sealed record SchedulesDemoSeed(List<ScheduleDemo> Schedules);
internal sealed record ScheduleDemo(string By, string Award, List<InstalmentDemo> Instalments);
internal sealed record InstalmentDemo(string? Payment, string Due, string Amount, string Basis, string? Justification = null, string? Condition = null,
    string? Return = null, string? Document = null);
#pragma warning restore CA1812

/// <summary>
/// The payment schedule demo (seed-data/demo/schedules.json): schedules changed through <see cref="PaymentSchedules"/> as
/// the people named, so the demo is refused where the schedule page would be. Skipped once any instalment waits on a document.
/// </summary>
public sealed class ScheduleDemoLoader(IDbContextFactory<GrantsDbContext> factory, DataPaths paths, TimeProvider clock, PaymentSchedules schedules)
{
    public const string FileName = "demo/schedules.json";

    public async Task<int> LoadAsync(CancellationToken ct = default)
    {
        var file = SeedFile.At(paths.SeedDataPath.Value, FileName, UkTime.ToUkDate(clock.GetUtcNow()));
        await using (var db = await factory.CreateDbContextAsync(ct))
        {
            if (!file.Exists || await db.Payments.AnyAsync(p => p.ConditionDocument != null, ct))
            {
                return 0;
            }
        }
        var added = 0;
        foreach (var s in file.Read<SchedulesDemoSeed>().Schedules)
        {
            await using var db = await factory.CreateDbContextAsync(ct);
            var awardId = await db.Awards.Where(a => a.AwardReference == s.Award).Select(a => (int?)a.Id).FirstOrDefaultAsync(ct);
            file.Check(awardId is not null, $"schedule of {s.Award}: no such award");
            var input = new ScheduleInput();
            foreach (var i in s.Instalments)
            {
                var what = $"schedule of {s.Award}, instalment {i.Payment ?? "(new)"}";
                var paymentId = i.Payment is null ? null : await db.Payments.Where(p => p.PaymentReference == i.Payment).Select(p => (int?)p.Id).FirstOrDefaultAsync(ct);
                file.Check(i.Payment is null || paymentId is not null, $"{what}: no such payment");
                var returnId = i.Return is null ? null : await db.Returns.Where(r => r.ReturnReference == i.Return).Select(r => (int?)r.Id).FirstOrDefaultAsync(ct);
                input.Instalments.Add(new InstalmentInput
                {
                    PaymentId = paymentId, Due = file.Date(i.Due, what + " due"), Amount = i.Amount, Basis = file.Enum<PaymentBasis>(i.Basis, what + " basis"),
                    Justification = i.Justification, Condition = i.Condition is null ? InstalmentCondition.None : file.Enum<InstalmentCondition>(i.Condition, what + " condition"),
                    ReturnId = returnId, Document = i.Document,
                });
            }
            var by = await DemoActors.ActorAsync(factory, paths, clock, file, s.By, ct);
            var result = await schedules.SaveAsync(awardId!.Value, input, by, $"demo-schedule:{s.Award}", ct);
            file.Check(result.Succeeded, $"schedule of {s.Award}: {string.Join(" ", result.Errors.Values)}");
            added++;
        }
        return added;
    }
}
