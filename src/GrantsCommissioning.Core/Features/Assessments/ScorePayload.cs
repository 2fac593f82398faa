using FluentValidation;
using FluentValidation.Results;
using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Core.Workflow.Kinds;

namespace GrantsCommissioning.Core.Features.Assessments;

/// <summary>One criterion's score as posted, with the justification every score needs (and the criterion's title, for the messages).</summary>
public sealed record CriterionScore(int CriterionId, string? Score, string? Justification, string? Title = null);

/// <summary>An assessor's scores on every criterion, their recommendation and comments (the Score trigger's payload).</summary>
public sealed record ScorePayload(IReadOnlyList<CriterionScore> Scores, string? Recommendation, string? Comments) : ITransitionPayload
{
    public static string ScoreField(int criterionId) => $"Score-{criterionId}";

    public static string JustificationField(int criterionId) => $"Justification-{criterionId}";

    public static readonly IReadOnlyList<Recommendation> Choices = [Domain.Recommendation.Fund, Domain.Recommendation.PartFund, Domain.Recommendation.Defer, Domain.Recommendation.Reject];
}

/// <summary>Each score a whole number with a justification, and a recommendation; the scale is checked against the round by the handler.</summary>
public sealed class ScorePayloadValidator : AbstractValidator<ScorePayload>
{
    public ScorePayloadValidator()
    {
        RuleFor(p => p).Custom((p, context) =>
        {
            foreach (var s in p.Scores)
            {
                if (!int.TryParse(s.Score, out _))
                {
                    context.AddFailure(new ValidationFailure(ScorePayload.ScoreField(s.CriterionId), $"Select a score for {s.Title ?? "this criterion"}."));
                }
                if (string.IsNullOrWhiteSpace(s.Justification) || s.Justification.Trim().Length > 2000)
                {
                    context.AddFailure(new ValidationFailure(ScorePayload.JustificationField(s.CriterionId),
                        $"Write a justification for your score on {s.Title ?? "this criterion"}: what in the application supports it (up to 2,000 characters)."));
                }
            }
        });
        RuleFor(p => p.Recommendation).Must(r => Enum.TryParse<Recommendation>(r, out var v) && ScorePayload.Choices.Contains(v))
            .WithMessage("Select your recommendation.");
        RuleFor(p => p.Comments).Must(c => c is null || c.Length <= 4000).WithMessage("Keep your comments to 4,000 characters.");
    }
}
