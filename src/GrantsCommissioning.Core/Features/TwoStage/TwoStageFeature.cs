using FluentValidation;
using GrantsCommissioning.Core.Workflow.Kinds;
using Microsoft.Extensions.DependencyInjection;

namespace GrantsCommissioning.Core.Features.TwoStage;

/// <summary>Two-stage rounds: expressions of interest, then full applications by invitation (grant-application v6).</summary>
public static class TwoStageFeature
{
    public static IServiceCollection AddTwoStage(this IServiceCollection services) => services
        .AddTransitionHandler<SubmitInterestHandler>()
        .AddTransitionHandler<InviteHandler>()
        .AddSingleton<IValidator<InterestInput>, InterestInputValidator>()
        .AddSingleton<ExpressionsOfInterest>()
        .AddSingleton<InterestDecisions>()
        .AddSingleton<InterestDemoLoader>();
}
