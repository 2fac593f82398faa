using Quartz;

namespace GrantsCommissioning.Core.Workflow.Timers;

/// <summary>Told after a commit that wrote timers or mail, so the jobs run now rather than at their next poll.</summary>
public interface IWorkflowSignals
{
    void Changed();
}

internal sealed class QuartzWorkflowSignals(ISchedulerFactory schedulers) : IWorkflowSignals
{
    public void Changed() => _ = NudgeAsync();

    private async Task NudgeAsync()
    {
        try
        {
            var scheduler = await schedulers.GetScheduler();
            if (scheduler.Status == SchedulerStatus.Running)
            {
                await scheduler.TriggerJob(WorkflowJobKeys.Materialise, null!, CancellationToken.None);
                await scheduler.TriggerJob(WorkflowJobKeys.Outbox, null!, CancellationToken.None);
            }
        }
#pragma warning disable CA1031 // A nudge is an optimisation: the jobs also poll, so any failure here is harmless.
        catch (Exception)
#pragma warning restore CA1031
        {
        }
    }
}

public static class WorkflowJobKeys
{
    public static readonly JobKey Materialise = new("materialise-timers", "workflow");
    public static readonly JobKey FireTimer = new("fire-timer", "workflow");
    public static readonly JobKey Outbox = new("drain-outbox", "email");
    public const string TimerGroup = "workflow-timers";
    public const string TimerIdKey = "timerId";

    public static TriggerKey ForTimer(long timerId) => new($"timer-{timerId}", TimerGroup);
}
