using System.Text;
using GrantsCommissioning.Core.Features.Monitoring;
using GrantsCommissioning.Web.Components.Workflow;

namespace GrantsCommissioning.Web.Endpoints;

/// <summary>The officer portfolio as CSV, for the roles that see portfolios.</summary>
internal static class MonitoringEndpoints
{
    public static IEndpointRouteBuilder MapMonitoringEndpoints(this IEndpointRouteBuilder endpoints)
    {
        // Without ?officer=, the signed-in officer's own portfolio; ?officer=none for awards with no officer named.
        endpoints.MapGet("/officer/portfolio.csv", async (string? officer, HttpContext context, PortfolioQueries portfolio, CancellationToken ct) =>
        {
            var query = Components.Pages.Monitoring.Portfolio.Page.QueryFor(officer ?? WorkflowActor.From(context.User)?.UserId);
            return Results.File(Encoding.UTF8.GetBytes(await portfolio.CsvAsync(query, ct)), "text/csv", "portfolio.csv");
        })
            .RequireAuthorization(p => p.RequireRole(MonitoringAccess.PortfolioRoleList));
        return endpoints;
    }
}
