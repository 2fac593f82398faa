using FluentValidation;
using GrantsCommissioning.Core.Features.Api;

namespace GrantsCommissioning.Web.Endpoints;

/// <summary>The public reads, no token: open funding rounds, and published grants (the 360Giving file's grants, redacted as it is).</summary>
internal static class ApiPublicEndpoints
{
    public static RouteGroupBuilder MapPublicApi(this RouteGroupBuilder api)
    {
        api.MapGet("/rounds", async (int? page, int? pageSize, string? fund, ApiQueries queries, IValidator<ApiListQuery> validator, CancellationToken ct) =>
            {
                var query = new ApiListQuery(page, pageSize, Fund: fund);
                return await ApiEndpoints.RefusedAsync(query, validator, ct) ?? TypedResults.Ok(await queries.OpenRoundsAsync(query, ct));
            })
            .WithName("ListOpenRounds").WithTags("Public").WithSummary("Funding rounds open for applications now")
            .WithDescription("Rounds whose window is open, optionally of one fund (its code); paged.")
            .Produces<ApiPage<ApiRound>>().ProducesValidationProblem();
        api.MapGet("/grants", async (int? page, int? pageSize, string? fund, ApiQueries queries, IValidator<ApiListQuery> validator, CancellationToken ct) =>
            {
                var query = new ApiListQuery(page, pageSize, Fund: fund);
                return await ApiEndpoints.RefusedAsync(query, validator, ct) ?? TypedResults.Ok(await queries.GrantsAsync(query, ct));
            })
            .WithName("ListPublishedGrants").WithTags("Public").WithSummary("Published grants, as in the 360Giving data")
            .WithDescription("Every grant the 360Giving file publishes, with its 360Giving identifier; a sensitive recipient is withheld exactly as in that file. Paged.")
            .Produces<ApiPage<ApiGrant>>().ProducesValidationProblem();
        return api;
    }
}
