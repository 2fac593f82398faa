using FluentValidation;
using Microsoft.Extensions.DependencyInjection;

namespace GrantsCommissioning.Core.Features.Retention;

public static class RetentionFeature
{
    public static IServiceCollection AddRetention(this IServiceCollection services) => services
        .AddSingleton<IValidator<RetentionPolicyInput>, RetentionPolicyInputValidator>()
        .AddSingleton<IValidator<LegalHoldInput>, LegalHoldInputValidator>()
        .AddSingleton<IValidator<LiftHoldInput>, LiftHoldInputValidator>()
        .AddSingleton<RetentionService>();
}
