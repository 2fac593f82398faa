using System.Text;
using GrantsCommissioning.Core.Features.Monitoring;

namespace GrantsCommissioning.Web.Endpoints;

/// <summary>The officer portfolio as CSV, for the roles that see portfolios.</summary>
internal static class MonitoringEndpoints
{
    public static IEndpointRouteBuilder MapMonitoringEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/officer/portfolio.csv", async (string? officer, PortfolioQueries portfolio, CancellationToken ct) =>
            Results.File(Encoding.UTF8.GetBytes(await portfolio.CsvAsync(Components.Pages.Monitoring.Portfolio.Page.QueryFor(officer), ct)), "text/csv", "portfolio.csv"))
            .RequireAuthorization(p => p.RequireRole(MonitoringAccess.PortfolioRoleList));
        return endpoints;
    }
}
