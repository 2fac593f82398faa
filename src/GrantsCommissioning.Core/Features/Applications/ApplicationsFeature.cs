using FluentValidation;
using GrantsCommissioning.Core.Workflow.Kinds;
using Microsoft.Extensions.DependencyInjection;

namespace GrantsCommissioning.Core.Features.Applications;

public static class ApplicationsFeature
{
    public static IServiceCollection AddApplications(this IServiceCollection services) => services
        .AddCaseKind<ApplicationCaseKind>()
        .AddTransitionHandler<SubmitApplicationHandler>()
        .AddTransitionHandler<ProvideInformationHandler>()
        .AddSingleton<IValidator<ProjectInput>, ProjectInputValidator>()
        .AddSingleton<IValidator<BudgetInput>, BudgetInputValidator>()
        .AddSingleton<IValidator<OutcomesInput>, OutcomesInputValidator>()
        .AddSingleton<IValidator<BeneficiariesInput>, BeneficiariesInputValidator>()
        .AddSingleton<ApplicationFormValidators>()
        .AddSingleton<ApplicationService>()
        .AddSingleton<ApplicationBulkActions>()
        .AddSingleton<IValidator<InformationReplyInput>, InformationReplyValidator>()
        .AddSingleton<InformationRequests>()
        .AddSingleton<InformationRequestDemoLoader>();
}
