using GrantsCommissioning.Core.Workflow.Kinds;
using Microsoft.Extensions.DependencyInjection;

namespace GrantsCommissioning.Core.Features.Awards;

public static class AwardsFeature
{
    public static IServiceCollection AddAwards(this IServiceCollection services) => services
        .AddCaseKind<AwardCaseKind>()
        .AddTransitionHandler<AcceptOfferHandler>()
        .AddSingleton<AwardPlanner>()
        .AddSingleton<AwardService>();
}
