using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Core.Features.FinanceExports;
using GrantsCommissioning.Core.Features.Payments;
using GrantsCommissioning.Core.Workflow;
using GrantsCommissioning.Core.Workflow.Kinds;
using Microsoft.EntityFrameworkCore;

namespace GrantsCommissioning.Core.Features.PaymentRuns;

/// <summary>
/// Authorising a run: a second finance user, never the preparer, nor anyone who recorded a payment in it or verified a
/// payee's changed bank details for it; every payment still ready and unblocked, and every flagged bank change verified.
/// </summary>
public sealed class AuthoriseRunHandler : TransitionHandler<PaymentRun, NoPayload>
{
    public override CaseKind Kind => CaseKind.PaymentRun;

    public override IReadOnlyCollection<string> Triggers => [PaymentRunWorkflow.Authorise];

    protected override async Task<IReadOnlyList<FieldError>> ValidateAsync(TransitionContext context, PaymentRun c, NoPayload payload, CancellationToken ct)
    {
        var actor = context.Actor;
        if (c.PreparedByUserId == actor.UserId)
        {
            return [new FieldError("", "You prepared this run, so another finance user must authorise it (segregation of duties).")];
        }
        var payments = await RunPayments.OfAsync(context.Db, c.Id, ct);
        if (payments.FirstOrDefault(p => p.RecordedByUserId == actor.UserId) is { } recorded)
        {
            return [new FieldError("", $"You recorded payment {recorded.PaymentReference} in this run, so another finance user must authorise it (segregation of duties).")];
        }
        if (payments.FirstOrDefault(p => p.State != PaymentStates.Ready) is { } moved)
        {
            return [new FieldError("", $"Payment {moved.PaymentReference} is no longer ready ({moved.State}): withdraw the run and prepare it again.")];
        }
        var organisations = payments.Select(p => p.OrganisationId).Distinct().ToList();
        var changes = await RunPayments.BankChangesAsync(context.Db, organisations, ct);
        if (changes.FirstOrDefault(x => !x.IsVerified) is { } flagged)
        {
            return [new FieldError("", $"Bank details of {payments.First(p => p.OrganisationId == flagged.OrganisationId).Organisation} changed on {UkTime.Describe(flagged.ChangedAt)}: a second finance user must verify them before the run can go.")];
        }
        if (changes.FirstOrDefault(x => x.VerifiedByUserId == actor.UserId) is { } verified)
        {
            return [new FieldError("", $"You verified the changed bank details of {payments.First(p => p.OrganisationId == verified.OrganisationId).Organisation}, so a third finance user must authorise this run (segregation of duties).")];
        }
        var suspended = await PaymentBlocks.SuspensionsAsync(context.Db, payments.Select(p => p.AwardReference).Distinct().ToList(), ct);
        foreach (var p in payments)
        {
            if (PaymentBlocks.Describe(p.AwardState, null, suspended.GetValueOrDefault(p.AwardReference)) is { } reason)
            {
                return [new FieldError("", $"{p.PaymentReference}: {reason}")];
            }
        }
        return [];
    }

    protected override Task ApplyAsync(TransitionContext context, PaymentRun c, NoPayload payload, CancellationToken ct)
    {
        c.AuthorisedByUserId = context.Actor.UserId;
        c.AuthorisedByName = context.Actor.DisplayName;
        c.AuthorisedAt = context.Now;
        return Task.CompletedTask;
    }
}

/// <summary>Exporting writes the batch reference and the CSV and XLSX files once; every later download is those bytes.</summary>
public sealed class ExportRunHandler : TransitionHandler<PaymentRun, NoPayload>
{
    public override CaseKind Kind => CaseKind.PaymentRun;

    public override IReadOnlyCollection<string> Triggers => [PaymentRunWorkflow.Export];

    protected override async Task<IReadOnlyList<FieldError>> ValidateAsync(TransitionContext context, PaymentRun c, NoPayload payload, CancellationToken ct)
    {
        var payments = await RunPayments.OfAsync(context.Db, c.Id, ct);
        return payments.FirstOrDefault(p => p.State != PaymentStates.Authorised) is { } open
            ? [new FieldError("", $"Payment {open.PaymentReference} is {open.State}, not authorised: {c.AuthorisedByName} must finish authorising the run before it is exported.")]
            : [];
    }

    protected override async Task ApplyAsync(TransitionContext context, PaymentRun c, NoPayload payload, CancellationToken ct)
    {
        c.BatchReference = "OPCC-" + c.RunReference;
        c.ExportedAt = context.Now;
        var table = await RunPayments.ExportTableAsync(context.Db, c, ct);
        c.ExportCsv = FinanceTableWriter.Csv(table);
        c.ExportXlsx = FinanceTableWriter.Xlsx(table);
    }
}

/// <summary>Withdrawing a prepared run frees its payments to go in another.</summary>
public sealed class WithdrawRunHandler : TransitionHandler<PaymentRun, NoPayload>
{
    public override CaseKind Kind => CaseKind.PaymentRun;

    public override IReadOnlyCollection<string> Triggers => [PaymentRunWorkflow.Withdraw];

    protected override async Task ApplyAsync(TransitionContext context, PaymentRun c, NoPayload payload, CancellationToken ct) =>
        context.Db.Set<PaymentRunItem>().RemoveRange(await context.Db.Set<PaymentRunItem>().Where(i => i.RunId == c.Id).ToListAsync(ct));
}
