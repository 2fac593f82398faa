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
        .AddTransitionHandler<HoldHandler>()
        .AddTransitionHandler<ReleaseHandler>()
        .AddTransitionHandler<RecoverHandler>()
        .AddTransitionHandler<TerminateAwardHandler>()
        .AddSingleton<IValidator<PaymentMade>, PaymentMadeValidator>()
        .AddSingleton<IValidator<RecoveryRaised>, RecoveryRaisedValidator>()
        .AddSingleton<IValidator<TerminationDecision>, TerminationDecisionValidator>()
        .AddSingleton<PaymentService>()
        .AddSingleton<PaymentSuspensions>()
        .AddSingleton<PaymentSchedules>()
        .AddSingleton<ScheduleDemoLoader>()
        .AddSingleton<RecoveryReceipts>()
        .AddSingleton<IValidator<RecoveryReceiptInput>, RecoveryReceiptInputValidator>()
        .AddSingleton<AwardTermination>()
        .AddSingleton<BankDetailsVerification>()
        .AddSingleton<PayeeBankDetails>();
}
