using GrantsCommissioning.Core.Features.PaymentRuns;
using GrantsCommissioning.Web.Security;

namespace GrantsCommissioning.Web.Endpoints;

/// <summary>
/// An exported payment run's files for the finance system, for Finance only: the bytes written at export, every time;
/// 404 before export or for no such run. (The finance pages' tables download through <see cref="TableExportEndpoints"/>.)
/// </summary>
internal static class FinanceEndpoints
{
    public static IEndpointRouteBuilder MapFinanceEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/finance/runs/{id:int}/export.{format:regex(^(csv|xlsx)$)}", async (int id, string format, PaymentRunService runs, CancellationToken ct) =>
            await runs.FileAsync(id, format, ct) is { Value: { } file } ? Results.File(file.Content, file.ContentType, file.FileName) : Results.NotFound())
            .RequireAuthorization(Policies.Finance);
        return endpoints;
    }
}
