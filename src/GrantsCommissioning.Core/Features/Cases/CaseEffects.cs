using GrantsCommissioning.Core.Data;
using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Core.Features.Payments;
using GrantsCommissioning.Core.Features.Returns;
using GrantsCommissioning.Core.Workflow;

namespace GrantsCommissioning.Core.Features.Cases;

/// <summary>
/// The domain writes that go with a trigger fired from a case page's generic buttons, owned by each area's service.
/// Triggers that need a form (decisions, paying, submitting a return) are not offered as buttons; see <see cref="NeedsForm"/>.
/// </summary>
public sealed class CaseEffects(PaymentService payments, ReturnService returns)
{
    private static readonly HashSet<string> DecisionTriggers =
        [ApplicationTriggers.Approve, ApplicationTriggers.PartFund, ApplicationTriggers.Defer, ApplicationTriggers.Reject];

    public static bool IsDecision(CaseKind kind, string trigger) => kind == CaseKind.Application && DecisionTriggers.Contains(trigger);

    public static bool NeedsForm(CaseKind kind, string trigger) =>
        IsDecision(kind, trigger)
        || (kind == CaseKind.Application && trigger is ApplicationTriggers.AcceptOffer or ApplicationTriggers.Submit)
        || (kind == CaseKind.Payment && trigger == PaymentTriggers.Pay)
        || (kind == CaseKind.MonitoringReturn && trigger is ReturnTriggers.Submit or ReturnTriggers.Resubmit);

    public Func<GrantsDbContext, IWorkflowCase, CancellationToken, Task>? For(CaseKind kind, string trigger, Actor actor) => kind switch
    {
        CaseKind.Payment => payments.EffectsFor(trigger, actor),
        CaseKind.MonitoringReturn => returns.EffectsFor(trigger, actor),
        CaseKind.Application or CaseKind.Award => null,
    };
}
