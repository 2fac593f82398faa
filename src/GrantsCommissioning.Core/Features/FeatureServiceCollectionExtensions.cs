using Microsoft.Extensions.DependencyInjection;

namespace GrantsCommissioning.Core.Features;

internal static class FeatureServiceCollectionExtensions
{
    public static IServiceCollection AddFeatureServices(this IServiceCollection services)
    {
        return services;
    }
}
