using FluentValidation;
using GrantsCommissioning.Core.Workflow.Kinds;
using Microsoft.Extensions.DependencyInjection;

namespace GrantsCommissioning.Core.Features.Payments;

public static class PaymentsFeature
{
    public static IServiceCollection AddPayments(this IServiceCollection services) => services
        .AddCaseKind<PaymentCaseKind>()
        .AddTransitionHandler<MakeReadyHandler>()
        .AddTransitionHandler<AuthoriseHandler>()
        .AddTransitionHandler<PayHandler>()
        .AddSingleton<IValidator<PaymentMade>, PaymentMadeValidator>()
        .AddSingleton<PaymentService>()
        .AddSingleton<PayeeBankDetails>();
}
