using GrantsCommissioning.Core.Data;
using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Core.Workflow.Definitions;

namespace GrantsCommissioning.Core.Workflow;

/// <summary>Works out when each timer of a state is due and adds the timer rows to the caller's transaction.</summary>
internal static class TimerPlanner
{
    public static void CancelPending(IEnumerable<WorkflowTimer> pending, DateTimeOffset now)
    {
        foreach (var timer in pending)
        {
            timer.Status = WorkflowTimerStatus.Cancelled;
            timer.ClosedAt = now;
        }
    }

    public static void ScheduleFor(GrantsDbContext db, WorkflowDefinition d, WorkflowCaseBase c, string state, DateTimeOffset enteredAt, DateTimeOffset now)
    {
        foreach (var timer in d.TimersFor(state))
        {
            if (DueAt(timer, c, enteredAt) is { } due)
            {
                db.WorkflowTimers.Add(new WorkflowTimer
                {
                    CaseKind = c.Kind,
                    CaseId = c.Id,
                    DefinitionId = d.Id,
                    DefinitionVersion = d.Version,
                    State = state,
                    Trigger = timer.Trigger,
                    DueAt = due,
                    CreatedAt = now,
                });
            }
        }
    }

    /// <summary>Null when the anchoring date field is empty (nothing to wait for yet).</summary>
    public static DateTimeOffset? DueAt(TimerDefinition timer, IWorkflowCase c, DateTimeOffset enteredAt)
    {
        ArgumentNullException.ThrowIfNull(timer);
        ArgumentNullException.ThrowIfNull(c);
        if (timer.After is not null)
        {
            return enteredAt + Duration(timer.After);
        }
        var value = CaseDates.Property(c.GetType(), timer.Field!)?.GetValue(c);
        DateTimeOffset? anchor = value switch
        {
            DateOnly date => UkTime.FromUkLocal(date, TimeOnly.MinValue),
            DateTimeOffset instant => instant,
            _ => null,
        };
        return anchor is { } a && timer.Offset is not null ? OffsetInUkTime(a, Duration(timer.Offset)) : anchor;
    }

    // Whole days are added on the UK calendar so "-P7D" stays at midnight across a clock change.
    private static DateTimeOffset OffsetInUkTime(DateTimeOffset anchor, TimeSpan offset)
    {
        var local = UkTime.ToUk(anchor).DateTime;
        return UkTime.FromUkLocal(local.Add(offset));
    }

    private static TimeSpan Duration(string iso) =>
        DefinitionValidator.TryParseDuration(iso, out var d) ? d : throw new InvalidOperationException($"Bad duration '{iso}'.");
}
