using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Core.Workflow;
using GrantsCommissioning.Core.Workflow.Kinds;

namespace GrantsCommissioning.Core.Features.Applications;

/// <summary>
/// Submitting checks the deadline (the round's close, or this applicant's extension) and the sections again inside the
/// transaction, then stamps the submission time. The applicant submits from the review page, never from a button.
/// </summary>
public sealed class SubmitApplicationHandler : TransitionHandler<GrantApplication, NoPayload>
{
    public override CaseKind Kind => CaseKind.Application;

    public override IReadOnlyCollection<string> Triggers => [ApplicationTriggers.Submit];

    public override bool NeedsForm => true;

    /// <summary>
    /// Submitting reads the application, its round and its own lines, and writes only the application: on closing day,
    /// submissions of different applications do not wait for each other on PostgreSQL. A section saved by a co-user, the
    /// round closed or extended, or a membership changed are written under the write lock, so each comes wholly before
    /// or wholly after a submission.
    /// </summary>
    public override bool LocksOnlyItsCase => true;

    protected override async Task<IReadOnlyList<FieldError>> ValidateAsync(TransitionContext context, GrantApplication application, NoPayload payload, CancellationToken ct)
    {
        await ApplicationService.LoadForSubmitChecksAsync(context.Db, application, ct);
        var deadline = Deadlines.For(application.Round!.ClosesAt, application.DeadlineExtendedTo);
        if (context.Now >= deadline)
        {
            return [new FieldError("", Deadlines.ClosedMessage(deadline, deadline > application.Round.ClosesAt))];
        }
        // A co-user may have changed the draft since the review page was checked: check it again inside the transaction.
        return ApplicationRules.Check(application, application.Round).FirstOrDefault(s => s.Errors.Count > 0) is { } incomplete
            ? [new FieldError("", $"The section \u201c{incomplete.Title}\u201d is not complete: {incomplete.Errors.Values.First()}")]
            : [];
    }

    protected override Task ApplyAsync(TransitionContext context, GrantApplication application, NoPayload payload, CancellationToken ct)
    {
        application.SubmittedAt = context.Now;
        application.UpdatedAt = context.Now;
        return Task.CompletedTask;
    }
}
