using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Core.Workflow;
using GrantsCommissioning.Core.Workflow.Kinds;

namespace GrantsCommissioning.TestCommon.Workflow;

/// <summary>A payload that runs a test's own code where a handler writes, to prove what a failing handler rolls back.</summary>
public sealed record InjectedWrite(Func<TransitionContext, Task> Write) : ITransitionPayload;

/// <summary>
/// Registered by <see cref="WorkflowTestHost"/> for triggers the product has no handler for: it writes nothing unless the
/// request carries an <see cref="InjectedWrite"/>, so the product's behaviour is unchanged.
/// </summary>
public sealed class FaultInjectionHandler(CaseKind kind, params string[] triggers) : ITransitionHandler
{
    public static readonly (CaseKind Kind, string Trigger)[] Covered =
        [(CaseKind.Application, ApplicationTriggers.StartChecks), (CaseKind.MonitoringReturn, ReturnTriggers.Open)];

    public CaseKind Kind => kind;

    public IReadOnlyCollection<string> Triggers => triggers;

    public Type PayloadType => typeof(NoPayload);

    public bool NeedsForm => false;

    public bool LocksOnlyItsCase => false;

    public Task<IReadOnlyList<FieldError>> ValidateAsync(TransitionContext context, CancellationToken ct) => Task.FromResult<IReadOnlyList<FieldError>>([]);

    public Task ApplyAsync(TransitionContext context, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Request.Payload is InjectedWrite injected ? injected.Write(context) : Task.CompletedTask;
    }
}
