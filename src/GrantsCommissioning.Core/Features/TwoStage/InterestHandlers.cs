using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Core.Workflow;
using GrantsCommissioning.Core.Workflow.Kinds;
using Microsoft.EntityFrameworkCore;

namespace GrantsCommissioning.Core.Features.TwoStage;

/// <summary>
/// Sending an expression of interest: refused once the round's expressions of interest have closed (checked again inside
/// the transaction, so one sent a moment too late is refused whoever fires it), and stamps when it was sent.
/// </summary>
public sealed class SubmitInterestHandler : TransitionHandler<GrantApplication, NoPayload>
{
    public override CaseKind Kind => CaseKind.Application;

    public override IReadOnlyCollection<string> Triggers => [ApplicationTriggers.SubmitInterest];

    public override bool NeedsForm => true;

    protected override async Task<IReadOnlyList<FieldError>> ValidateAsync(TransitionContext context, GrantApplication c, NoPayload payload, CancellationToken ct)
    {
        var round = await context.Db.Rounds.AsNoTracking().FirstAsync(r => r.Id == c.RoundId, ct);
        return round.InterestClosesAt is not { } closes ? [new FieldError("", "This round has one stage: apply with the full application form.")]
            : context.Now < round.OpensAt ? [new FieldError("", Failures.Message(new InterestClosed(round.OpensAt, NotYet: true)))]
            : context.Now >= closes ? [new FieldError("", Failures.Message(new InterestClosed(closes)))]
            : [];
    }

    protected override Task ApplyAsync(TransitionContext context, GrantApplication c, NoPayload payload, CancellationToken ct)
    {
        c.InterestSubmittedAt = context.Now;
        c.UpdatedAt = context.Now;
        return Task.CompletedTask;
    }
}

/// <summary>The invitation's email says by when the full application must be submitted (the round's closing time).</summary>
public sealed record InvitePayload(DateTimeOffset FullApplicationClosesAt) : IEmailPayload
{
    public IReadOnlyDictionary<string, string> EmailValues => new Dictionary<string, string> { ["DueDate"] = UkTime.Describe(FullApplicationClosesAt) };
}

/// <summary>Inviting the full application: refused once the round has closed (there would be no time to apply); stamps the invitation.</summary>
public sealed class InviteHandler : TransitionHandler<GrantApplication, InvitePayload>
{
    public override CaseKind Kind => CaseKind.Application;

    public override IReadOnlyCollection<string> Triggers => [ApplicationTriggers.Invite];

    protected override async Task<IReadOnlyList<FieldError>> ValidateAsync(TransitionContext context, GrantApplication c, InvitePayload payload, CancellationToken ct)
    {
        var closes = await context.Db.Rounds.Where(r => r.Id == c.RoundId).Select(r => r.ClosesAt).FirstAsync(ct);
        return context.Now >= closes
            ? [new FieldError("", $"The round closed at {UkTime.Describe(closes)}: there is no time left for a full application, so no one can be invited.")]
            : [];
    }

    protected override Task ApplyAsync(TransitionContext context, GrantApplication c, InvitePayload payload, CancellationToken ct)
    {
        c.InvitedAt = context.Now;
        c.UpdatedAt = context.Now;
        return Task.CompletedTask;
    }
}
