using System.Globalization;
using System.Text;
using GrantsCommissioning.Core.Data;
using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Core.Features.Organisations;
using GrantsCommissioning.Core.Features.Payments;
using GrantsCommissioning.Core.Features.Seeding;
using GrantsCommissioning.Core.Workflow;
using Microsoft.EntityFrameworkCore;

namespace GrantsCommissioning.Core.Features.PaymentRuns;

#pragma warning disable CA1812 // instantiated by System.Text.Json
internal sealed record FinanceDemoSeed(List<BankChangeSeed> BankChanges, List<RecoverySeed> Recoveries, List<TerminationSeed> Terminations, List<RunSeed> Runs);
internal sealed record BankChangeSeed(string Organisation, string By, string AccountName, string SortCode, string AccountNumber);
internal sealed record RecoverySeed(string Payment, string By, decimal Amount, string RaisedOn, string Invoice, string Reason);
internal sealed record TerminationSeed(string Award, string By, decimal Recovery, string? Invoice, string Reason);
internal sealed record RunSeed(string PreparedBy, List<string> Payments, string? AuthorisedBy = null, bool Exported = false, StatusSeed? Status = null);
internal sealed record StatusSeed(string By, string FileName, List<List<string>> Rows);
#pragma warning restore CA1812

/// <summary>
/// The finance demo (seed-data/demo/payment-runs.json), done through the same services the pages call, as the people
/// named, so it is checked as they would be: a flagged bank change, a clawback, a termination with its recovery, a
/// prepared run, and an authorised, exported run whose status file paid one payment and left two mismatches. Runs after
/// the other demo files, outside their transactions; skipped once any payment run exists.
/// </summary>
public sealed class PaymentRunDemoLoader(
    IDbContextFactory<GrantsDbContext> factory, DataPaths paths, TimeProvider clock, OrganisationService organisations, PaymentService payments,
    AwardTermination termination, PaymentRunService runs, PaymentStatusImporter importer)
{
    public const string FileName = "demo/payment-runs.json";

    public async Task<int> LoadAsync(CancellationToken ct = default)
    {
        var file = SeedFile.At(paths.SeedDataPath.Value, FileName, UkTime.ToUkDate(clock.GetUtcNow()));
        await using (var db = await factory.CreateDbContextAsync(ct))
        {
            if (!file.Exists || await db.Set<PaymentRun>().AnyAsync(ct))
            {
                return 0;
            }
        }
        var seed = file.Read<FinanceDemoSeed>();
        var added = 0;
        foreach (var b in seed.BankChanges)
        {
            var by = await ActorAsync(file, b.By, ct);
            if (by.UserId.StartsWith("demo:", StringComparison.Ordinal))
            {
                continue; // a change of bank details needs the organisation's owner signed in, so only with demo sign-ins
            }
            var organisationId = await IdAsync(db => db.Organisations.Where(o => o.Name == b.Organisation).Select(o => (int?)o.Id), file, b.Organisation, ct);
            Ok(file, await organisations.SetBankDetailsAsync(organisationId,
                new BankDetailsInput { AccountName = b.AccountName, SortCode = b.SortCode, AccountNumber = b.AccountNumber }, by, ct), b.Organisation);
            added++;
        }
        foreach (var r in seed.Recoveries)
        {
            var id = await PaymentIdAsync(file, r.Payment, ct);
            Ok(file, await payments.RecoverAsync(id, r.Amount.ToString("0.00", CultureInfo.InvariantCulture), file.Date(r.RaisedOn, r.Payment + " raisedOn"), r.Invoice, r.Reason,
                await ActorAsync(file, r.By, ct), "demo:recover:" + r.Payment, null, ct), r.Payment);
            added++;
        }
        foreach (var t in seed.Terminations)
        {
            var id = await IdAsync(db => db.Awards.Where(a => a.AwardReference == t.Award).Select(a => (int?)a.Id), file, t.Award, ct);
            Ok(file, await termination.TerminateAsync(id, t.Reason, new TerminationDecision(file.Pounds(t.Recovery, t.Award + " recovery"), t.Invoice),
                await ActorAsync(file, t.By, ct), "demo:terminate:" + t.Award, null, ct), t.Award);
            added++;
        }
        foreach (var run in seed.Runs)
        {
            var ids = new List<int>();
            foreach (var reference in run.Payments)
            {
                ids.Add(await PaymentIdAsync(file, reference, ct));
            }
            var runId = Ok(file, await runs.PrepareAsync(ids, await ActorAsync(file, run.PreparedBy, ct), ct), "run of " + string.Join(", ", run.Payments));
            if (run.AuthorisedBy is { } authoriser)
            {
                Ok(file, await runs.AuthoriseAsync(runId, await ActorAsync(file, authoriser, ct), $"demo:run:{runId}:authorise", null, ct), "run authorisation");
            }
            if (run.Exported)
            {
                Ok(file, await runs.ExportAsync(runId, await ActorAsync(file, run.PreparedBy, ct), $"demo:run:{runId}:export", ct), "run export");
            }
            if (run.Status is { } status)
            {
                var csv = new StringBuilder("Payment reference,Finance reference,Amount (GBP),Paid date\r\n");
                foreach (var row in status.Rows)
                {
                    file.Check(row.Count == 4, $"status row {string.Join(",", row)} needs four values");
                    csv.Append(CultureInfo.InvariantCulture, $"{row[0]},{row[1]},{row[2]},{file.Date(row[3], "status paid date"):yyyy-MM-dd}\r\n");
                }
                Ok(file, await importer.ImportAsync(status.FileName, Encoding.UTF8.GetBytes(csv.ToString()), await ActorAsync(file, status.By, ct), ct), status.FileName);
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

    private Task<int> PaymentIdAsync(SeedFile file, string reference, CancellationToken ct) =>
        IdAsync(db => db.Payments.Where(p => p.PaymentReference == reference).Select(p => (int?)p.Id), file, reference, ct);

    private async Task<int> IdAsync(Func<GrantsDbContext, IQueryable<int?>> query, SeedFile file, string what, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var id = await query(db).FirstOrDefaultAsync(ct);
        file.Check(id is not null, $"'{what}' was not found");
        return id!.Value;
    }

    private Task<Actor> ActorAsync(SeedFile file, string email, CancellationToken ct) => DemoActors.ActorAsync(factory, paths, clock, file, email, ct);
}
