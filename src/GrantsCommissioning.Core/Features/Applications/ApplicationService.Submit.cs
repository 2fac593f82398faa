using GrantsCommissioning.Core.Data;
using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Core.Workflow;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace GrantsCommissioning.Core.Features.Applications;

public sealed partial class ApplicationService
{
    /// <summary>
    /// Submits through the workflow (the only code that sets the state). The idempotency key comes from the review page,
    /// so a double click or a retry returns the first submission's receipt; an application already submitted returns its
    /// receipt too. The deadline (the round's close, or this applicant's extension) is checked in UK-correct instants
    /// again inside the transaction. The receipt email is the workflow's own "application-submitted" notification.
    /// </summary>
    public async Task<FeatureResult<Receipt>> SubmitAsync(int applicationId, Actor actor, string idempotencyKey, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!IsSubmitKey(idempotencyKey))
        {
            return KeyExpired();
        }
        var view = await GetAsync(applicationId, actor, ct);
        return view is null
            ? FeatureResult<Receipt>.Fail(new NotFound("application"))
            : await SubmitAsync(view, actor, idempotencyKey, ct);
    }

    /// <summary>
    /// The review page's submit, straight to the transaction: the workflow checks there that the actor belongs to the
    /// application's organisation, that the deadline has not passed and that every section is complete, so a submission
    /// that goes through reads the application once, inside the transaction, not also before it. A double click or a
    /// retry with the same key, or an application already submitted, gets its receipt as
    /// <see cref="SubmitAsync(int, Actor, string, CancellationToken)"/> gives it. Null when it did not go through (nothing
    /// is written then): the caller reads the view and asks <see cref="SubmitAsync(ApplicationView, Actor, string, CancellationToken)"/>,
    /// which says why, section by section.
    /// </summary>
    public async Task<Receipt?> TrySubmitAsync(int applicationId, Actor actor, string idempotencyKey, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return IsSubmitKey(idempotencyKey) ? (await FireSubmitAsync(applicationId, actor, idempotencyKey, ct)).Receipt : null;
    }

    /// <summary>
    /// As <see cref="SubmitAsync(int, Actor, string, CancellationToken)"/>, for a page that has just loaded
    /// <paramref name="view"/> with <see cref="GetAsync"/> for this <paramref name="actor"/> in the same request, so the
    /// application is not read again before the transaction (which checks the deadline and the sections once more).
    /// </summary>
    public async Task<FeatureResult<Receipt>> SubmitAsync(ApplicationView view, Actor actor, string idempotencyKey, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(view);
        ArgumentNullException.ThrowIfNull(actor);
        if (!IsSubmitKey(idempotencyKey))
        {
            return KeyExpired();
        }
        var applicationId = view.Id;
        if (!view.IsDraft && await ReceiptAsync(applicationId, actor, ct) is { } existing)
        {
            return FeatureResult<Receipt>.Ok(existing);
        }
        if (!view.IsDraft)
        {
            return FeatureResult<Receipt>.Fail(new NoLongerPossible("application", "submitted"));
        }
        var errors = view.Sections.SelectMany(s => s.Errors.Select(e => (Key: s.Key + ":" + e.Key, e.Value)))
            .ToDictionary(e => e.Key, e => e.Value);
        if (clock.GetUtcNow() >= view.Deadline)
        {
            return FeatureResult<Receipt>.Fail(new DeadlinePassed(view.Deadline, view.DeadlineExtended));
        }
        if (errors.Count > 0)
        {
            return FeatureResult<Receipt>.Fail(errors);
        }
        var (result, receipt) = await FireSubmitAsync(applicationId, actor, idempotencyKey, ct);
        return receipt is not null ? FeatureResult<Receipt>.Ok(receipt)
            : result.Succeeded ? FeatureResult<Receipt>.Fail(new Refused("The application could not be submitted."))
            : FeatureResult<Receipt>.Fail(result);
    }

    private static bool IsSubmitKey(string idempotencyKey) => !string.IsNullOrWhiteSpace(idempotencyKey) && idempotencyKey.Length <= 100;

    private static FeatureResult<Receipt> KeyExpired() => FeatureResult<Receipt>.Fail(new FormExpired("Go back to the review page and submit again."));

    /// <summary>
    /// Fires Submit, then reads the receipt if it went through, or if the application was submitted by another request
    /// meanwhile (a double click, a second tab, a co-user): that submission's receipt. The receipt is read behind the
    /// membership check, so a duplicate or a refusal on another organisation's application gives none.
    /// </summary>
    private async Task<(TransitionResult Result, Receipt? Receipt)> FireSubmitAsync(int applicationId, Actor actor, string idempotencyKey, CancellationToken ct)
    {
        var result = await workflow.FireAsync(
            new TransitionRequest(new CaseRef(CaseKind.Application, applicationId), ApplicationTriggers.Submit, actor, "submit:" + idempotencyKey), ct);
        var receipt = result.Succeeded || result.Error is TransitionError.TriggerNotPermitted or TransitionError.ConcurrencyConflict
            ? await ReceiptAsync(applicationId, actor, ct)
            : null;
        return (result, receipt);
    }

    /// <summary>The receipt, only once the submission has committed; null for drafts and for other organisations' applications.</summary>
    public async Task<Receipt?> ReceiptAsync(int applicationId, Actor actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var db = await factory.CreateDbContextAsync(ct);
        await using (db)
        {
            return await ReceiptFor.For(db)(db, applicationId, actor.UserId, ct);
        }
    }

    // Read twice per submission (after the submit, and by the receipt page), so compiled: see ApplicationService.Load.
    private static readonly CompiledPerModel<Func<GrantsDbContext, int, string, CancellationToken, Task<Receipt?>>> ReceiptFor = new(() => EF.CompileAsyncQuery(
        (GrantsDbContext db, int applicationId, string userId, CancellationToken ct) => db.Applications.AsNoTracking()
            .Where(a => a.Id == applicationId && a.SubmittedAt != null && a.State != ApplicationStates.Draft
                && db.OrganisationMembers.Any(m => m.OrganisationId == a.OrganisationId && m.UserId == userId))
            .Select(a => new Receipt(a.Id, a.ApplicationReference, a.ProjectTitle, a.Organisation!.Name, a.Round!.Title,
                new Money(a.AmountRequestedPence), a.SubmittedAt!.Value))
            .FirstOrDefault()));

    /// <summary>
    /// A grants officer lets one applicant submit after the round's closing time, up to a UK wall-clock time.
    /// </summary>
    public async Task<FeatureResult<DateTimeOffset>> ExtendDeadlineAsync(int applicationId, DateTime newDeadlineUkLocal, string reason, Actor actor,
        CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!actor.IsInRole(Roles.GrantsOfficer))
        {
            return FeatureResult<DateTimeOffset>.Fail(new RoleNeeded("a grants officer", "extend an applicant's deadline"));
        }
        if (string.IsNullOrWhiteSpace(reason) || reason.Trim().Length < 10)
        {
            return FeatureResult<DateTimeOffset>.Fail(new ReasonNeeded("Give the reason for the extension (at least 10 characters)."));
        }
        var db = await factory.CreateDbContextAsync(ct);
        await using (db)
        {
            // BEGIN IMMEDIATE: the audit row chains onto the last one, and the change and its audit row commit together.
            var tx = await db.Database.BeginTransactionAsync(ct);
            await using (tx)
            {
                var application = await db.Applications.Include(a => a.Round).FirstOrDefaultAsync(a => a.Id == applicationId, ct);
                if (application is null)
                {
                    return FeatureResult<DateTimeOffset>.Fail(new NotFound("application"));
                }
                if (application.State != ApplicationStates.Draft)
                {
                    return FeatureResult<DateTimeOffset>.Fail(new DraftOnly());
                }
                var instant = UkTime.FromUkLocal(newDeadlineUkLocal);
                if (instant <= application.Round!.ClosesAt)
                {
                    return FeatureResult<DateTimeOffset>.Fail(new ExtensionNotAfterClose(application.Round.ClosesAt));
                }
                if (instant <= clock.GetUtcNow())
                {
                    return FeatureResult<DateTimeOffset>.Fail(new ExtensionInPast());
                }
                var before = application.DeadlineExtendedTo;
                application.DeadlineExtendedTo = instant;
                await audit.AppendAsync(db, actor, "Application.DeadlineExtended", nameof(CaseKind.Application),
                    application.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    new { deadline = before ?? application.Round.ClosesAt }, new { deadline = instant, reason = reason.Trim() }, ct);
                await db.SaveChangesAsync(ct);
                await tx.CommitAsync(ct);
                logger.LogInformation("Deadline of application {Reference} extended from {Before} to {After} by {Officer}",
                    application.ApplicationReference, before, instant, actor.DisplayName);
                return FeatureResult<DateTimeOffset>.Ok(instant);
            }
        }
    }
}
