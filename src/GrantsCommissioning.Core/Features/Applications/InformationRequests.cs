using FluentValidation;
using GrantsCommissioning.Core.Data;
using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Core.Features.Attachments;
using GrantsCommissioning.Core.Workflow;
using GrantsCommissioning.Core.Workflow.Kinds;
using Microsoft.EntityFrameworkCore;

namespace GrantsCommissioning.Core.Features.Applications;

/// <summary>
/// One message about an application's missing information: the officer's question or the applicant's answer, with the
/// files the applicant sent with it (<see cref="Attachment.JournalSequence"/>; under a question while no answer has
/// taken them).
/// </summary>
public sealed record InformationMessage(int Sequence, string From, bool FromApplicant, string Text, DateTimeOffset At, IReadOnlyList<StoredAttachment> Files);

/// <summary>
/// The grants team's question still waiting for the applicant: its journal sequence, and whether the case's workflow
/// version lets the applicant answer in the app (v5 and later) or only send files while the officer contacts them (v4).
/// </summary>
public sealed record OpenQuestion(int Sequence, bool AnswersInApp);

/// <summary>An application as its organisation sees it when the grants team asks for more information.</summary>
public sealed record InformationRequestView(int ApplicationId, string Reference, string Title, string OrganisationName, string State, string StateLabel,
    IReadOnlyList<InformationMessage> Thread, OpenQuestion? Open)
{
    /// <summary>The applicant may write an answer in the app now (v5's InformationRequested).</summary>
    public bool IsAwaiting => Open is { AnswersInApp: true };

    /// <summary>A question is open on a version without an answer in the app (v4): files only, the officer contacts them.</summary>
    public bool IsAwaitingOutsideTheApp => Open is { AnswersInApp: false };

    /// <summary>The officer's latest question, the one still to answer while the case waits.</summary>
    public string? Question => Thread.LastOrDefault(m => !m.FromApplicant)?.Text;
}

/// <summary>The question and answer thread as staff see it, with how to reach the applicant when they cannot answer in the app.</summary>
public sealed record InformationThreadView(IReadOnlyList<InformationMessage> Thread, OpenQuestion? Open, IReadOnlyList<string> Contacts);

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
/// Files sent with the answer are the application's attachments with the purpose <see cref="Purpose"/>, linked to the
/// question while it is open and to the answer once sent (<see cref="Attachment.JournalSequence"/>).
/// Applications still on v4 keep v4's question without a state of its own: the applicant cannot write an answer in the
/// app, so they may send files for the open question, are told the grants team will contact them, and staff are shown
/// the applicant's contacts.
/// </summary>
public sealed class InformationRequests(IDbContextFactory<GrantsDbContext> factory, ICaseWorkflow workflow, WorkflowLabels labels,
    IValidator<InformationReplyInput> validator, WorkflowRegistry registry)
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
                labels.State(CaseKind.Application, a.WorkflowVersion, a.State), await ThreadAsync(db, a.Id, ct), await OpenQuestionAsync(db, registry, a.Id, ct));
        }
    }

    /// <summary>
    /// The questions and answers on an application, oldest first, for the staff case page (which checks access itself);
    /// while a question is open that the applicant cannot answer in the app (v4), the emails of the organisation's members.
    /// </summary>
    public async Task<InformationThreadView> ThreadAsync(int applicationId, CancellationToken ct = default)
    {
        var db = await factory.CreateDbContextAsync(ct);
        await using (db)
        {
            var open = await OpenQuestionAsync(db, registry, applicationId, ct);
            var contacts = open is { AnswersInApp: false }
                ? await (from a in db.Applications
                         where a.Id == applicationId
                         join m in db.OrganisationMembers on a.OrganisationId equals m.OrganisationId
                         join u in db.Users on m.UserId equals u.Id
                         where u.Email != null
                         orderby u.DisplayName
                         select (u.DisplayName ?? u.Email) + " <" + u.Email + ">").ToListAsync(ct)
                : [];
            return new InformationThreadView(await ThreadAsync(db, applicationId, ct), open, contacts);
        }
    }

    /// <summary>
    /// The question still open on an application, or null: the latest RequestInformation while the case waits for the
    /// answer (a version with ProvideInformation, in a state it leaves from) or, on a version without an answer in the app
    /// (v4), while the case is still where a question can be asked (its checks). The one rule for the pages, the files
    /// the applicant may add, and which question a file belongs to.
    /// </summary>
    public static async Task<OpenQuestion?> OpenQuestionAsync(GrantsDbContext db, WorkflowRegistry registry, int applicationId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(registry);
        var a = await db.Applications.AsNoTracking().Where(x => x.Id == applicationId).Select(x => new { x.State, x.WorkflowVersion }).FirstOrDefaultAsync(ct);
        if (a is null || registry.Find(CaseKind.Application, a.WorkflowVersion)?.Definition is not { } d)
        {
            return null;
        }
        var answersInApp = d.Transitions.Any(t => t.Trigger == ApplicationTriggers.ProvideInformation);
        var open = answersInApp
            ? d.FindTransition(a.State, ApplicationTriggers.ProvideInformation) is not null
            : d.FindTransition(a.State, ApplicationTriggers.RequestInformation) is not null;
        if (!open)
        {
            return null;
        }
        var question = await db.WorkflowJournal.AsNoTracking()
            .Where(j => j.CaseKind == CaseKind.Application && j.CaseId == applicationId && j.Trigger == ApplicationTriggers.RequestInformation)
            .MaxAsync(j => (int?)j.Sequence, ct);
        return question is { } q ? new OpenQuestion(q, answersInApp) : null;
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
            .OrderBy(j => j.Sequence).Select(j => new { j.Sequence, j.ActorName, j.Trigger, j.Comment, j.OccurredAt }).ToListAsync(ct);
        var files = (await db.Attachments.AsNoTracking()
                .Where(f => f.ApplicationId == applicationId && f.Purpose == Purpose && f.JournalSequence != null)
                .ToListAsync(ct))
            .OrderBy(f => f.UploadedAt).ThenBy(f => f.Id).ToLookup(f => f.JournalSequence!.Value, AttachmentStore.ToStored);
        return rows.Select(r => new InformationMessage(r.Sequence, r.ActorName, r.Trigger == ApplicationTriggers.ProvideInformation, r.Comment!, r.OccurredAt,
            files[r.Sequence].ToList())).ToList();
    }
}

/// <summary>
/// The applicant's answer (v5's ProvideInformation) takes the files sent for the question it answers, in the answer's
/// own transaction, so the staff and applicant pages show them under that answer.
/// </summary>
public sealed class ProvideInformationHandler : TransitionHandler<GrantApplication, NoPayload>
{
    public override CaseKind Kind => CaseKind.Application;

    public override IReadOnlyCollection<string> Triggers => [ApplicationTriggers.ProvideInformation];

    /// <summary>Offered through the applicant's own page, although it needs no payload.</summary>
    public override bool NeedsForm => true;

    protected override async Task ApplyAsync(TransitionContext context, GrantApplication c, NoPayload payload, CancellationToken ct)
    {
        var answer = JournalQueries.TrackedFor(context.Db, CaseKind.Application, c.Id).MaxBy(j => j.Sequence);
        var question = await context.Db.WorkflowJournal.Where(j => j.CaseKind == CaseKind.Application && j.CaseId == c.Id && j.Trigger == ApplicationTriggers.RequestInformation)
            .MaxAsync(j => (int?)j.Sequence, ct);
        if (answer is null || question is null)
        {
            return;
        }
        var files = await context.Db.Attachments
            .Where(f => f.ApplicationId == c.Id && f.Purpose == InformationRequests.Purpose && f.JournalSequence == question).ToListAsync(ct);
        foreach (var f in files)
        {
            f.JournalSequence = answer.Sequence;
        }
    }
}
