using GrantsCommissioning.Core.Configuration;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;

namespace GrantsCommissioning.Web.Components.Account;

/// <summary>
/// Absolute links to this site for emails, built from <see cref="GrantsOptions.PublicBaseUrl"/>. Never from the
/// request: its Host header is whatever the caller sent, and a reset link to the caller's host hands them the code.
/// </summary>
public sealed class PublicLinks(IOptions<GrantsOptions> options)
{
    private readonly Uri _base = new(PublicBaseUrlValidator.WithTrailingSlash(options.Value.PublicBaseUrl!));

    /// <summary>The absolute address of <paramref name="page"/> (relative to the site, e.g. "Account/Login"), with <paramref name="query"/>.</summary>
    public string To(string page, IEnumerable<KeyValuePair<string, string?>>? query = null)
    {
        var uri = new Uri(_base, page.TrimStart('/')).AbsoluteUri;
        return query is null ? uri : QueryHelpers.AddQueryString(uri, query.Where(q => q.Value is not null));
    }
}

/// <summary>
/// Grants:PublicBaseUrl must be an absolute http(s) address outside Development (where it defaults to the address the
/// app runs on), and AllowedHosts must admit its host, so requests naming any other host are refused.
/// </summary>
internal sealed class PublicBaseUrlValidator(IHostEnvironment environment, IConfiguration configuration) : IValidateOptions<GrantsOptions>, IPostConfigureOptions<GrantsOptions>
{
    public const string DevelopmentDefault = "http://localhost:5110/";

    public void PostConfigure(string? name, GrantsOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.PublicBaseUrl) && environment.IsDevelopment())
        {
            options.PublicBaseUrl = DevelopmentDefault;
        }
    }

    public ValidateOptionsResult Validate(string? name, GrantsOptions options)
    {
        if (!Uri.TryCreate(options.PublicBaseUrl, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")
            || !string.IsNullOrEmpty(uri.Query) || !string.IsNullOrEmpty(uri.Fragment) || !string.IsNullOrEmpty(uri.UserInfo))
        {
            return ValidateOptionsResult.Fail(
                $"Grants:PublicBaseUrl must be the site's absolute http(s) address, like https://grants.opcc.example.gov.uk/ (it is '{options.PublicBaseUrl}').");
        }
        var allowed = (configuration["AllowedHosts"] ?? "*").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (!environment.IsDevelopment()
            && (allowed.Contains("*") || !allowed.Any(h => string.Equals(h, uri.Host, StringComparison.OrdinalIgnoreCase))))
        {
            return ValidateOptionsResult.Fail(
                $"AllowedHosts must name {uri.Host}, the host of Grants:PublicBaseUrl, and no wildcard (it is '{string.Join(';', allowed)}').");
        }
        return ValidateOptionsResult.Success;
    }

    public static string WithTrailingSlash(string url) => url.EndsWith('/') ? url : url + "/";
}
