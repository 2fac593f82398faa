using GrantsCommissioning.Core.Workflow.Kinds;
using Microsoft.Extensions.DependencyInjection;

namespace GrantsCommissioning.Core.Features.PaymentRuns;

public static class PaymentRunsFeature
{
    public static IServiceCollection AddPaymentRuns(this IServiceCollection services) => services
        .AddCaseKind<PaymentRunCaseKind>()
        .AddTransitionHandler<AuthoriseRunHandler>()
        .AddTransitionHandler<ExportRunHandler>()
        .AddTransitionHandler<WithdrawRunHandler>()
        .AddSingleton<PaymentRunService>()
        .AddSingleton<PaymentStatusImporter>()
        .AddSingleton<PaymentRunDemoLoader>();
}
