using FluentValidation;
using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Core.Workflow;
using GrantsCommissioning.Core.Workflow.Kinds;
using Microsoft.EntityFrameworkCore;

namespace GrantsCommissioning.Core.Features.Assessments;

/// <summary>
/// The Score trigger (internal, the assessor's score form): a score on the round's scale and a justification for
/// every criterion; the assessment is then complete. The definition's noConflict guard has already refused an
/// assessor who declared a conflict or has not declared.
/// </summary>
public sealed class ScoreHandler(IValidator<ScorePayload> validator) : TransitionHandler<GrantApplication, ScorePayload>(validator)
{
    public override CaseKind Kind => CaseKind.Application;

    public override IReadOnlyCollection<string> Triggers => [ApplicationTriggers.Score];

    protected override async Task<IReadOnlyList<FieldError>> ValidateAsync(TransitionContext context, GrantApplication application, ScorePayload payload, CancellationToken ct)
    {
        var criteria = await context.Db.Criteria.AsNoTracking().Where(c => c.RoundId == application.RoundId).ToListAsync(ct);
        var errors = new List<FieldError>();
        var given = payload.Scores.Select(s => s.CriterionId).ToHashSet();
        if (!criteria.All(c => given.Contains(c.Id)) || given.Count != criteria.Count)
        {
            errors.Add(new FieldError("", "Score every criterion of the round, and only those."));
        }
        foreach (var s in payload.Scores)
        {
            var c = criteria.FirstOrDefault(x => x.Id == s.CriterionId);
            if (c is not null && int.TryParse(s.Score, out var score) && (score < 0 || score > c.MaxScore))
            {
                errors.Add(new FieldError(ScorePayload.ScoreField(c.Id), $"The score for {c.Title} must be from 0 to {c.MaxScore}."));
            }
        }
        var assessment = await Mine(context, application).AsNoTracking().FirstOrDefaultAsync(ct);
        if (assessment is null || assessment.ReturnedAt is not null)
        {
            errors.Add(new FieldError("", "You are not an assigned assessor of this application."));
        }
        return errors;
    }

    protected override async Task ApplyAsync(TransitionContext context, GrantApplication application, ScorePayload payload, CancellationToken ct)
    {
        var assessment = await Mine(context, application).Include(a => a.Scores).SingleAsync(ct);
        context.Db.RemoveRange(assessment.Scores);
        assessment.Scores.Clear();
        assessment.Scores.AddRange(payload.Scores.Select(s => new AssessmentScore
        {
            CriterionId = s.CriterionId, Score = int.Parse(s.Score!, System.Globalization.CultureInfo.InvariantCulture), Comment = s.Justification!.Trim(),
        }));
        assessment.Recommendation = Enum.Parse<Recommendation>(payload.Recommendation!);
        assessment.Comments = string.IsNullOrWhiteSpace(payload.Comments) ? null : payload.Comments.Trim();
        assessment.CompletedAt = context.Now;
    }

    private static IQueryable<Assessment> Mine(TransitionContext context, GrantApplication application) =>
        context.Db.Assessments.Where(a => a.ApplicationId == application.Id && a.AssessorUserId == context.Actor.UserId);
}
