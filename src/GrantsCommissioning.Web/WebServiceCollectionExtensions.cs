using GrantsCommissioning.Core.Configuration;
using GrantsCommissioning.Core.Data;
using GrantsCommissioning.Core.Features.Accounts;
using GrantsCommissioning.Web.Components.Account;
using GrantsCommissioning.Web.Infrastructure;
using GrantsCommissioning.Web.Security;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Radzen;

namespace GrantsCommissioning.Web;

public static class WebServiceCollectionExtensions
{
    /// <summary>
    /// PBKDF2 iterations for password hashes (Identity's V3 format, HMAC-SHA512): OWASP's 2023 figure for HMAC-SHA256, above
    /// its 210,000 for HMAC-SHA512.
    /// </summary>
    public const int PasswordHashIterations = 600_000;

    public static IServiceCollection AddWebServices(this IServiceCollection services)
    {
        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddRadzenComponents();
        services.AddCascadingAuthenticationState();
        services.AddScoped<IdentityRedirectManager>();
        services.AddScoped<AuthenticationStateProvider, IdentityRevalidatingAuthenticationStateProvider>();

        services.AddAuthentication(options =>
            {
                options.DefaultScheme = IdentityConstants.ApplicationScheme;
                options.DefaultSignInScheme = IdentityConstants.ExternalScheme;
            })
            .AddIdentityCookies();
        services.ConfigureApplicationCookie(cookie =>
        {
            cookie.Cookie.Name = "__Host-GrantsCommissioning";
            cookie.Cookie.HttpOnly = true;
            cookie.Cookie.SecurePolicy = CookieSecurePolicy.Always;
            cookie.Cookie.SameSite = SameSiteMode.Lax;
            cookie.LoginPath = "/Account/Login";
            cookie.AccessDeniedPath = "/Account/AccessDenied";
            cookie.ExpireTimeSpan = TimeSpan.FromHours(8);
            cookie.SlidingExpiration = true;
            cookie.Events.OnValidatePrincipal = Sessions.ValidatePrincipalAsync;
        });
        services.AddSingleton<IAuthorizationMiddlewareResultHandler, StaffTwoStepGate>();
        services.AddAuthorization(Policies.Add);
        // One key ring for every node, in the app's own database.
        services.AddSharedKeyRing();
        services.AddAntiforgery(o => o.HeaderName = "RequestVerificationToken");
        services.AddOptions<AntiforgeryOptions>().Configure<IHostEnvironment>(SecureAntiforgeryCookie);
        services.AddHsts(o => o.MaxAge = TimeSpan.FromDays(365));
        services.AddSecurityHeaders();
        services.AddSingleton<PublicPageOutputCache>();

        services.AddIdentityCore<ApplicationUser>(options =>
            {
                options.SignIn.RequireConfirmedAccount = true;
                options.Stores.SchemaVersion = IdentitySchemaVersions.Version3;
                options.User.RequireUniqueEmail = true;
                options.Password.RequiredLength = Components.Account.PasswordRules.MinimumLength;
                options.Password.RequireDigit = false;
                options.Password.RequireLowercase = false;
                options.Password.RequireUppercase = false;
                options.Password.RequireNonAlphanumeric = false;
                options.Password.RequiredUniqueChars = 1;
                options.Lockout.AllowedForNewUsers = true;
                options.Lockout.MaxFailedAccessAttempts = 5;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
            })
            .AddRoles<IdentityRole>()
            .AddPasswordValidator<CommonPasswordValidator>()
            .AddGrantsStores()
            .AddUserManager<GrantsUserManager>()
            .AddSignInManager<GrantsSignInManager>()
            .AddClaimsPrincipalFactory<Components.Account.GrantsClaimsPrincipalFactory>()
            .AddDefaultTokenProviders()
            .AddTokenProvider<OneUseAuthenticatorTokenProvider>(TokenOptions.DefaultAuthenticatorProvider);
        services.Configure<PasswordHasherOptions>(o =>
        {
            o.CompatibilityMode = PasswordHasherCompatibilityMode.IdentityV3;
            o.IterationCount = PasswordHashIterations;
        });
        services.AddSingleton<OutboxEmailSender>();
        services.AddSingleton<IEmailSender<ApplicationUser>>(sp => sp.GetRequiredService<OutboxEmailSender>());
        services.AddScoped<Components.Account.AccountEmails>();
        services.AddSingleton<Components.Account.PublicLinks>();
        services.AddSingleton<Components.Account.PublicBaseUrlValidator>();
        services.AddSingleton<IPostConfigureOptions<GrantsOptions>>(sp => sp.GetRequiredService<Components.Account.PublicBaseUrlValidator>());
        services.AddSingleton<IValidateOptions<GrantsOptions>>(sp => sp.GetRequiredService<Components.Account.PublicBaseUrlValidator>());
        services.AddSingleton<Infrastructure.StartupTasks>();
        services.AddApiHosting();
        return services;
    }

    /// <summary>
    /// Outside Development the site is served over HTTPS, so the antiforgery cookie is Secure with the __Host- prefix
    /// (this host only, path /), like the sign-in cookie. Antiforgery refuses to work over plain HTTP with a Secure
    /// cookie, so Development (http://localhost) keeps a cookie that is Secure only when the request is.
    /// </summary>
    private static void SecureAntiforgeryCookie(AntiforgeryOptions options, IHostEnvironment environment)
    {
        options.Cookie.Path = "/";
        if (environment.IsDevelopment())
        {
            options.Cookie.Name = "GrantsCommissioning.Antiforgery";
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        }
        else
        {
            options.Cookie.Name = "__Host-GrantsCommissioning.Antiforgery";
            options.Cookie.SecurePolicy = CookieSecurePolicy.Always;
        }
    }
}
