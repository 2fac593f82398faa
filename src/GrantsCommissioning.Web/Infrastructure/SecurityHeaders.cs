using System.Security.Cryptography;

namespace GrantsCommissioning.Web.Infrastructure;

/// <summary>
/// Security headers on every response, redirects and error pages included: registered as a start-up filter so it wraps
/// the whole pipeline, including the authentication and authorization middleware that answer with sign-in redirects.
/// Inline scripts (the import map) run only with this request's nonce; no 'unsafe-inline' for scripts.
/// </summary>
internal static class SecurityHeaders
{
    internal const string NonceKey = "GrantsCommissioning.CspNonce";

    /// <summary>This request's script nonce, for the nonce attribute of any inline script the page renders.</summary>
    public static string Nonce(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Items[NonceKey] as string ?? "";
    }

    public static string Policy(string nonce) =>
        $"default-src 'self'; script-src 'self' 'nonce-{nonce}'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
        "connect-src 'self'; font-src 'self' data:; frame-ancestors 'none'; form-action 'self'; base-uri 'self'; object-src 'none'";

    public static IServiceCollection AddSecurityHeaders(this IServiceCollection services) =>
        services.AddTransient<IStartupFilter, StartupFilter>();

    private static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        // Hex, not base64: Razor encodes "+" and "=" in attributes, so a base64 nonce would differ, as text, from the header.
        var nonce = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(18));
        context.Items[NonceKey] = nonce;
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers["X-Content-Type-Options"] = "nosniff";
            headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
            headers["X-Frame-Options"] = "DENY";
            headers["Content-Security-Policy"] = Policy(nonce);
            if (context.User.Identity?.IsAuthenticated == true && !headers.ContainsKey("Cache-Control"))
            {
                headers.CacheControl = "no-store";
            }
            return Task.CompletedTask;
        });
        await next(context);
    });

    private sealed class StartupFilter : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.UseSecurityHeaders();
            next(app);
        };
    }
}
