using FluentValidation;
using GrantsCommissioning.Core.Features.Api;

namespace GrantsCommissioning.Web.Endpoints;

/// <summary>Monitoring returns for integrations (token with returns:read), by round or fund.</summary>
internal static class ApiReturnEndpoints
{
    public static RouteGroupBuilder MapReturnApi(this RouteGroupBuilder api)
    {
        api.MapGet("/returns", async (int? page, int? pageSize, string? round, string? fund, ApiQueries queries, IValidator<ApiListQuery> validator, CancellationToken ct) =>
            {
                var query = new ApiListQuery(page, pageSize, round, fund);
                return await ApiEndpoints.RefusedAsync(query, validator, ct) ?? ApiEndpoints.Page(await queries.ReturnsAsync(query, ct));
            })
            .WithName("ListReturns").WithTags("Integrations").WithSummary("Monitoring returns, by funding round or fund")
            .WithDescription("Every monitoring return with its award, period, due date, state and when it was submitted and accepted. Paged.")
            .RequireApiScope(ApiScopes.ReturnsRead).ProducesPage<ApiReturn>();
        return api;
    }
}
