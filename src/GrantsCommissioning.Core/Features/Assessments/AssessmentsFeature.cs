using GrantsCommissioning.Core.Workflow.Kinds;
using Microsoft.Extensions.DependencyInjection;

namespace GrantsCommissioning.Core.Features.Assessments;

public static class AssessmentsFeature
{
    public static IServiceCollection AddAssessments(this IServiceCollection services) => services
        .AddTransitionHandler<RecommendHandler>();
}
