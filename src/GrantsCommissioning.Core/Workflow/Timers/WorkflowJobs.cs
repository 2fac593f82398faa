using GrantsCommissioning.Core.Email;
using Quartz;

namespace GrantsCommissioning.Core.Workflow.Timers;

[DisallowConcurrentExecution]
internal sealed class MaterialiseTimersJob(TimerMaterialiser materialiser) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) =>
        await materialiser.RunAsync(context.Scheduler, cancellationToken);
}

internal sealed class FireTimerJob(TimerFirer firer) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) =>
        await firer.FireAsync(context.MergedJobDataMap.GetLong(WorkflowJobKeys.TimerIdKey), cancellationToken);
}

[DisallowConcurrentExecution]
internal sealed class DrainOutboxJob(OutboxDispatcher dispatcher) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) =>
        await dispatcher.DrainAsync(cancellationToken);
}
