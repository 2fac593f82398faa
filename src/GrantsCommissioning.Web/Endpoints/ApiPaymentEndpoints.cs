using FluentValidation;
using GrantsCommissioning.Core.Features;
using GrantsCommissioning.Core.Features.Api;
using GrantsCommissioning.Core.Features.PaymentRuns;

namespace GrantsCommissioning.Web.Endpoints;

/// <summary>
/// Payments for integrations (payments:read), by round or fund, and the finance system's payment-status import
/// (payments:status-import): the same CSV, rules, messages and idempotency as the reconciliation page's upload.
/// </summary>
internal static class ApiPaymentEndpoints
{
    public const int MaxImportBytes = 1024 * 1024;

    public static RouteGroupBuilder MapPaymentApi(this RouteGroupBuilder api)
    {
        api.MapGet("/payments", async (int? page, int? pageSize, string? round, string? fund, ApiQueries queries, IValidator<ApiListQuery> validator, CancellationToken ct) =>
            {
                var query = new ApiListQuery(page, pageSize, round, fund);
                return await ApiEndpoints.RefusedAsync(query, validator, ct) ?? ApiEndpoints.Page(await queries.PaymentsAsync(query, ct));
            })
            .WithName("ListPayments").WithTags("Integrations").WithSummary("Payments, by funding round or fund")
            .WithDescription("Every payment with its award, instalment, due date, amount, state, and the date and finance reference once paid. Paged.")
            .RequireApiScope(ApiScopes.PaymentsRead).ProducesPage<ApiPayment>();
        api.MapPost("/payments/status-imports", async (HttpContext http, string? fileName, PaymentStatusImporter importer, CancellationToken ct) =>
            {
                using var buffer = new MemoryStream();
                await http.Request.Body.CopyToAsync(buffer, ct);
                if (buffer.Length > MaxImportBytes)
                {
                    return ApiProblems.Of(StatusCodes.Status413PayloadTooLarge, new Refused("The file must be smaller than 1 MB.", "file"));
                }
                var name = string.IsNullOrWhiteSpace(fileName) ? "api-status-import.csv" : fileName.Trim();
                var result = await importer.ImportAsync(name, buffer.ToArray(), ApiScopeFilter.Caller(http).Actor, ct);
                return result.Value is { } outcome ? TypedResults.Ok(new ApiImportOutcome(outcome.Rows, outcome.Paid, outcome.Mismatches)) : ApiProblems.From(result);
            })
            .WithName("ImportPaymentStatus").WithTags("Integrations").WithSummary("Import the finance system's payment-status CSV")
            .WithDescription("The body is the CSV the reconciliation page takes (Payment reference, Finance reference, Amount (GBP), Paid date). A file with a bad row changes nothing (400, each row named); the same file again is refused (409); rows that do not match are kept for reconciliation.")
            .Accepts<string>("text/csv").RequireApiScope(ApiScopes.PaymentStatusImport)
            .Produces<ApiImportOutcome>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status413PayloadTooLarge);
        return api;
    }
}
