using GrantsCommissioning.Core.Features;
using GrantsCommissioning.Core.Features.Api;
using GrantsCommissioning.Web.Infrastructure;

namespace GrantsCommissioning.Web.Endpoints;

/// <summary>
/// The REST API under /api/v1: public reads (rounds, grants) and token-authenticated reads and the status import, each
/// area in its own file. The group is anonymous to the site's cookie sign-in: a token route checks its bearer token with
/// <see cref="ApiScopeFilter"/>. Every list is paged; every error is RFC 7807 problem details.
/// </summary>
internal static class ApiEndpoints
{
    public static IEndpointRouteBuilder MapApiEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api/v1").AllowAnonymous().RequireRateLimiting(ApiHosting.RateLimitPolicy)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        api.MapPublicApi();
        api.MapAwardApi();
        api.MapPaymentApi();
        api.MapReturnApi();
        endpoints.Map("/api/{**rest}", (HttpContext http) => ApiProblems.Of(StatusCodes.Status404NotFound, new NotFound("API route", "See /openapi/v1.json for the routes.")))
            .AllowAnonymous().ExcludeFromDescription();
        endpoints.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();
        return endpoints;
    }

    /// <summary>Token routes: the bearer token checked for <paramref name="scope"/> (401 or 403 with no data otherwise), and 401/403 documented.</summary>
    public static RouteHandlerBuilder RequireApiScope(this RouteHandlerBuilder route, string scope)
    {
        var filter = new ApiScopeFilter(scope);
        return route.AddEndpointFilter(filter).WithMetadata(filter)
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
    }

    /// <summary>A list route's paging and filter documented: 200 with a page, 400 with field errors, 404 for an unknown round or fund.</summary>
    public static RouteHandlerBuilder ProducesPage<T>(this RouteHandlerBuilder route) =>
        route.Produces<ApiPage<T>>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);

    /// <summary>A page of a token list, or its failure (an unknown round or fund: 404).</summary>
    public static IResult Page<T>(FeatureResult<ApiPage<T>> result) => result.Value is { } page ? TypedResults.Ok(page) : ApiProblems.From(result);

    /// <summary>The page's query checked: 400 with the field errors, or null when it is good.</summary>
    public static async Task<IResult?> RefusedAsync(ApiListQuery query, FluentValidation.IValidator<ApiListQuery> validator, CancellationToken ct)
    {
        var validation = await validator.ValidateAsync(query, ct);
        return validation.IsValid ? null : ApiProblems.From(FeatureResult<bool>.Invalid(validation));
    }
}

/// <summary>Checks the request's bearer token for one scope; an accepted caller is left in HttpContext.Items for the handler.</summary>
internal sealed class ApiScopeFilter(string scope) : IEndpointFilter
{
    private static readonly object CallerKey = new();

    public string Scope => scope;

    public static string? Bearer(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        return header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header[7..].Trim() : null;
    }

    public static ApiCaller Caller(HttpContext http) => http.Items[CallerKey] as ApiCaller ?? throw new InvalidOperationException("The route has no API token filter.");

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        http.Response.Headers.CacheControl = "no-store";
        var tokens = http.RequestServices.GetRequiredService<ApiTokens>();
        var check = await tokens.CheckAsync(Bearer(http.Request), scope, $"{http.Request.Method} {http.Request.Path}", http.RequestAborted);
        switch (check.Status)
        {
            case ApiTokenStatus.Accepted:
                http.Items[CallerKey] = check.Caller;
                return await next(context);
            case ApiTokenStatus.ScopeMissing:
                return ApiProblems.Of(StatusCodes.Status403Forbidden, new ApiTokenRefused(check.Status, scope));
            default:
                http.Response.Headers.WWWAuthenticate = check.Status == ApiTokenStatus.Missing ? "Bearer" : "Bearer error=\"invalid_token\"";
                return ApiProblems.Of(StatusCodes.Status401Unauthorized, new ApiTokenRefused(check.Status, scope));
        }
    }
}

/// <summary>Typed failures as RFC 7807 problem details: field errors as a validation problem (400), the rest by kind.</summary>
internal static class ApiProblems
{
    public static IResult Of(int status, Failure failure) => TypedResults.Problem(Failures.Message(failure), statusCode: status);

    public static IResult From<T>(FeatureResult<T> result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return result.Failure switch
        {
            null => TypedResults.ValidationProblem(result.Errors.ToDictionary(e => e.Key, e => new[] { e.Value })),
            ImportRowsRefused f => TypedResults.ValidationProblem(new Dictionary<string, string[]> { [f.Field] = [.. f.Rows] }, Failures.Message(f)),
            NotFound f => Of(StatusCodes.Status404NotFound, f),
            NotAllowed or RoleNeeded => Of(StatusCodes.Status403Forbidden, result.Failure),
            ImportAlreadyTaken or SecondPersonNeeded => Of(StatusCodes.Status409Conflict, result.Failure),
            var f => Of(StatusCodes.Status400BadRequest, f),
        };
    }

    public static Task Write(HttpContext http, int status, Failure failure)
    {
        http.Response.StatusCode = status;
        return http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = http, ProblemDetails = { Status = status, Detail = Failures.Message(failure) },
        }).AsTask();
    }
}
