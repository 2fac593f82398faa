using Microsoft.Extensions.DependencyInjection;

namespace GrantsCommissioning.Core.Features.Rounds;

public static class RoundsFeature
{
    public static IServiceCollection AddRounds(this IServiceCollection services)
    {
        services.AddSingleton<RoundService>();
        return services;
    }
}
