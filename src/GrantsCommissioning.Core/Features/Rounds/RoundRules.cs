using System.Globalization;
using System.Text.RegularExpressions;
using GrantsCommissioning.Core.Domain;
using FluentValidation;
using FluentValidation.Results;
using GrantsCommissioning.Core.Features.Organisations;

namespace GrantsCommissioning.Core.Features.Rounds;

/// <summary>A round's terms once the form has been parsed and checked.</summary>
public sealed record RoundTerms(
    string FundCode, string Reference, string Title, string Purpose, string WhoCanApply, DateTimeOffset OpensAt, DateTimeOffset ClosesAt,
    Money MinAward, Money MaxAward, Money Budget, bool ShortForm, IReadOnlyList<OrganisationType> OrganisationTypes, IReadOnlyList<string> Areas,
    IReadOnlyList<string> EligibilityQuestions, int ScoreScale, int AssessorsPerApplication, int DivergenceThreshold,
    IReadOnlyList<(string Title, string Guidance, int Weight)> Criteria, IReadOnlyList<int> ObjectiveNumbers)
{
    /// <summary>Two-stage rounds: when expressions of interest close; null on a single-stage round.</summary>
    public DateTimeOffset? InterestClosesAt { get; init; }
}

/// <summary>An objective of the current Police and Crime Plan that a round may serve.</summary>
public sealed record ObjectiveChoice(int Number, string Heading);

/// <summary>What the fund allows a round: its code and the most one award may be.</summary>
public sealed record FundLimit(string Code, string Name, Money? MaxAward, bool IsSmallFund);

/// <summary>
/// The rules a round's set-up must meet, used by the officer's form and by the demo data loader alike: every field
/// present, closing after opening, awards within the fund's limit, criteria weights summing to 100.
/// </summary>
public static partial class RoundRules
{
    public static readonly IReadOnlyList<int> ScoreScales = [4, 5, 7, 10];

    /// <summary>The form's problems (none when <paramref name="terms"/> holds the parsed round).</summary>
    public static ValidationResult Check(RoundInput input, IReadOnlyList<FundLimit> funds, IReadOnlyList<ObjectiveChoice> objectives, out RoundTerms? terms)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(funds);
        ArgumentNullException.ThrowIfNull(objectives);
        terms = null;
        var context = new ValidationContext<RoundInput>(input);
        context.RootContextData[nameof(FundLimit)] = funds;
        context.RootContextData[nameof(ObjectiveChoice)] = objectives;
        var result = RoundForm.Validate(context);
        if (result.IsValid)
        {
            var criteria = input.Criteria.Where(c => !c.IsBlank).Select(c => (Text(c.Title), Text(c.Guidance), Whole(c.Weight, 1, 100)!.Value)).ToList();
            terms = new RoundTerms(Fund(input, funds)!.Code, Text(input.Reference).ToUpperInvariant(), Text(input.Title), Text(input.Purpose),
                Text(input.WhoCanApply), When(input.OpensDate, input.OpensTime)!.Value, When(input.ClosesDate, input.ClosesTime)!.Value,
                Pounds(input.MinAward)!.Value, Pounds(input.MaxAward)!.Value, Pounds(input.Budget)!.Value, input.Form == "short",
                OrganisationTypesOf(input).Select(t => Enum.Parse<OrganisationType>(t)).ToList(), AreasOf(input), QuestionsOf(input),
                Whole(input.ScoreScale, 1, int.MaxValue)!.Value, Whole(input.AssessorsPerApplication, 1, 5)!.Value,
                Whole(input.DivergenceThreshold, 1, 100)!.Value, criteria, ObjectivesOf(input).Select(o => Whole(o, 1, int.MaxValue)!.Value).ToList())
                { InterestClosesAt = InterestClosesAt(input) };
        }
        return result;
    }

    /// <summary>A new closing time for a published round, with the reason the audit log keeps.</summary>
    public static ValidationResult CheckDeadline(RoundDeadlineInput input, out DateTimeOffset closesAt, out string reason)
    {
        ArgumentNullException.ThrowIfNull(input);
        var result = DeadlineForm.Validate(input);
        closesAt = When(input.ClosesDate, input.ClosesTime) ?? default;
        reason = Text(input.Reason);
        return result;
    }

    private static readonly RoundInputValidator RoundForm = new();
    private static readonly RoundDeadlineInputValidator DeadlineForm = new();

    internal static bool IsTwoStage(RoundInput input) => Text(input.TwoStage) == "yes";

    /// <summary>A two-stage round's expression of interest closing time; null on a single-stage round or when not a time.</summary>
    internal static DateTimeOffset? InterestClosesAt(RoundInput input) =>
        IsTwoStage(input) ? When(input.InterestClosesDate, input.InterestClosesTime) : null;

    internal static FundLimit? Fund(RoundInput input, IReadOnlyList<FundLimit> funds) => funds.FirstOrDefault(f => f.Code == input.Fund?.Trim());

    internal static bool IsReference(string? value) => ReferencePattern().IsMatch(Text(value).ToUpperInvariant());

    internal static IEnumerable<string> OrganisationTypesOf(RoundInput input) => input.OrganisationTypes.Where(t => !string.IsNullOrWhiteSpace(t)).Distinct();

    internal static bool IsOrganisationType(string value) => Enum.TryParse<OrganisationType>(value, out var type) && Enum.IsDefined(type);

    internal static List<string> ObjectivesOf(RoundInput input) => input.Objectives.Where(o => !string.IsNullOrWhiteSpace(o)).Select(o => o.Trim()).Distinct().ToList();

    internal static List<string> AreasOf(RoundInput input) => input.Areas.Where(a => !string.IsNullOrWhiteSpace(a)).Distinct().ToList();

    internal static List<string> QuestionsOf(RoundInput input) =>
        (input.EligibilityQuestions ?? "").Split('\n').Select(q => q.Trim()).Where(q => q.Length > 0).ToList();

    public static string WeightsMessage(int total) => $"The criteria weights must add up to 100%. They add up to {total}%.";

    internal static string Text(string? value) => (value ?? "").Trim();

    /// <summary>A UK local date (yyyy-MM-dd) and time (HH:mm) as an instant; null when either is not one.</summary>
    internal static DateTimeOffset? When(string? date, string? time) =>
        DateOnly.TryParseExact(Text(date), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
        && TimeOnly.TryParseExact(Text(time), ["HH:mm", "H:mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var clock)
            ? UkTime.FromUkLocal(day, clock)
            : null;

    internal static bool IsDate(string? date) => DateOnly.TryParseExact(Text(date), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _);

    internal static Money? Pounds(string? value) => Money.TryParse(value, out var money) && money.Pence > 0 ? money : null;

    internal static int? Whole(string? value, int min, int max) =>
        int.TryParse(Text(value), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= min && n <= max ? n : null;

    [GeneratedRegex("^[A-Z0-9][A-Z0-9-]{2,29}$")]
    private static partial Regex ReferencePattern();
}
