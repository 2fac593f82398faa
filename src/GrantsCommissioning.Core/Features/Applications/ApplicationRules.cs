using System.Globalization;
using GrantsCommissioning.Core.Domain;

namespace GrantsCommissioning.Core.Features.Applications;

/// <summary>What a complete application needs, section by section; used for the task list, the review page and on submit.</summary>
internal static class ApplicationRules
{
    public const int TitleMax = 200;
    public const int SummaryMax = 4000;
    public const int TextMax = 2000;

    public static IReadOnlyList<SectionState> Check(GrantApplication a, FundingRound round)
    {
        var result = new List<SectionState>();
        foreach (var (key, title) in ApplicationSections.For(round.UsesShortForm))
        {
            var errors = key switch
            {
                ApplicationSections.Project => Project(a, round),
                ApplicationSections.Budget => Budget(a, round),
                ApplicationSections.Outcomes => round.UsesShortForm ? SingleObjective(a) : Outcomes(a),
                ApplicationSections.Beneficiaries => Beneficiaries(a),
                ApplicationSections.Declarations => a.DeclarationsAccepted
                    ? new Dictionary<string, string>()
                    : new Dictionary<string, string> { ["Accept"] = "Confirm the declarations to submit your application." },
                _ => throw new InvalidOperationException(key),
            };
            var status = errors.Count == 0 ? SectionStatus.Completed : Started(a, key) ? SectionStatus.InProgress : SectionStatus.NotStarted;
            result.Add(new SectionState(key, title, status, errors));
        }
        return result;
    }

    public static Dictionary<string, string> Section(GrantApplication a, FundingRound round, string key) =>
        new(Check(a, round).First(s => s.Key == key).Errors);

    private static bool Started(GrantApplication a, string key) => key switch
    {
        ApplicationSections.Project => !string.IsNullOrWhiteSpace(a.ProjectTitle) || !string.IsNullOrWhiteSpace(a.Summary) || a.ProjectStart is not null,
        ApplicationSections.Budget => a.BudgetLines.Count > 0,
        ApplicationSections.Outcomes => a.Objectives.Count > 0 || a.Indicators.Count > 0,
        ApplicationSections.Beneficiaries => !string.IsNullOrWhiteSpace(a.Beneficiaries) || a.BeneficiaryCount is not null || !string.IsNullOrWhiteSpace(a.AreaServed),
        _ => false,
    };

    private static Dictionary<string, string> Project(GrantApplication a, FundingRound round)
    {
        var e = new Dictionary<string, string>();
        if (string.IsNullOrWhiteSpace(a.ProjectTitle))
        {
            e[nameof(ProjectInput.ProjectTitle)] = "Enter the title of your project.";
        }
        if (string.IsNullOrWhiteSpace(a.Summary))
        {
            e[nameof(ProjectInput.Summary)] = "Describe your project and how it will reduce crime or support victims.";
        }
        if (round.UsesShortForm)
        {
            if (a.AmountRequestedPence <= 0)
            {
                e[nameof(ProjectInput.AmountRequested)] = "Enter the amount you are asking for.";
            }
            else if (AmountProblem(new Money(a.AmountRequestedPence), round) is { } problem)
            {
                e[nameof(ProjectInput.AmountRequested)] = problem;
            }
            return e;
        }
        if (a.ProjectStart is null)
        {
            e[nameof(ProjectInput.ProjectStart)] = "Enter the date the project starts.";
        }
        if (a.ProjectEnd is null)
        {
            e[nameof(ProjectInput.ProjectEnd)] = "Enter the date the project ends.";
        }
        return e;
    }

    public static string? AmountProblem(Money amount, FundingRound round) =>
        amount.Pence > round.MaxAwardPence ? $"The amount must be {round.MaxAward.ToShortString()} or less: the most this round awards."
        : amount.Pence < round.MinAwardPence ? $"The amount must be at least {round.MinAward.ToShortString()}: the least this round awards."
        : null;

    private static Dictionary<string, string> Budget(GrantApplication a, FundingRound round)
    {
        var e = new Dictionary<string, string>();
        if (a.BudgetLines.Count == 0)
        {
            e["Lines"] = "Add at least one budget line: what the money will be spent on.";
            return e;
        }
        var lines = a.BudgetLines.OrderBy(l => l.Order).ToList();
        for (var i = 0; i < lines.Count; i++)
        {
            var n = (i + 1).ToString(CultureInfo.InvariantCulture);
            if (string.IsNullOrWhiteSpace(lines[i].Description))
            {
                e[$"Lines[{i}].Description"] = $"Describe what budget line {n} pays for.";
            }
            if (string.IsNullOrWhiteSpace(lines[i].Category))
            {
                e[$"Lines[{i}].Category"] = $"Select the type of cost for budget line {n}.";
            }
            if (lines[i].AmountPence <= 0)
            {
                e[$"Lines[{i}].Amount"] = $"Enter the cost of budget line {n}.";
            }
        }
        var total = new Money(a.BudgetLines.Sum(l => l.AmountPence));
        if (AmountProblem(total, round) is { } problem)
        {
            e["Lines"] = $"Your budget totals {total}. {problem}";
        }
        return e;
    }

    private static Dictionary<string, string> Outcomes(GrantApplication a)
    {
        var e = new Dictionary<string, string>();
        if (a.Objectives.Count == 0)
        {
            e["Objectives"] = "Link your project to at least one plan objective, giving the share of the grant for each.";
        }
        else if (a.Objectives.Sum(o => o.SharePercent) is var sum && sum != 100)
        {
            e["Objectives"] = $"The shares add up to {sum.ToString(CultureInfo.InvariantCulture)}%; they must add up to 100%.";
        }
        if (a.Indicators.Count == 0)
        {
            e["Indicators"] = "Add at least one indicator with a target: how you will measure what the project achieves.";
        }
        var indicators = a.Indicators.ToList();
        for (var i = 0; i < indicators.Count; i++)
        {
            var n = (i + 1).ToString(CultureInfo.InvariantCulture);
            if (string.IsNullOrWhiteSpace(indicators[i].Name))
            {
                e[$"Indicators[{i}].Name"] = $"Enter what indicator {n} measures.";
            }
            if (string.IsNullOrWhiteSpace(indicators[i].Unit))
            {
                e[$"Indicators[{i}].Unit"] = $"Enter the unit of indicator {n}, like people or sessions.";
            }
            if (indicators[i].Target <= 0)
            {
                e[$"Indicators[{i}].Target"] = $"Enter a target for indicator {n} greater than 0.";
            }
        }
        return e;
    }

    private static Dictionary<string, string> SingleObjective(GrantApplication a) =>
        a.Objectives.Count == 1 ? new Dictionary<string, string>()
            : new Dictionary<string, string> { [nameof(OutcomesInput.SingleObjectiveId)] = "Select the plan objective your project helps to deliver." };

    private static Dictionary<string, string> Beneficiaries(GrantApplication a)
    {
        var e = new Dictionary<string, string>();
        if (string.IsNullOrWhiteSpace(a.Beneficiaries))
        {
            e[nameof(BeneficiariesInput.Beneficiaries)] = "Describe who will benefit from the project.";
        }
        if (a.BeneficiaryCount is null or <= 0)
        {
            e[nameof(BeneficiariesInput.BeneficiaryCount)] = "Enter how many people will benefit.";
        }
        if (string.IsNullOrWhiteSpace(a.AreaServed))
        {
            e[nameof(BeneficiariesInput.AreaServed)] = "Select the area the project serves.";
        }
        return e;
    }
}
