using GrantsCommissioning.Core.Domain;
using Microsoft.Extensions.Options;

namespace GrantsCommissioning.Core.Features.Monitoring;

/// <summary>
/// When a return's reminder, overdue notice and escalation go, counted in England and Wales working days from its due
/// date (see <see cref="MonitoringOptions"/>), each at 9am UK time. The return workflow's timers are anchored on these.
/// </summary>
public sealed class ReturnTimetable(WorkingDays days, IOptions<MonitoringOptions> options)
{
    public static readonly TimeOnly NoticeTime = new(9, 0);

    public void Apply(MonitoringReturn r)
    {
        ArgumentNullException.ThrowIfNull(r);
        var o = options.Value;
        var overdue = days.Add(r.DueDate, o.OverdueWorkingDaysAfter);
        r.RemindAt = At(days.Add(r.DueDate, -o.ReminderWorkingDaysBefore));
        r.OverdueAt = At(overdue);
        r.EscalateAt = At(days.Add(overdue, o.EscalationWorkingDaysAfter));
    }

    /// <summary>The day a return for a period ending on <paramref name="periodEnd"/> is due: a month later.</summary>
    public static DateOnly DueFor(DateOnly periodEnd) => periodEnd.AddMonths(1);

    private static DateTimeOffset At(DateOnly day) => UkTime.FromUkLocal(day, NoticeTime);
}
