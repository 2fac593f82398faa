using GrantsCommissioning.Core.Domain;

namespace GrantsCommissioning.Core.Workflow.Kinds;

/// <summary>Every registered transition handler, by case kind and trigger.</summary>
public sealed class TransitionHandlers
{
    private readonly Dictionary<(CaseKind, string), ITransitionHandler> byTrigger = [];

    public TransitionHandlers(IEnumerable<ITransitionHandler> handlers)
    {
        ArgumentNullException.ThrowIfNull(handlers);
        foreach (var handler in handlers)
        {
            foreach (var trigger in handler.Triggers)
            {
                if (!byTrigger.TryAdd((handler.Kind, trigger), handler))
                {
                    throw new InvalidOperationException($"Two handlers are registered for {handler.Kind} trigger '{trigger}'.");
                }
            }
        }
    }

    public IEnumerable<(CaseKind Kind, string Trigger, ITransitionHandler Handler)> All =>
        byTrigger.Select(p => (p.Key.Item1, p.Key.Item2, p.Value));

    public ITransitionHandler? Find(CaseKind kind, string trigger) => byTrigger.GetValueOrDefault((kind, trigger));

    public bool NeedsForm(CaseKind kind, string trigger) => Find(kind, trigger)?.NeedsForm ?? false;
}
