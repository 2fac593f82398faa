using Microsoft.Extensions.DependencyInjection;

namespace GrantsCommissioning.Core.Features.Transparency;

public static class TransparencyFeature
{
    public static IServiceCollection AddTransparency(this IServiceCollection services) => services
        .AddSingleton<PublicRegisters>()
        .AddSingleton<ThreeSixtyGiving>()
        .AddSingleton<SensitiveRecipients>();
}
