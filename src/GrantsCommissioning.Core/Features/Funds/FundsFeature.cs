using FluentValidation;
using Microsoft.Extensions.DependencyInjection;

namespace GrantsCommissioning.Core.Features.Funds;

public static class FundsFeature
{
    public static IServiceCollection AddFunds(this IServiceCollection services) => services
        .AddSingleton<IValidator<FundInput>, FundInputValidator>()
        .AddSingleton<IValidator<BudgetInput>, BudgetInputValidator>()
        .AddSingleton<IValidator<CarryForwardInput>, CarryForwardInputValidator>()
        .AddSingleton<IValidator<VirementInput>, VirementInputValidator>()
        .AddSingleton<IValidator<AllocationTerms>, AllocationTermsValidator>()
        .AddSingleton<FundService>()
        .AddSingleton<BudgetMovements>()
        .AddSingleton<FundFigures>()
        .AddSingleton<AllocationImporter>()
        .AddSingleton<FundDemoLoader>();
}
