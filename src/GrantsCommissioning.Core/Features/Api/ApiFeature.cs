using FluentValidation;
using Microsoft.Extensions.DependencyInjection;

namespace GrantsCommissioning.Core.Features.Api;

public static class ApiFeature
{
    public static IServiceCollection AddApi(this IServiceCollection services) => services
        .AddSingleton<IValidator<ApiTokenInput>, ApiTokenInputValidator>()
        .AddSingleton<IValidator<ApiListQuery>, ApiListQueryValidator>()
        .AddSingleton<ApiTokens>()
        .AddSingleton<ApiQueries>();
}
