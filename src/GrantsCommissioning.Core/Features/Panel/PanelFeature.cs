using Microsoft.Extensions.DependencyInjection;

namespace GrantsCommissioning.Core.Features.Panel;

public static class PanelFeature
{
    public static IServiceCollection AddPanelReporting(this IServiceCollection services) => services
        .AddSingleton<PanelReportBuilder>()
        .AddSingleton<PanelReportService>()
        .AddSingleton<MeasureReadings>();
}
