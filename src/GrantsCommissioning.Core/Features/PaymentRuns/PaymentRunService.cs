using System.Globalization;
using GrantsCommissioning.Core.Data;
using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Core.Features.Audit;
using GrantsCommissioning.Core.Features.FinanceExports;
using GrantsCommissioning.Core.Features.Payments;
using GrantsCommissioning.Core.Workflow;
using Microsoft.EntityFrameworkCore;

namespace GrantsCommissioning.Core.Features.PaymentRuns;

/// <summary>
/// Payment runs: finance picks ready payments into a run, a second finance user authorises it (which authorises each
/// payment through its own workflow), and the authorised run is exported once as CSV and XLSX.
/// </summary>
public sealed class PaymentRunService(IDbContextFactory<GrantsDbContext> factory, ICaseWorkflow workflow, AuditTrail audit, WorkflowLabels labels, TimeProvider clock)
{
    public const string PreparedAction = "PaymentRun.Prepared";

    /// <summary>Ready payments in no run, oldest due first, each with what blocks it (a flagged bank change can still be picked).</summary>
    public async Task<IReadOnlyList<ReadyPayment>> ReadyPaymentsAsync(CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var rows = await db.Payments.Where(p => p.State == PaymentStates.Ready && !db.Set<PaymentRunItem>().Any(i => i.PaymentId == p.Id))
            .OrderBy(p => p.DueDate).ThenBy(p => p.PaymentReference)
            .Select(p => new { p.Id, p.PaymentReference, Organisation = p.Award!.Organisation!.Name, p.Award.OrganisationId, p.Award.AwardReference, p.AmountPence, p.DueDate, AwardState = p.Award.State })
            .ToListAsync(ct);
        var unverified = await PaymentBlocks.UnverifiedOrganisationsAsync(db, rows.Select(r => r.OrganisationId).Distinct().ToList(), ct);
        var suspended = await PaymentBlocks.SuspensionsAsync(db, rows.Select(r => r.AwardReference).Distinct().ToList(), ct);
        return rows.Select(r => new ReadyPayment(r.Id, r.PaymentReference, r.Organisation, r.AwardReference, new Money(r.AmountPence), r.DueDate,
            PaymentBlocks.Describe(r.AwardState, unverified.GetValueOrDefault(r.OrganisationId), suspended.GetValueOrDefault(r.AwardReference)))).ToList();
    }

    public async Task<FeatureResult<int>> PrepareAsync(IReadOnlyCollection<int> paymentIds, Actor actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(paymentIds);
        ArgumentNullException.ThrowIfNull(actor);
        if (!actor.IsInRole(Roles.Finance))
        {
            return FeatureResult<int>.Fail(new RoleNeeded("the finance team", "prepare a payment run"));
        }
        if (paymentIds.Count == 0)
        {
            return FeatureResult<int>.Fail(new NothingChosen("at least one ready payment for the run", ""));
        }
        await using var db = await factory.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var payments = await db.Payments.Where(p => paymentIds.Contains(p.Id))
            .Select(p => new { p.Id, p.PaymentReference, p.State, p.AmountPence, AwardState = p.Award!.State, p.Award.AwardReference, InRun = db.Set<PaymentRunItem>().Any(i => i.PaymentId == p.Id) })
            .ToListAsync(ct);
        var suspended = await PaymentBlocks.SuspensionsAsync(db, payments.Select(p => p.AwardReference).Distinct().ToList(), ct);
        if (payments.Count != paymentIds.Distinct().Count())
        {
            return FeatureResult<int>.Fail(new NotFound("payment"));
        }
        foreach (var p in payments)
        {
            var why = p.InRun ? "it is already in another payment run"
                : p.State != PaymentStates.Ready ? $"it is {labels.State(CaseKind.Payment, p.State)}, not ready"
                : PaymentBlocks.Describe(p.AwardState, null, suspended.GetValueOrDefault(p.AwardReference));
            if (why is not null)
            {
                return FeatureResult<int>.Fail(new NoLongerPossible("payment", "put in a run", $"{p.PaymentReference}: {why}"));
            }
        }
        var now = clock.GetUtcNow();
        var year = FinancialYear.Containing(now);
        var count = await db.Set<PaymentRun>().CountAsync(r => r.RunReference.StartsWith($"RUN-{year.StartYear}-"), ct);
        var run = new PaymentRun
        {
            RunReference = string.Create(CultureInfo.InvariantCulture, $"RUN-{year.StartYear}-{count + 1:0000}"),
            PreparedByUserId = actor.UserId, PreparedByName = actor.DisplayName, PreparedAt = now,
        };
        run.Items.AddRange(payments.OrderBy(p => p.PaymentReference).Select(p => new PaymentRunItem { PaymentId = p.Id, AmountPence = p.AmountPence }));
        workflow.Start(run, actor);
        db.Add(run);
        await db.SaveChangesAsync(ct);
        await audit.AppendAsync(db, actor, PreparedAction, nameof(PaymentRun), run.Id.ToString(CultureInfo.InvariantCulture), null,
            new { reference = run.RunReference, payments = payments.Select(p => p.PaymentReference).Order().ToList(), totalPence = payments.Sum(p => p.AmountPence) }, ct);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return FeatureResult<int>.Ok(run.Id);
    }

    /// <summary>
    /// A second finance user authorises the run, then each of its payments through the payment's workflow (each with its
    /// own key, so the run's authoriser can run this again after a crash to finish the payments, never twice).
    /// </summary>
    public async Task<FeatureResult<bool>> AuthoriseAsync(int runId, Actor actor, string idempotencyKey, int? expectedVersion = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var run = await RunAsync(runId, ct);
        if (run is null)
        {
            return FeatureResult<bool>.Fail(new NotFound("payment run"));
        }
        if (!(run.State == PaymentRunWorkflow.Authorised && run.AuthorisedByUserId == actor.UserId))
        {
            var result = await workflow.FireAsync(new TransitionRequest(new CaseRef(CaseKind.PaymentRun, runId), PaymentRunWorkflow.Authorise, actor, idempotencyKey)
            {
                ExpectedVersion = expectedVersion,
            }, ct);
            if (!result.Succeeded)
            {
                return FeatureResult<bool>.From(result, false);
            }
        }
        foreach (var paymentId in run.Items.Select(i => i.PaymentId))
        {
            var paid = await workflow.FireAsync(new TransitionRequest(new CaseRef(CaseKind.Payment, paymentId), PaymentTriggers.Authorise, actor,
                string.Create(CultureInfo.InvariantCulture, $"run:{runId}:authorise:{paymentId}")) { Comment = "In payment run " + run.RunReference }, ct);
            if (!paid.Succeeded && !await IsAuthorisedAsync(paymentId, ct))
            {
                return FeatureResult<bool>.From(paid, false);
            }
        }
        return FeatureResult<bool>.Ok(true);
    }

    /// <summary>Exports an authorised run (once); an exported run's files are returned as they were first written.</summary>
    public async Task<FeatureResult<bool>> ExportAsync(int runId, Actor actor, string idempotencyKey, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var run = await RunAsync(runId, ct);
        if (run is null)
        {
            return FeatureResult<bool>.Fail(new NotFound("payment run"));
        }
        if (run.State == PaymentRunWorkflow.Exported)
        {
            return FeatureResult<bool>.Ok(true);
        }
        if (run.State != PaymentRunWorkflow.Authorised)
        {
            return FeatureResult<bool>.Fail(new RunNotExported(run.RunReference, labels.State(CaseKind.PaymentRun, run.State)));
        }
        var result = await workflow.FireAsync(new TransitionRequest(new CaseRef(CaseKind.PaymentRun, runId), PaymentRunWorkflow.Export, actor, idempotencyKey), ct);
        return FeatureResult<bool>.From(result, true);
    }

    public async Task<FeatureResult<bool>> WithdrawAsync(int runId, string? reason, Actor actor, string idempotencyKey, CancellationToken ct = default)
    {
        var result = await workflow.FireAsync(new TransitionRequest(new CaseRef(CaseKind.PaymentRun, runId), PaymentRunWorkflow.Withdraw, actor, idempotencyKey)
        {
            Comment = reason?.Trim(),
        }, ct);
        return FeatureResult<bool>.From(result, true);
    }

    /// <summary>The exported file ("csv" or "xlsx"), byte for byte as first exported; refused before the run is exported.</summary>
    public async Task<FeatureResult<RunFile>> FileAsync(int runId, string format, CancellationToken ct = default)
    {
        var run = await RunAsync(runId, ct);
        if (run is null || format is not ("csv" or "xlsx"))
        {
            return FeatureResult<RunFile>.Fail(new NotFound("payment run file"));
        }
        if (run.State != PaymentRunWorkflow.Exported)
        {
            return FeatureResult<RunFile>.Fail(new RunNotExported(run.RunReference, labels.State(CaseKind.PaymentRun, run.State)));
        }
        return FeatureResult<RunFile>.Ok(format == "csv"
            ? new RunFile(run.ExportCsv!, run.BatchReference + ".csv", FinanceTableWriter.CsvType)
            : new RunFile(run.ExportXlsx!, run.BatchReference + ".xlsx", FinanceTableWriter.XlsxType));
    }

    public async Task<IReadOnlyList<RunSummary>> ListAsync(CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var rows = await db.Set<PaymentRun>().OrderByDescending(r => r.Id)
            .Select(r => new { r.Id, r.RunReference, r.State, Count = r.Items.Count, Total = r.Items.Sum(i => (long?)i.AmountPence) ?? 0, r.PreparedByName, r.PreparedAt, r.AuthorisedByName, r.BatchReference })
            .ToListAsync(ct);
        return rows.Select(r => new RunSummary(r.Id, r.RunReference, r.State, labels.State(CaseKind.PaymentRun, r.State), r.Count, new Money(r.Total), r.PreparedByName,
            r.PreparedAt, r.AuthorisedByName, r.BatchReference)).ToList();
    }

    public async Task<RunDetail?> DetailAsync(int runId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var run = await db.Set<PaymentRun>().AsNoTracking().FirstOrDefaultAsync(r => r.Id == runId, ct);
        if (run is null)
        {
            return null;
        }
        var payments = await RunPayments.OfAsync(db, runId, ct);
        var organisations = payments.Select(p => p.OrganisationId).Distinct().ToList();
        var changes = await RunPayments.BankChangesAsync(db, organisations, ct);
        var names = payments.GroupBy(p => p.OrganisationId).ToDictionary(g => g.Key, g => g.First().Organisation);
        var unverified = changes.Where(c => !c.IsVerified).GroupBy(c => c.OrganisationId).ToDictionary(g => g.Key, g => (DateTimeOffset?)g.Max(c => c.ChangedAt));
        var suspended = await PaymentBlocks.SuspensionsAsync(db, payments.Select(p => p.AwardReference).Distinct().ToList(), ct);
        var lines = payments.Select(p => new RunLine(p.PaymentId, p.PaymentReference, p.Organisation, p.AwardReference, new Money(p.AmountPence), p.DueDate,
            labels.State(CaseKind.Payment, p.State), p.State is PaymentStates.Paid ? null : PaymentBlocks.Describe(p.AwardState, unverified.GetValueOrDefault(p.OrganisationId), suspended.GetValueOrDefault(p.AwardReference)))).ToList();
        var bankRows = changes.Select(c => new BankChangeRow(c.Id, c.OrganisationId, names[c.OrganisationId], c.ChangedByName, c.ChangedAt, c.Before, c.After, c.VerifiedByName, c.VerifiedAt)).ToList();
        return new RunDetail(run.Id, run.RunReference, run.State, labels.State(CaseKind.PaymentRun, run.State), run.Version, run.PreparedByName, run.PreparedAt,
            run.AuthorisedByName, run.AuthorisedAt, run.BatchReference, run.ExportedAt, lines, bankRows);
    }

    private async Task<PaymentRun?> RunAsync(int runId, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.Set<PaymentRun>().AsNoTracking().Include(r => r.Items).FirstOrDefaultAsync(r => r.Id == runId, ct);
    }

    private async Task<bool> IsAuthorisedAsync(int paymentId, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.Payments.AnyAsync(p => p.Id == paymentId && p.State != PaymentStates.Ready && p.State != PaymentStates.Held, ct);
    }
}
