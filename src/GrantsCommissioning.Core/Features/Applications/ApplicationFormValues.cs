using System.Globalization;
using FluentValidation;
using FluentValidation.Results;
using GrantsCommissioning.Core.Domain;

namespace GrantsCommissioning.Core.Features.Applications;

/// <summary>What the application form's validators need to know beyond the form: the round, and the national priorities that exist.</summary>
public sealed record ApplicationFormContext(FundingRound Round, IReadOnlySet<int> PriorityIds)
{
    private const string Key = nameof(ApplicationFormContext);

    public IReadOnlySet<int> ObjectiveIds { get; } = Round.Objectives.Select(o => o.Id).ToHashSet();

    /// <summary>Validates <paramref name="input"/> for this round.</summary>
    public ValidationResult Validate<T>(IValidator<T> validator, T input)
    {
        ArgumentNullException.ThrowIfNull(validator);
        var context = new ValidationContext<T>(input);
        context.RootContextData[Key] = this;
        return validator.Validate(context);
    }

    public static ApplicationFormContext Of<T>(ValidationContext<T> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return (ApplicationFormContext)context.RootContextData[Key];
    }
}

/// <summary>
/// How the application form's raw text is read: the validators use these to say what is wrong, and the service the
/// same functions to read what passed, so the two can never disagree.
/// </summary>
public static class ApplicationFormValues
{
    private static readonly string[] DateFormats = ["yyyy-MM-dd", "d/M/yyyy", "d M yyyy", "d-M-yyyy"];

    public static string Text(string? value) => (value ?? "").Trim();

    public static string? TextOrNull(string? value) => Text(value) is { Length: > 0 } text ? text : null;

    public static bool IsBlank(string? value) => string.IsNullOrWhiteSpace(value);

    public static bool IsDate(string? value) => IsBlank(value) || Date(value) is not null;

    public static DateOnly? Date(string? value) =>
        !IsBlank(value) && DateOnly.TryParseExact(value!.Trim(), DateFormats, CultureInfo.GetCultureInfo("en-GB"), DateTimeStyles.None, out var date)
            && date.Year is >= 2000 and <= 2100
            ? date
            : null;

    /// <summary>A positive amount in pounds ("450", "1,200.00"), or null.</summary>
    public static Money? Amount(string? value) => Money.TryParse(value, out var amount) && amount.Pence > 0 ? amount : null;

    /// <summary>A share "0"–"100" (a trailing % allowed); null when it is not one, 0 for blank.</summary>
    public static int? Share(string? value)
    {
        var text = ShareText(value);
        return text.Length == 0 ? 0 : int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var share) && share <= 100 ? share : null;
    }

    public static bool HasShare(string? value) => ShareText(value).Length > 0;

    /// <summary>A whole number greater than 0 ("1,200" allowed), or null.</summary>
    public static int? Count(string? value) =>
        int.TryParse(Text(value).Replace(",", "", StringComparison.Ordinal), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : null;

    /// <summary>A finite number greater than 0 ("1,250.5" allowed), or null.</summary>
    public static double? Target(string? value) =>
        double.TryParse(Text(value).Replace(",", "", StringComparison.Ordinal), NumberStyles.Float, CultureInfo.InvariantCulture, out var t) && t > 0 && !double.IsInfinity(t)
            ? t
            : null;

    /// <summary>An id from a select list, or null.</summary>
    public static int? Id(string? value) => int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;

    /// <summary>"The title must be 200 characters or fewer (it has 204)."</summary>
    public static IRuleBuilderOptions<T, string?> WithinLength<T>(this IRuleBuilder<T, string?> rule, int max, string what) =>
        rule.Must(v => Text(v).Length <= max)
            .WithMessage((_, v) => $"{what} must be {max.ToString(CultureInfo.InvariantCulture)} characters or fewer (it has {Text(v).Length.ToString(CultureInfo.InvariantCulture)}).");

    private static string ShareText(string? value) => Text(value).TrimEnd('%').Trim();
}

/// <summary>The application form's validators, one per section's input model.</summary>
public sealed record ApplicationFormValidators(
    IValidator<ProjectInput> Project, IValidator<BudgetInput> Budget, IValidator<OutcomesInput> Outcomes, IValidator<BeneficiariesInput> Beneficiaries);
