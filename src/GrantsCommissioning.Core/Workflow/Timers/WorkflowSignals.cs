using System.Threading.Channels;
using GrantsCommissioning.Core.Email;
using Microsoft.Extensions.Hosting;
using Quartz;

namespace GrantsCommissioning.Core.Workflow.Timers;

/// <summary>Told after a commit that wrote timers or mail, so the jobs run now rather than at their next poll.</summary>
public interface IWorkflowSignals
{
    void Changed();
}

/// <summary>
/// Wakes the timer materialiser and the outbox in this process, without writing to Quartz's store: asking Quartz to
/// trigger a job is itself a durable write (a trigger row, its firing, its completion), which made every transition
/// cost a dozen fsyncs on quartz.db. Signals coalesce: any number of changes while a pass runs cause one more pass.
/// The Quartz poll jobs still run the same work on their interval, so a lost wake-up only delays it to the next poll.
/// </summary>
internal sealed class InProcessWorkflowSignals(ISchedulerFactory schedulers, TimerMaterialiser materialiser, OutboxDispatcher outbox)
    : BackgroundService, IWorkflowSignals
{
    private readonly Channel<bool> wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1)
    {
        FullMode = BoundedChannelFullMode.DropWrite,
        SingleReader = true,
    });

    public void Changed() => wake.Writer.TryWrite(true);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var _ in wake.Reader.ReadAllAsync(stoppingToken))
        {
            try
            {
                var scheduler = await schedulers.GetScheduler(stoppingToken);
                if (scheduler.Status == SchedulerStatus.Running)
                {
                    await materialiser.RunAsync(scheduler, stoppingToken);
                    await outbox.DrainAsync(stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // A wake-up is an optimisation: the jobs also poll, so any failure here is retried then.
            catch (Exception)
#pragma warning restore CA1031
            {
            }
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
