using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Core.Features.Panel;
using GrantsCommissioning.Web.Components.Pages.Panel;
using Microsoft.AspNetCore.Authorization;

namespace GrantsCommissioning.Web.Endpoints;

/// <summary>The published Panel reports' Word documents (public) and the officers' preview of a quarter's report as it stands.</summary>
internal static class PanelReportEndpoints
{
    private const string Docx = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    public static IEndpointRouteBuilder MapPanelReportEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/transparency/panel-reports/{id:int}/document", async (int id, PanelReportService reports, CancellationToken ct) =>
            await reports.DocumentAsync(id, ct) is { } doc ? Results.File(doc.Document, Docx, doc.FileName) : Results.NotFound())
            .AllowAnonymous();
        endpoints.MapGet("/panel/reports/{year:int}/{quarter:int}/preview", async (int year, int quarter, PanelReportService reports, TimeProvider clock,
                CancellationToken ct) =>
            {
                // The quarters the report pages accept: a real quarter that has begun.
                if (PanelReportPages.FromRoute(year, quarter, clock.GetUtcNow()) is not { } q)
                {
                    return Results.NotFound();
                }
                return await reports.PreviewAsync(q, ct) is { } bytes
                    ? Results.File(bytes, Docx, $"panel-report-{year}-q{quarter}-draft.docx")
                    : Results.NotFound();
            })
            .RequireAuthorization(new AuthorizeAttribute { Roles = PanelReportPages.StaffRoles });
        return endpoints;
    }
}
