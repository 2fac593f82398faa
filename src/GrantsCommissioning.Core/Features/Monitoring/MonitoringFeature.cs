using FluentValidation;
using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Core.Workflow.Kinds;
using Microsoft.Extensions.DependencyInjection;

namespace GrantsCommissioning.Core.Features.Monitoring;

public static class MonitoringFeature
{
    public static IServiceCollection AddMonitoring(this IServiceCollection services)
    {
        services.AddOptions<MonitoringOptions>().BindConfiguration(MonitoringOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        return services
            .AddSingleton(sp => WorkingDays.Load(Path.Combine(sp.GetRequiredService<DataPaths>().SeedDataPath.Value, "bank-holidays", "england-and-wales.json")))
            .AddSingleton<ReturnTimetable>()
            .AddSingleton<IValidator<ReturnDueDateChange>, ReturnDueDateChangeValidator>()
            .AddTransitionHandler<RescheduleReturnHandler>()
            .AddTransitionHandler<RemindReturnHandler>()
            .AddTransitionHandler<RequestChangeHandler>()
            .AddTransitionHandler<ApproveChangeHandler>()
            .AddTransitionHandler<RefuseChangeHandler>()
            .AddTransitionHandler<EndGrantPeriodHandler>()
            .AddTransitionHandler<CloseAwardHandler>()
            .AddSingleton<IValidator<ChangeRequestInput>, ChangeRequestInputValidator>()
            .AddSingleton<IValidator<ChangeRequestFormInput>, ChangeRequestFormInputValidator>()
            .AddSingleton<IValidator<RatingInput>, RatingInputValidator>()
            .AddSingleton<AwardOversightService>()
            .AddSingleton<ChangeRequestService>()
            .AddSingleton<PortfolioQueries>()
            .AddSingleton<CloseOut>()
            .AddHostedService<CloseOutSweepService>();
    }
}
