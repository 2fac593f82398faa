using FluentValidation;
using GrantsCommissioning.Core.Workflow.Kinds;
using Microsoft.Extensions.DependencyInjection;

namespace GrantsCommissioning.Core.Features.Assessments;

public static class AssessmentsFeature
{
    public static IServiceCollection AddAssessments(this IServiceCollection services) => services
        .AddTransitionHandler<RecommendHandler>()
        .AddTransitionHandler<ScoreHandler>()
        .AddSingleton<IValidator<ScorePayload>, ScorePayloadValidator>()
        .AddSingleton<IValidator<InterestInput>, InterestInputValidator>()
        .AddSingleton<InterestService>()
        .AddSingleton<AssignmentService>()
        .AddSingleton<AssessorService>()
        .AddSingleton<ModerationService>()
        .AddSingleton<RankingActions>()
        .AddSingleton<FundingLineDemoLoader>()
        .AddSingleton<AssessmentReminders>()
        .AddHostedService<AssessmentReminderService>();
}
