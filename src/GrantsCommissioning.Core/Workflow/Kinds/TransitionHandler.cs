using FluentValidation;
using GrantsCommissioning.Core.Domain;

namespace GrantsCommissioning.Core.Workflow.Kinds;

/// <summary>A handler for cases <typeparamref name="TCase"/> whose triggers take <typeparamref name="TPayload"/>, validated by its validator when one is registered.</summary>
public abstract class TransitionHandler<TCase, TPayload>(IValidator<TPayload>? validator = null) : ITransitionHandler
    where TCase : WorkflowCaseBase
    where TPayload : class, ITransitionPayload
{
    public abstract CaseKind Kind { get; }

    public abstract IReadOnlyCollection<string> Triggers { get; }

    public Type PayloadType => typeof(TPayload);

    public virtual bool NeedsForm => typeof(TPayload) != typeof(NoPayload);

    public virtual bool LocksOnlyItsCase => false;

    public async Task<IReadOnlyList<FieldError>> ValidateAsync(TransitionContext context, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (Payload(context) is not { } payload)
        {
            return [new FieldError("", "This action needs its form: use the form on the case page.")];
        }
        var errors = new List<FieldError>();
        if (validator is not null)
        {
            var result = await validator.ValidateAsync(payload, ct);
            errors.AddRange(result.Errors.Select(e => new FieldError(e.PropertyName, e.ErrorMessage)));
        }
        errors.AddRange(await ValidateAsync(context, (TCase)context.Case, payload, ct));
        return errors.DistinctBy(e => e.Field).ToList();
    }

    public Task ApplyAsync(TransitionContext context, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(context);
        return ApplyAsync(context, (TCase)context.Case, Payload(context)!, ct);
    }

    /// <summary>Checks that need the database (the payload against the case); empty when there is nothing to check.</summary>
    protected virtual Task<IReadOnlyList<FieldError>> ValidateAsync(TransitionContext context, TCase c, TPayload payload, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<FieldError>>([]);

    protected abstract Task ApplyAsync(TransitionContext context, TCase c, TPayload payload, CancellationToken ct);

    private static TPayload? Payload(TransitionContext context) =>
        context.Request.Payload as TPayload ?? (NoPayload.Instance as TPayload);
}
