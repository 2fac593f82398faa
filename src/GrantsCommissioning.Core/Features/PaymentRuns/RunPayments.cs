using GrantsCommissioning.Core.Data;
using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Core.Features.FinanceExports;
using GrantsCommissioning.Core.Features.Payments;
using GrantsCommissioning.Core.Workflow;
using Microsoft.EntityFrameworkCore;

namespace GrantsCommissioning.Core.Features.PaymentRuns;

/// <summary>A payment in a run with what its checks and export need.</summary>
public sealed record RunPayment(int PaymentId, string PaymentReference, string State, long AmountPence, DateOnly DueDate, string? RecordedByUserId,
    string? AuthorisedByUserId, int OrganisationId, string Organisation, string AwardReference, string AwardState);

internal static class RunPayments
{
    public static Task<List<RunPayment>> OfAsync(GrantsDbContext db, int runId, CancellationToken ct) =>
        (from i in db.Set<PaymentRunItem>()
         join p in db.Payments on i.PaymentId equals p.Id
         where i.RunId == runId
         orderby p.PaymentReference
         select new RunPayment(p.Id, p.PaymentReference, p.State, p.AmountPence, p.DueDate, p.RecordedByUserId, p.AuthorisedByUserId,
             p.Award!.OrganisationId, p.Award.Organisation!.Name, p.Award.AwardReference, p.Award.State)).ToListAsync(ct);

    /// <summary>Bank changes of these payees since each was last paid (all of them for a payee never paid).</summary>
    public static async Task<List<BankDetailsChange>> BankChangesAsync(GrantsDbContext db, IReadOnlyCollection<int> organisationIds, CancellationToken ct)
    {
        var lastPaid = await db.Payments.Where(p => p.State == PaymentStates.Paid && organisationIds.Contains(p.Award!.OrganisationId))
            .GroupBy(p => p.Award!.OrganisationId).Select(g => new { OrganisationId = g.Key, Last = g.Max(p => p.PaidOn) }).ToDictionaryAsync(x => x.OrganisationId, x => x.Last, ct);
        var changes = await db.Set<BankDetailsChange>().AsNoTracking().Where(c => organisationIds.Contains(c.OrganisationId)).ToListAsync(ct);
        return changes.Where(c => c.VerifiedAt is null
                || lastPaid.GetValueOrDefault(c.OrganisationId) is not { } last || UkTime.ToUkDate(c.ChangedAt) >= last)
            .OrderBy(c => c.ChangedAt).ToList();
    }

    /// <summary>The file the finance system takes: one line per payment, with the payee's bank details as they are at export.</summary>
    public static async Task<FinanceTable> ExportTableAsync(GrantsDbContext db, PaymentRun run, CancellationToken ct)
    {
        var rows = await (from i in db.Set<PaymentRunItem>()
                          join p in db.Payments on i.PaymentId equals p.Id
                          where i.RunId == run.Id
                          orderby p.PaymentReference
                          select new
                          {
                              p.PaymentReference, p.Award!.AwardReference, Payee = p.Award.Organisation!.Name, p.Award.Organisation.BankAccountName,
                              p.Award.Organisation.BankSortCode, p.Award.Organisation.BankAccountNumber, p.AmountPence, p.DueDate, FundCode = p.Award.Fund!.Code,
                          }).ToListAsync(ct);
        return FinanceTable.Of("Payment run " + run.RunReference,
            ["Batch reference", "Payment reference", "Award", "Fund", "Payee", "Account name", "Sort code", "Account number", "Amount (GBP)", "Due date"],
            rows, r => [run.BatchReference, r.PaymentReference, r.AwardReference, r.FundCode, r.Payee, r.BankAccountName, r.BankSortCode, r.BankAccountNumber,
                new Money(r.AmountPence), r.DueDate]);
    }
}
