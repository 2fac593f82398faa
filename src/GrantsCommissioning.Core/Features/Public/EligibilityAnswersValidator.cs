using FluentValidation;
using GrantsCommissioning.Core.Domain;

namespace GrantsCommissioning.Core.Features.Public;

/// <summary>An applicant's yes/no answers (rule id → answer) to a round's eligibility questions.</summary>
public sealed record EligibilityAnswers(IReadOnlyList<EligibilityRule> Rules, IReadOnlyDictionary<int, bool?> Answers);

/// <summary>Every question answered, each unanswered one named by its number and text against its own field ("q&lt;id&gt;").</summary>
public sealed class EligibilityAnswersValidator : AbstractValidator<EligibilityAnswers>
{
    public EligibilityAnswersValidator() =>
        RuleFor(a => a.Answers).Custom((answers, context) =>
        {
            var rules = context.InstanceToValidate.Rules;
            for (var i = 0; i < rules.Count; i++)
            {
                if (answers.GetValueOrDefault(rules[i].Id) is null)
                {
                    context.AddFailure($"q{rules[i].Id}", $"Answer question {i + 1}: {rules[i].Question}");
                }
            }
        });
}
