using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Core.Features.Transparency;

namespace GrantsCommissioning.Web.Endpoints;

/// <summary>
/// The public data files: the 360Giving package (JSON) and spreadsheet (CSV, XLSX), and the grants and spending
/// registers as CSV and XLSX (filtered as the page is). All come from <see cref="PublicRegisters"/>, so all are redacted.
/// </summary>
internal static class TransparencyEndpoints
{
    public static IEndpointRouteBuilder MapTransparencyEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/transparency/360giving.json", async (ThreeSixtyGiving giving, CancellationToken ct) =>
            Results.File(await giving.JsonAsync(ct), "application/json", "360giving.json")).AllowAnonymous();
        endpoints.MapGet("/transparency/360giving.{format:regex(^(csv|xlsx)$)}", async (string format, ThreeSixtyGiving giving, CancellationToken ct) =>
            Download(await giving.TableAsync(ct), "360giving", format)).AllowAnonymous();
        endpoints.MapGet("/transparency/grants.{format:regex(^(csv|xlsx)$)}",
            async (string format, int? year, string? fund, int? objective, string? q, PublicRegisters registers, CancellationToken ct) =>
                Download(RegisterTables.Grants(registers.Matching(await registers.AllGrantsAsync(ct), Filter(year, fund, objective, q))), "grants", format))
            .AllowAnonymous();
        endpoints.MapGet("/transparency/spending.{format:regex(^(csv|xlsx)$)}",
            async (string format, int? year, string? q, PublicRegisters registers, CancellationToken ct) =>
                Download(RegisterTables.Payments(registers.MatchingPayments(await registers.AllPaymentsAsync(ct), Filter(year, null, null, q))), "spending", format))
            .AllowAnonymous();
        return endpoints;
    }

    /// <summary>The register filter from a page's or download's query (an impossible year is no filter).</summary>
    public static RegisterFilter Filter(int? year, string? fund, int? objective, string? q) =>
        new(year is >= 2000 and <= 2100 ? new FinancialYear(year.Value) : null, string.IsNullOrWhiteSpace(fund) ? null : fund.Trim(),
            objective is > 0 and < 100 ? objective : null, string.IsNullOrWhiteSpace(q) ? null : q.Trim());

    private static IResult Download(Table table, string name, string format) => format == "csv"
        ? Results.File(TableFile.Csv(table), TableFile.CsvType, name + ".csv")
        : Results.File(TableFile.Xlsx(table), TableFile.XlsxType, name + ".xlsx");
}
