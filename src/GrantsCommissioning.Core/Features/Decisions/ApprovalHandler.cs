using System.Globalization;
using FluentValidation;
using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Core.Features.Audit;
using GrantsCommissioning.Core.Workflow;
using GrantsCommissioning.Core.Workflow.Kinds;

namespace GrantsCommissioning.Core.Features.Decisions;

/// <summary>The approver's note with their approval (optional).</summary>
public sealed record ApprovalNote(string? Comment) : ITransitionPayload;

public sealed class ApprovalNoteValidator : AbstractValidator<ApprovalNote>
{
    public ApprovalNoteValidator() =>
        RuleFor(n => n.Comment).MaximumLength(2000).WithMessage("Keep the note with your approval to 2,000 characters.");
}

/// <summary>
/// Records the next approval the Scheme of Delegation asks for (<c>approvals</c> in the definition), by the post holder
/// or their deputy within the deputy's limit, in order. The case stays in Recommendation; the decision waits for all of them.
/// </summary>
public sealed class ApprovalHandler(IValidator<ApprovalNote> validator, AuditTrail audit, WorkflowRegistry registry) : TransitionHandler<GrantApplication, ApprovalNote>(validator)
{
    public const string Trigger = "RecordApproval";

    public override CaseKind Kind => CaseKind.Application;

    public override IReadOnlyCollection<string> Triggers => [Trigger];

    protected override async Task<IReadOnlyList<FieldError>> ValidateAsync(TransitionContext context, GrantApplication c, ApprovalNote payload, CancellationToken ct)
    {
        var next = await DelegatedAuthority.NextAsync(context.Db, registry.Get(CaseKind.Application, c.WorkflowVersion).Definition, c, context.Actor, ct);
        return next.CanGive ? [] : [new FieldError("", next.Problem!)];
    }

    protected override async Task ApplyAsync(TransitionContext context, GrantApplication c, ApprovalNote payload, CancellationToken ct)
    {
        var next = await DelegatedAuthority.NextAsync(context.Db, registry.Get(CaseKind.Application, c.WorkflowVersion).Definition, c, context.Actor, ct);
        var approval = new CaseApproval
        {
            ApplicationId = c.Id, Post = next.Step!.Post, AmountPence = c.AmountRequestedPence,
            Comment = string.IsNullOrWhiteSpace(payload.Comment) ? null : payload.Comment.Trim(),
            ApprovedByUserId = context.Actor.UserId, ApprovedByName = context.Actor.DisplayName,
            DeputyForUserId = next.AsDeputy?.PrincipalUserId, DeputyForName = next.AsDeputy?.PrincipalName, ApprovedAt = context.Now,
        };
        context.Db.Add(approval);
        await audit.AppendAsync(context.Db, context.Actor, "Approval.Recorded", nameof(CaseKind.Application), c.Id.ToString(CultureInfo.InvariantCulture), null,
            new { post = approval.Post, amountPence = approval.AmountPence, deputyFor = approval.DeputyForName, comment = approval.Comment }, ct);
    }

    /// <summary>Voids the case's approvals with one audit row naming them; nothing is written when there are none.</summary>
    internal static async Task VoidWithAuditAsync(TransitionContext context, AuditTrail audit, string reason, CancellationToken ct)
    {
        var active = await DelegatedAuthority.ActiveAsync(context.Db, context.Case.Id, ct);
        if (active.Count == 0)
        {
            return;
        }
        await DelegatedAuthority.VoidAsync(context.Db, context.Case.Id, context.Actor, reason, context.Now, ct);
        await audit.AppendAsync(context.Db, context.Actor, "Approval.Voided", nameof(CaseKind.Application), context.Case.Id.ToString(CultureInfo.InvariantCulture),
            new { approvals = active.Select(a => $"{a.Post}: {a.ApprovedByName}").ToList() }, new { reason }, ct);
    }
}

/// <summary>A decision maker sends a recommended case back to the officer (to assessment): every approval given on it is voided.</summary>
public sealed class SendBackHandler(AuditTrail audit) : TransitionHandler<GrantApplication, NoPayload>
{
    public const string Trigger = "SendBack";

    public override CaseKind Kind => CaseKind.Application;

    public override IReadOnlyCollection<string> Triggers => [Trigger];

    public override bool NeedsForm => false;

    protected override Task ApplyAsync(TransitionContext context, GrantApplication c, NoPayload payload, CancellationToken ct) =>
        ApprovalHandler.VoidWithAuditAsync(context, audit, "Sent back: " + context.Request.Comment?.Trim(), ct);
}
