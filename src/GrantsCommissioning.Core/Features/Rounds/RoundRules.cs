using System.Globalization;
using System.Text.RegularExpressions;
using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Core.Features.Organisations;

namespace GrantsCommissioning.Core.Features.Rounds;

/// <summary>A round's terms once the form has been parsed and checked.</summary>
public sealed record RoundTerms(
    string FundCode, string Reference, string Title, string Purpose, string WhoCanApply, DateTimeOffset OpensAt, DateTimeOffset ClosesAt,
    Money MinAward, Money MaxAward, Money Budget, bool ShortForm, IReadOnlyList<OrganisationType> OrganisationTypes, IReadOnlyList<string> Areas,
    IReadOnlyList<string> EligibilityQuestions, int ScoreScale, int AssessorsPerApplication, int DivergenceThreshold,
    IReadOnlyList<(string Title, string Guidance, int Weight)> Criteria);

/// <summary>What the fund allows a round: its code and the most one award may be.</summary>
public sealed record FundLimit(string Code, string Name, Money? MaxAward, bool IsSmallFund);

/// <summary>
/// The rules a round's set-up must meet, used by the officer's form and by the demo data loader alike: every field
/// present, closing after opening, awards within the fund's limit, criteria weights summing to 100.
/// </summary>
public static partial class RoundRules
{
    public static readonly IReadOnlyList<int> ScoreScales = [4, 5, 7, 10];

    /// <summary>Field name → message; empty when <paramref name="terms"/> holds the parsed round.</summary>
    public static Dictionary<string, string> Check(RoundInput input, IReadOnlyList<FundLimit> funds, out RoundTerms? terms)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(funds);
        terms = null;
        var errors = new Dictionary<string, string>();
        var fund = funds.FirstOrDefault(f => f.Code == input.Fund?.Trim());
        if (fund is null)
        {
            errors[nameof(input.Fund)] = "Select the fund this round belongs to.";
        }
        var reference = Text(input.Reference).ToUpperInvariant();
        if (!ReferencePattern().IsMatch(reference))
        {
            errors[nameof(input.Reference)] = "Enter a reference of 3 to 30 capital letters, digits and hyphens, like CGS-2026-27.";
        }
        var title = Required(errors, nameof(input.Title), input.Title, "Enter the round's title.", 200);
        var purpose = Required(errors, nameof(input.Purpose), input.Purpose, "Enter the round's purpose: what it funds and why.", 2000);
        var who = Required(errors, nameof(input.WhoCanApply), input.WhoCanApply, "Enter who can apply.", 1000);
        var opens = When(errors, nameof(input.OpensDate), input.OpensDate, input.OpensTime, "opening");
        var closes = When(errors, nameof(input.ClosesDate), input.ClosesDate, input.ClosesTime, "closing");
        if (opens is { } o && closes is { } c && c <= o)
        {
            errors[nameof(input.ClosesDate)] = "The closing time must be after the opening time.";
        }
        var min = Pounds(errors, nameof(input.MinAward), input.MinAward, "the smallest award");
        var max = Pounds(errors, nameof(input.MaxAward), input.MaxAward, "the largest award");
        var budget = Pounds(errors, nameof(input.Budget), input.Budget, "the round's budget");
        if (min is { } lo && max is { } hi && hi < lo)
        {
            errors[nameof(input.MaxAward)] = "The largest award must be at least the smallest award.";
        }
        else if (max is { } m && fund?.MaxAward is { } limit && m > limit)
        {
            errors[nameof(input.MaxAward)] = $"The largest award cannot be more than the {fund.Name}'s limit of {limit.ToShortString()}.";
        }
        if (budget is { } b && max is { } most && b < most)
        {
            errors[nameof(input.Budget)] = "The round's budget must be at least the largest award.";
        }
        var shortForm = input.Form switch { "short" => (bool?)true, "standard" => false, _ => null };
        if (shortForm is null)
        {
            errors[nameof(input.Form)] = "Select the short or the standard application form.";
        }
        var types = new List<OrganisationType>();
        foreach (var t in input.OrganisationTypes.Where(t => !string.IsNullOrWhiteSpace(t)).Distinct())
        {
            if (Enum.TryParse<OrganisationType>(t, out var type) && Enum.IsDefined(type))
            {
                types.Add(type);
            }
            else
            {
                errors[nameof(input.OrganisationTypes)] = "Select organisation types from the list.";
            }
        }
        var areas = input.Areas.Where(a => !string.IsNullOrWhiteSpace(a)).Distinct().ToList();
        if (areas.Any(a => !Organisations.OrganisationTypes.Areas.Contains(a)))
        {
            errors[nameof(input.Areas)] = "Select areas from the list.";
        }
        var questions = (input.EligibilityQuestions ?? "").Split('\n').Select(q => q.Trim()).Where(q => q.Length > 0).ToList();
        if (questions.Any(q => q.Length > 300))
        {
            errors[nameof(input.EligibilityQuestions)] = "Each eligibility question must be 300 characters or fewer.";
        }
        var scale = Whole(errors, nameof(input.ScoreScale), input.ScoreScale, 1, int.MaxValue, "Select the score scale.");
        if (scale is { } s && !ScoreScales.Contains(s))
        {
            errors[nameof(input.ScoreScale)] = "Select the score scale.";
        }
        var assessors = Whole(errors, nameof(input.AssessorsPerApplication), input.AssessorsPerApplication, 1, 5,
            "Enter how many assessors score each application, from 1 to 5.");
        var threshold = Whole(errors, nameof(input.DivergenceThreshold), input.DivergenceThreshold, 1, 100,
            "Enter the divergence threshold as a whole number of percentage points from 1 to 100.");
        var criteria = Criteria(errors, input.Criteria);
        if (errors.Count > 0)
        {
            return errors;
        }
        terms = new RoundTerms(fund!.Code, reference, title, purpose, who, opens!.Value, closes!.Value, min!.Value, max!.Value, budget!.Value,
            shortForm!.Value, types, areas, questions, scale!.Value, assessors!.Value, threshold!.Value, criteria);
        return errors;
    }

    /// <summary>A new closing time for a published round, with the reason the audit log keeps.</summary>
    public static Dictionary<string, string> CheckDeadline(RoundDeadlineInput input, out DateTimeOffset closesAt, out string reason)
    {
        ArgumentNullException.ThrowIfNull(input);
        var errors = new Dictionary<string, string>();
        closesAt = When(errors, nameof(input.ClosesDate), input.ClosesDate, input.ClosesTime, "new closing") ?? default;
        reason = Required(errors, nameof(input.Reason), input.Reason, "Enter the reason: it is kept in the audit log.", 1000);
        return errors;
    }

    public static string WeightsMessage(int total) => $"The criteria weights must add up to 100%. They add up to {total}%.";

    private static List<(string, string, int)> Criteria(Dictionary<string, string> errors, IReadOnlyList<CriterionInput> rows)
    {
        var criteria = new List<(string, string, int)>();
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            if (row.IsBlank)
            {
                continue;
            }
            var title = Required(errors, $"Criteria[{i}].Title", row.Title, $"Enter the title of criterion {i + 1}.", 200);
            var guidance = Required(errors, $"Criteria[{i}].Guidance", row.Guidance, $"Enter what assessors look for in criterion {i + 1}.", 1000);
            var weight = Whole(errors, $"Criteria[{i}].Weight", row.Weight, 1, 100, $"Enter the weight of criterion {i + 1} as a whole percentage from 1 to 100.");
            criteria.Add((title, guidance, weight ?? 0));
        }
        if (criteria.Count == 0)
        {
            errors[nameof(RoundInput.Criteria)] = "Enter at least one assessment criterion with its weight.";
        }
        else if (!errors.Keys.Any(k => k.StartsWith("Criteria[", StringComparison.Ordinal)) && criteria.Sum(c => c.Item3) != 100)
        {
            errors[nameof(RoundInput.Criteria)] = WeightsMessage(criteria.Sum(c => c.Item3));
        }
        return criteria;
    }

    private static string Text(string? value) => (value ?? "").Trim();

    private static string Required(Dictionary<string, string> errors, string key, string? value, string message, int max)
    {
        var text = Text(value);
        if (text.Length == 0)
        {
            errors[key] = message;
        }
        else if (text.Length > max)
        {
            errors[key] = $"This must be {max} characters or fewer.";
        }
        return text;
    }

    private static DateTimeOffset? When(Dictionary<string, string> errors, string key, string? date, string? time, string what)
    {
        if (!DateOnly.TryParseExact(Text(date), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            errors[key] = $"Enter the {what} date, like 2026-04-01.";
            return null;
        }
        if (!TimeOnly.TryParseExact(Text(time), ["HH:mm", "H:mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var clock))
        {
            errors[key] = $"Enter the {what} time as hours and minutes, like 12:00 (UK time).";
            return null;
        }
        return UkTime.FromUkLocal(day, clock);
    }

    private static Money? Pounds(Dictionary<string, string> errors, string key, string? value, string what)
    {
        if (!Money.TryParse(value, out var money) || money.Pence <= 0)
        {
            errors[key] = $"Enter {what} in pounds, like 25000.";
            return null;
        }
        return money;
    }

    private static int? Whole(Dictionary<string, string> errors, string key, string? value, int min, int max, string message)
    {
        if (!int.TryParse(Text(value), NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n < min || n > max)
        {
            errors[key] = message;
            return null;
        }
        return n;
    }

    [GeneratedRegex("^[A-Z0-9][A-Z0-9-]{2,29}$")]
    private static partial Regex ReferencePattern();
}
