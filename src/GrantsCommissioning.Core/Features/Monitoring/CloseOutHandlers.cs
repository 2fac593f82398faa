using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Core.Workflow;
using GrantsCommissioning.Core.Workflow.Kinds;
using Microsoft.EntityFrameworkCore;

namespace GrantsCommissioning.Core.Features.Monitoring;

/// <summary>
/// The end of the grant period moves the award to its final report (fired by the timer the day after the end date, or
/// by an officer); a timer left over from before an extension does nothing while the period has not ended.
/// </summary>
public sealed class EndGrantPeriodHandler : TransitionHandler<Award, NoPayload>
{
    public override CaseKind Kind => CaseKind.Award;

    public override IReadOnlyCollection<string> Triggers => [AwardTriggers.EndGrantPeriod];

    protected override Task<IReadOnlyList<FieldError>> ValidateAsync(TransitionContext context, Award c, NoPayload payload, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<FieldError>>(UkTime.ToUkDate(context.Now) <= c.EndDate
            ? [new FieldError("", Failures.Message(new GrantPeriodNotEnded(c.EndDate)))]
            : []);

    protected override Task ApplyAsync(TransitionContext context, Award c, NoPayload payload, CancellationToken ct) => Task.CompletedTask;
}

/// <summary>
/// An award closes only once every monitoring return, the final one included, has been accepted. Spend on the final
/// report below what was paid is an underspend: closing raises a recovery for it.
/// </summary>
public sealed class CloseAwardHandler : TransitionHandler<Award, NoPayload>
{
    public override CaseKind Kind => CaseKind.Award;

    public override IReadOnlyCollection<string> Triggers => [AwardTriggers.Close];

    protected override async Task<IReadOnlyList<FieldError>> ValidateAsync(TransitionContext context, Award c, NoPayload payload, CancellationToken ct)
    {
        var outstanding = await context.Db.Returns.CountAsync(r => r.AwardId == c.Id && r.State != ReturnStates.Accepted, ct);
        return outstanding > 0 ? [new FieldError("", Failures.Message(new ReturnsOutstanding(outstanding)))] : [];
    }

    protected override async Task ApplyAsync(TransitionContext context, Award c, NoPayload payload, CancellationToken ct)
    {
        var spend = new Money(await Returns.ReturnReviewService.SpendAsync(context.Db, c.Id, ct));
        var paid = await Payments.AwardSpend.NetPaidAsync(context.Db, c.Id, ct);
        if (paid > spend)
        {
            Payments.Recoveries.Raise(context, c.Id, null, paid - spend, UkTime.ToUkDate(context.Now), $"{c.AwardReference}-UNDERSPEND",
                $"Underspend on the final report: {spend} spent of {paid} paid.");
        }
    }
}
