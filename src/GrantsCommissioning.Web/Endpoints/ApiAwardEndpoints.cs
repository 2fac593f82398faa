using FluentValidation;
using GrantsCommissioning.Core.Features.Api;

namespace GrantsCommissioning.Web.Endpoints;

/// <summary>Awards for integrations (token with awards:read), by round or fund.</summary>
internal static class ApiAwardEndpoints
{
    public static RouteGroupBuilder MapAwardApi(this RouteGroupBuilder api)
    {
        api.MapGet("/awards", async (int? page, int? pageSize, string? round, string? fund, ApiQueries queries, IValidator<ApiListQuery> validator, CancellationToken ct) =>
            {
                var query = new ApiListQuery(page, pageSize, round, fund);
                return await ApiEndpoints.RefusedAsync(query, validator, ct) ?? ApiEndpoints.Page(await queries.AwardsAsync(query, ct));
            })
            .WithName("ListAwards").WithTags("Integrations").WithSummary("Awards, by funding round or fund")
            .WithDescription("Every award with its recipient, fund, round, amount, dates and workflow state; filter by round reference or fund code. Paged.")
            .RequireApiScope(ApiScopes.AwardsRead).ProducesPage<ApiAward>();
        return api;
    }
}
