using FluentValidation;
using GrantsCommissioning.Core.Workflow.Kinds;
using Microsoft.Extensions.DependencyInjection;

namespace GrantsCommissioning.Core.Features.Returns;

public static class ReturnsFeature
{
    public static IServiceCollection AddReturns(this IServiceCollection services) => services
        .AddCaseKind<ReturnCaseKind>()
        .AddTransitionHandler<SubmitReturnHandler>()
        .AddTransitionHandler<AcceptReturnHandler>()
        .AddSingleton<IValidator<ReturnSubmission>, ReturnSubmissionValidator>()
        .AddSingleton<ReturnService>()
        .AddSingleton<ReturnReviewService>();
}
