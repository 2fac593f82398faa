using GrantsCommissioning.Core.Workflow;

namespace GrantsCommissioning.Core.Features;

/// <summary>The outcome of a user's action: success, or the errors to show them (field name → message); nothing changed on failure.</summary>
public sealed record FeatureResult<T>(T? Value, IReadOnlyDictionary<string, string> Errors)
{
    public bool Succeeded => Errors.Count == 0;

    public static FeatureResult<T> Ok(T value) => new(value, new Dictionary<string, string>());

    public static FeatureResult<T> Fail(string field, string message) => new(default, new Dictionary<string, string> { [field] = message });

    public static FeatureResult<T> Fail(IReadOnlyDictionary<string, string> errors) => new(default, errors);

    public static FeatureResult<T> From(TransitionResult transition, T value)
    {
        ArgumentNullException.ThrowIfNull(transition);
        if (transition.Succeeded)
        {
            return Ok(value);
        }
        return transition.Errors.Count == 0
            ? Fail("", transition.Message ?? "That action is not possible now.")
            : Fail(transition.Errors.GroupBy(e => e.Field).ToDictionary(g => g.Key, g => g.First().Message));
    }
}

/// <summary>A validation failure found inside a transition's effects; rolls the transition back and reaches the user as a field error.</summary>
public sealed class FeatureValidationException(string field, string message) : Exception(message)
{
    public string Field { get; } = field;
}
