using FluentValidation;
using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Core.Workflow;
using GrantsCommissioning.Core.Workflow.Kinds;

namespace GrantsCommissioning.Core.Features.Monitoring;

/// <summary>The officer's new due date for a return not yet sent.</summary>
public sealed record ReturnDueDateChange(DateOnly DueDate) : ITransitionPayload;

public sealed class ReturnDueDateChangeValidator : AbstractValidator<ReturnDueDateChange>
{
    public ReturnDueDateChangeValidator(TimeProvider clock) =>
        RuleFor(c => c.DueDate).Must(d => d >= UkTime.ToUkDate(clock.GetUtcNow()))
            .WithMessage("The new due date cannot be in the past.");
}

/// <summary>
/// Changing a return's due date (before it is sent, so before it can be accepted) works out its reminder, overdue and
/// escalation times again and moves their timers; an overdue return given a new date is due again.
/// </summary>
public sealed class RescheduleReturnHandler(IValidator<ReturnDueDateChange> validator, ReturnTimetable timetable, WorkflowRegistry registry)
    : TransitionHandler<MonitoringReturn, ReturnDueDateChange>(validator)
{
    public override CaseKind Kind => CaseKind.MonitoringReturn;

    public override IReadOnlyCollection<string> Triggers => [ReturnTriggers.Reschedule];

    protected override Task<IReadOnlyList<FieldError>> ValidateAsync(TransitionContext context, MonitoringReturn c, ReturnDueDateChange payload, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<FieldError>>(payload.DueDate <= c.PeriodEnd
            ? [new FieldError(nameof(payload.DueDate), Failures.Message(new DueBeforePeriodEnds(c.PeriodEnd)))]
            : []);

    protected override async Task ApplyAsync(TransitionContext context, MonitoringReturn c, ReturnDueDateChange payload, CancellationToken ct)
    {
        c.DueDate = payload.DueDate;
        timetable.Apply(c);
        await AwardSchedule.ReplanTimersAsync(context, registry, c, ct);
    }
}

/// <summary>A reminder whose moment has passed (the app was down until after the due date) is not sent: the overdue notice follows instead.</summary>
public sealed class RemindReturnHandler : TransitionHandler<MonitoringReturn, NoPayload>
{
    public override CaseKind Kind => CaseKind.MonitoringReturn;

    public override IReadOnlyCollection<string> Triggers => [ReturnTriggers.Remind];

    protected override Task<IReadOnlyList<FieldError>> ValidateAsync(TransitionContext context, MonitoringReturn c, NoPayload payload, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<FieldError>>(UkTime.ToUkDate(context.Now) > c.DueDate
            ? [new FieldError("", Failures.Message(new ReminderTooLate(c.DueDate)))]
            : []);

    protected override Task ApplyAsync(TransitionContext context, MonitoringReturn c, NoPayload payload, CancellationToken ct) => Task.CompletedTask;
}
