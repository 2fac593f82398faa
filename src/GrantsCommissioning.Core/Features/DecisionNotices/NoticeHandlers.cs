using FluentValidation;
using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Core.Workflow.Kinds;

namespace GrantsCommissioning.Core.Features.DecisionNotices;

/// <summary>A notice goes for advice only with every Part 1 section written.</summary>
public sealed class SubmitForAdviceHandler : TransitionHandler<DecisionNotice, NoPayload>
{
    public override CaseKind Kind => CaseKind.DecisionNotice;

    public override IReadOnlyCollection<string> Triggers => [DecisionNoticeWorkflow.SubmitForAdvice];

    protected override Task<IReadOnlyList<FieldError>> ValidateAsync(TransitionContext context, DecisionNotice c, NoPayload payload, CancellationToken ct) =>
        Task.FromResult(NoticeDraftValidator.Incomplete(NoticeDraft.Of(c, null)));

    protected override Task ApplyAsync(TransitionContext context, DecisionNotice c, NoPayload payload, CancellationToken ct)
    {
        c.UpdatedAt = context.Now;
        return Task.CompletedTask;
    }
}

/// <summary>The Chief Executive's and then the Chief Finance Officer's advice, noted by two different people.</summary>
public sealed class NoteAdviceHandler(IValidator<NoticeAdvice> validator) : TransitionHandler<DecisionNotice, NoticeAdvice>(validator)
{
    public override CaseKind Kind => CaseKind.DecisionNotice;

    public override IReadOnlyCollection<string> Triggers => [DecisionNoticeWorkflow.NoteChiefExecutiveAdvice, DecisionNoticeWorkflow.NoteFinanceAdvice];

    protected override Task<IReadOnlyList<FieldError>> ValidateAsync(TransitionContext context, DecisionNotice c, NoticeAdvice payload, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<FieldError>>(
            context.Request.Trigger == DecisionNoticeWorkflow.NoteFinanceAdvice && c.ChiefExecutiveAdviceByUserId == context.Actor.UserId
                ? [new FieldError(nameof(NoticeAdvice.Advice),
                    "You noted the Chief Executive's advice on this notice, so the Chief Finance Officer's advice must be noted by someone else.")]
                : []);

    protected override Task ApplyAsync(TransitionContext context, DecisionNotice c, NoticeAdvice payload, CancellationToken ct)
    {
        if (context.Request.Trigger == DecisionNoticeWorkflow.NoteChiefExecutiveAdvice)
        {
            (c.ChiefExecutiveAdvice, c.ChiefExecutiveAdviceBy, c.ChiefExecutiveAdviceByUserId, c.ChiefExecutiveAdviceAt) =
                (payload.Advice.Trim(), context.Actor.DisplayName, context.Actor.UserId, context.Now);
        }
        else
        {
            (c.FinanceAdvice, c.FinanceAdviceBy, c.FinanceAdviceByUserId, c.FinanceAdviceAt) =
                (payload.Advice.Trim(), context.Actor.DisplayName, context.Actor.UserId, context.Now);
        }
        c.UpdatedAt = context.Now;
        return Task.CompletedTask;
    }
}

/// <summary>The Commissioner signs: the declaration of interests and the date, which fixes the decision's financial year.</summary>
public sealed class SignHandler(IValidator<NoticeSignature> validator) : TransitionHandler<DecisionNotice, NoticeSignature>(validator)
{
    public override CaseKind Kind => CaseKind.DecisionNotice;

    public override IReadOnlyCollection<string> Triggers => [DecisionNoticeWorkflow.Sign];

    protected override Task ApplyAsync(TransitionContext context, DecisionNotice c, NoticeSignature payload, CancellationToken ct)
    {
        c.DeclarationOfInterests = payload.DeclarationOfInterests.Trim();
        c.SignatureDate = payload.SignatureDate;
        c.FinancialYearStart = FinancialYear.Containing(payload.SignatureDate).StartYear;
        c.SignedBy = context.Actor.DisplayName;
        c.UpdatedAt = context.Now;
        return Task.CompletedTask;
    }
}

/// <summary>Publishing puts Part 1 on the public register, dated today (UK).</summary>
public sealed class PublishHandler : TransitionHandler<DecisionNotice, NoPayload>
{
    public override CaseKind Kind => CaseKind.DecisionNotice;

    public override IReadOnlyCollection<string> Triggers => [DecisionNoticeWorkflow.Publish];

    protected override Task ApplyAsync(TransitionContext context, DecisionNotice c, NoPayload payload, CancellationToken ct)
    {
        c.PublishedOn = UkTime.ToUkDate(context.Now);
        c.UpdatedAt = context.Now;
        return Task.CompletedTask;
    }
}

/// <summary>Sending a notice back to draft voids the advice and signature given on the earlier text.</summary>
public sealed class SendBackHandler : TransitionHandler<DecisionNotice, NoPayload>
{
    public override CaseKind Kind => CaseKind.DecisionNotice;

    public override IReadOnlyCollection<string> Triggers => [DecisionNoticeWorkflow.SendBack];

    protected override Task ApplyAsync(TransitionContext context, DecisionNotice c, NoPayload payload, CancellationToken ct)
    {
        c.VoidAdviceAndSignature();
        c.UpdatedAt = context.Now;
        return Task.CompletedTask;
    }
}
