using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Core.Features.Dashboards;
using GrantsCommissioning.Core.Features.FinanceExports;
using GrantsCommissioning.Core.Features.PaymentRuns;
using GrantsCommissioning.Web.Security;

namespace GrantsCommissioning.Web.Endpoints;

/// <summary>
/// Finance downloads, for Finance only: an exported payment run's files (the bytes written at export, every time; 404
/// before export or for no such run) and the finance page's tables as CSV and XLSX.
/// </summary>
internal static class FinanceEndpoints
{
    public static IEndpointRouteBuilder MapFinanceEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/finance/runs/{id:int}/export.{format:regex(^(csv|xlsx)$)}", async (int id, string format, PaymentRunService runs, CancellationToken ct) =>
            await runs.FileAsync(id, format, ct) is { Value: { } file } ? Results.File(file.Content, file.ContentType, file.FileName) : Results.NotFound())
            .RequireAuthorization(Policies.Finance);
        endpoints.MapGet("/finance/export/funds-{year:int}.{format:regex(^(csv|xlsx)$)}", async (int year, string format, DashboardQueries dashboards, CancellationToken ct) =>
        {
            var fy = new FinancialYear(year);
            var funds = (await dashboards.FinanceAsync(fy, ct)).Funds;
            return File(FinanceTable.Of($"Funds {fy}".Replace('/', '-'), ["Fund", "Senior responsible officer", "Budget (GBP)", "Committed (GBP)", "Paid (GBP)", "Committed, not yet paid (GBP)", "Uncommitted (GBP)"],
                funds, f => [f.Name, f.SeniorResponsibleOfficer, f.Budget, f.Committed, f.Paid, f.OutstandingCommitments, f.Uncommitted]), format, $"funds-{year}");
        }).RequireAuthorization(Policies.Finance);
        endpoints.MapGet("/finance/export/payments.{format:regex(^(csv|xlsx)$)}", async (string format, DashboardQueries dashboards, CancellationToken ct) =>
        {
            var payments = (await dashboards.PaymentsNeedingActionAsync(new PaymentListQuery(Take: int.MaxValue), ct)).Items;
            return File(FinanceTable.Of("Payments needing action", ["Payment", "Organisation", "Award", "State", "Hold reason", "Due date", "Amount (GBP)"],
                payments, p => [p.Reference, p.Organisation, p.AwardReference, p.State, p.HoldReason, p.DueDate, p.Amount]), format, "payments-needing-action");
        }).RequireAuthorization(Policies.Finance);
        return endpoints;
    }

    private static IResult File(FinanceTable table, string format, string name) => format == "csv"
        ? Results.File(FinanceTableWriter.Csv(table), FinanceTableWriter.CsvType, name + ".csv")
        : Results.File(FinanceTableWriter.Xlsx(table), FinanceTableWriter.XlsxType, name + ".xlsx");
}
