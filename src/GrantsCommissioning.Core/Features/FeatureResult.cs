using FluentValidation.Results;
using GrantsCommissioning.Core.Workflow;

namespace GrantsCommissioning.Core.Features;

/// <summary>
/// The outcome of a user's action: success, or what to show them (field name → message), with the typed
/// <see cref="Failure"/> when it was not a field's validation; nothing changed on failure.
/// </summary>
public sealed record FeatureResult<T>(T? Value, IReadOnlyDictionary<string, string> Errors)
{
    public bool Succeeded => Errors.Count == 0;

    /// <summary>The failure, when the action failed for a reason other than the form's fields.</summary>
    public Failure? Failure { get; init; }

    public static FeatureResult<T> Ok(T value) => new(value, new Dictionary<string, string>());

    public static FeatureResult<T> Fail(Failure failure)
    {
        ArgumentNullException.ThrowIfNull(failure);
        return new(default, new Dictionary<string, string> { [failure.Field] = Failures.Message(failure) }) { Failure = failure };
    }

    public static FeatureResult<T> Fail(IReadOnlyDictionary<string, string> errors) => new(default, errors);

    /// <summary>An input model's validation failures, the first message per field (as the form shows them).</summary>
    public static FeatureResult<T> Invalid(ValidationResult validation)
    {
        ArgumentNullException.ThrowIfNull(validation);
        return Fail(validation.Errors.GroupBy(e => e.PropertyName).ToDictionary(g => g.Key, g => g.First().ErrorMessage));
    }

    /// <summary>A transition that did not happen, as the user sees it: its field errors, or its message.</summary>
    public static FeatureResult<T> Fail(TransitionResult transition)
    {
        ArgumentNullException.ThrowIfNull(transition);
        return transition.Errors.Count == 0
            ? Fail(new Refused(transition.Message ?? "That action is not possible now."))
            : Fail(transition.Errors.GroupBy(e => e.Field).ToDictionary(g => g.Key, g => g.First().Message));
    }

    public static FeatureResult<T> From(TransitionResult transition, T value)
    {
        ArgumentNullException.ThrowIfNull(transition);
        if (transition.Succeeded)
        {
            return Ok(value);
        }
        return Fail(transition);
    }
}

/// <summary>A validation failure found inside a transition's effects; rolls the transition back and reaches the user as a field error.</summary>
public sealed class FeatureValidationException(string field, string message) : Exception(message)
{
    public string Field { get; } = field;
}
