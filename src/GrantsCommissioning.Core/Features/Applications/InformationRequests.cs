using FluentValidation;
using GrantsCommissioning.Core.Data;
using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Core.Workflow;
using Microsoft.EntityFrameworkCore;

namespace GrantsCommissioning.Core.Features.Applications;

/// <summary>One message about an application's missing information: the officer's question or the applicant's answer.</summary>
public sealed record InformationMessage(string From, bool FromApplicant, string Text, DateTimeOffset At);

/// <summary>An application as its organisation sees it when the grants team asks for more information.</summary>
public sealed record InformationRequestView(int ApplicationId, string Reference, string Title, string OrganisationName, string State, string StateLabel,
    IReadOnlyList<InformationMessage> Thread)
{
    public bool IsAwaiting => State == ApplicationStates.InformationRequested;

    /// <summary>The officer's latest question, the one still to answer while the case waits.</summary>
    public string? Question => Thread.LastOrDefault(m => !m.FromApplicant)?.Text;
}

/// <summary>The applicant's answer, as the form posts it.</summary>
public sealed class InformationReplyInput
{
    public string? Answer { get; set; }
}

public sealed class InformationReplyValidator : AbstractValidator<InformationReplyInput>
{
    public const int MaxLength = 2000;

    public InformationReplyValidator() =>
        RuleFor(i => i.Answer).Cascade(CascadeMode.Stop)
            .Must(a => !string.IsNullOrWhiteSpace(a)).WithMessage("Write your answer to the grants team's question.")
            .Must(a => a!.Trim().Length <= MaxLength).WithMessage(a => $"Your answer must be 2,000 characters or fewer (it has {a.Answer!.Trim().Length:#,0}).");
}

/// <summary>
/// The officer's request for more information (grant-application v5's RequestInformation, from the bulk actions or the
/// case page) and the applicant's answer: the question and answers are the workflow journal's comments, so the thread
/// is the record; answering fires ProvideInformation, which puts the case back in the officer's eligibility checks.
/// Files sent with the answer are the application's attachments with the purpose <see cref="Purpose"/>.
/// </summary>
public sealed class InformationRequests(IDbContextFactory<GrantsDbContext> factory, ICaseWorkflow workflow, WorkflowLabels labels,
    IValidator<InformationReplyInput> validator)
{
    public const string Purpose = "Further information";

    /// <summary>The application of one of the actor's organisations with its questions and answers, or null (not theirs, or no such application).</summary>
    public async Task<InformationRequestView?> ForApplicantAsync(int applicationId, Actor actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var db = await factory.CreateDbContextAsync(ct);
        await using (db)
        {
            var a = await db.Applications.AsNoTracking()
                .Where(x => x.Id == applicationId && x.State != ApplicationStates.Draft
                    && db.OrganisationMembers.Any(m => m.OrganisationId == x.OrganisationId && m.UserId == actor.UserId))
                .Select(x => new { x.Id, x.ApplicationReference, x.ProjectTitle, x.Organisation!.Name, x.State, x.WorkflowVersion })
                .FirstOrDefaultAsync(ct);
            return a is null ? null : new InformationRequestView(a.Id, a.ApplicationReference, a.ProjectTitle, a.Name, a.State,
                labels.State(CaseKind.Application, a.WorkflowVersion, a.State), await ThreadAsync(db, a.Id, ct));
        }
    }

    /// <summary>The questions and answers on an application, oldest first (for the staff case page, which checks access itself).</summary>
    public async Task<IReadOnlyList<InformationMessage>> ThreadAsync(int applicationId, CancellationToken ct = default)
    {
        var db = await factory.CreateDbContextAsync(ct);
        await using (db)
        {
            return await ThreadAsync(db, applicationId, ct);
        }
    }

    /// <summary>
    /// The applicant answers the question: checked like the form (required, at most 2,000 characters), refused with
    /// <see cref="NotAwaitingInformation"/> when the grants team is not waiting for an answer, and sent through the
    /// workflow (journal, audit, email to the grants officers). The same key again is the same answer, not a second one.
    /// </summary>
    public async Task<FeatureResult<bool>> ReplyAsync(int applicationId, InformationReplyInput input, Actor actor, string? idempotencyKey, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(actor);
        var view = await ForApplicantAsync(applicationId, actor, ct);
        if (view is null)
        {
            return FeatureResult<bool>.Fail(new NotFound("application"));
        }
        if (string.IsNullOrWhiteSpace(idempotencyKey) || idempotencyKey.Length > 100)
        {
            return FeatureResult<bool>.Fail(new FormExpired());
        }
        var key = "information:" + idempotencyKey;
        if (!view.IsAwaiting)
        {
            await using var db = await factory.CreateDbContextAsync(ct);
            return await db.WorkflowJournal.AnyAsync(j => j.IdempotencyKey == key && j.CaseId == applicationId && j.CaseKind == CaseKind.Application, ct)
                ? FeatureResult<bool>.Ok(true)
                : FeatureResult<bool>.Fail(new NotAwaitingInformation(view.Reference, view.StateLabel));
        }
        var validation = await validator.ValidateAsync(input, ct);
        if (!validation.IsValid)
        {
            return FeatureResult<bool>.Invalid(validation);
        }
        var result = await workflow.FireAsync(new TransitionRequest(new CaseRef(CaseKind.Application, applicationId), ApplicationTriggers.ProvideInformation, actor, key)
        {
            Comment = input.Answer!.Trim(),
        }, ct);
        return FeatureResult<bool>.From(result, true);
    }

    private static async Task<IReadOnlyList<InformationMessage>> ThreadAsync(GrantsDbContext db, int applicationId, CancellationToken ct)
    {
        var rows = await db.WorkflowJournal.AsNoTracking()
            .Where(j => j.CaseKind == CaseKind.Application && j.CaseId == applicationId && j.Comment != null
                && (j.Trigger == ApplicationTriggers.RequestInformation || j.Trigger == ApplicationTriggers.ProvideInformation
                    || (j.ToState == ApplicationStates.InformationRequested && j.FromState != ApplicationStates.InformationRequested)))
            .OrderBy(j => j.Sequence).Select(j => new { j.ActorName, j.Trigger, j.Comment, j.OccurredAt }).ToListAsync(ct);
        return rows.Select(r => new InformationMessage(r.ActorName, r.Trigger == ApplicationTriggers.ProvideInformation, r.Comment!, r.OccurredAt)).ToList();
    }
}
