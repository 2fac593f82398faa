using FluentValidation;
using GrantsCommissioning.Core.Workflow.Kinds;
using Microsoft.Extensions.DependencyInjection;

namespace GrantsCommissioning.Core.Features.Decisions;

public static class DecisionsFeature
{
    public static IServiceCollection AddDecisions(this IServiceCollection services) => services
        .AddTransitionHandler<DecisionHandler>()
        .AddTransitionHandler<ApprovalHandler>()
        .AddTransitionHandler<SendBackHandler>()
        .AddSingleton<IValidator<ApprovalNote>, ApprovalNoteValidator>()
        .AddSingleton<ApprovalService>()
        .AddSingleton<IValidator<DecisionReasons>, DecisionReasonsValidator>()
        .AddSingleton<DecisionService>()
        .AddSingleton<PublicInterestService>()
        .AddSingleton<DueDiligenceService>()
        .AddSingleton<RelatedAwards>()
        .AddOptions<DecisionOptions>().BindConfiguration(DecisionOptions.SectionName).Services;
}
