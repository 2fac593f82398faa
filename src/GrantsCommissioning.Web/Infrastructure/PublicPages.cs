using Microsoft.AspNetCore.Components;

namespace GrantsCommissioning.Web.Infrastructure;

/// <summary>
/// Marks an anonymous page that renders no interactive component and no form that posts: it is rendered without
/// persisted component state (so no antiforgery token, cookie or DataProtection work per request), and an anonymous
/// GET of it may be kept by a shared cache for <see cref="PublicPages.SharedMaxAge"/>. Don't put it on a page with a
/// posting form or an interactive component.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class PublicPageAttribute : Attribute
{
    /// <summary>
    /// The anonymous page's HTML is also kept in memory by <see cref="PublicPageOutputCache"/>: only for a page whose
    /// content depends on nothing but its address, the public data version, the financial year and which rounds are
    /// open now.
    /// </summary>
    public bool OutputCache { get; init; }
}

public static class PublicPages
{
    /// <summary>How long a proxy or browser may reuse an anonymous public page (open/close times shown change by the minute).</summary>
    public static readonly TimeSpan SharedMaxAge = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Public pages get "no render modes configured", which is how Blazor decides to write no persisted state (and so
    /// to create no antiforgery token for it): the convention runs after the framework adds its metadata, and the last
    /// metadata of a type wins. The metadata type is internal to ASP.NET Core, hence reflection; if a later version
    /// renames it, pages simply keep the framework's behaviour (and PublicPageTests say so).
    /// </summary>
    public static RazorComponentsEndpointConventionBuilder WithPublicPages(this RazorComponentsEndpointConventionBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Add(endpoint =>
        {
            if (endpoint.Metadata.OfType<PublicPageAttribute>().Any() && NoRenderModes is { } none)
            {
                endpoint.Metadata.Add(none);
            }
        });
        return builder;
    }

    private static readonly object? NoRenderModes = CreateNoRenderModes();

    private static object? CreateNoRenderModes()
    {
        var type = typeof(RazorComponentsEndpointConventionBuilder).Assembly
            .GetType("Microsoft.AspNetCore.Components.Endpoints.ConfiguredRenderModesMetadata");
        var constructor = type?.GetConstructor([typeof(IComponentRenderMode[])]);
        return constructor?.Invoke([Array.Empty<IComponentRenderMode>()]);
    }

    /// <summary>
    /// An anonymous GET or HEAD of a public page answered 200 without setting a cookie is cacheable by anyone, varying
    /// on the cookie so a signed-in visitor never gets the anonymous copy. The whole response is cached together, so
    /// the CSP nonce in the header still matches the one in the page. Everything else keeps its own headers.
    /// </summary>
    public static IApplicationBuilder UsePublicPageCaching(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if ((HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method))
            && context.GetEndpoint()?.Metadata.GetMetadata<PublicPageAttribute>() is not null
            && context.User.Identity?.IsAuthenticated != true)
        {
            context.Response.OnStarting(() =>
            {
                var response = context.Response;
                if (response.StatusCode == StatusCodes.Status200OK && !response.Headers.ContainsKey("Set-Cookie")
                    && !response.Headers.ContainsKey("Cache-Control"))
                {
                    response.Headers.CacheControl = $"public, max-age={(int)SharedMaxAge.TotalSeconds}";
                    response.Headers.Append("Vary", "Cookie");
                }
                return Task.CompletedTask;
            });
        }
        await next(context);
    });
}
