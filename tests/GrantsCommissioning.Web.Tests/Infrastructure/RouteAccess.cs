using System.Net;

namespace GrantsCommissioning.Web.Tests.Infrastructure;

/// <summary>What a role matrix expects of one route: 200 for a role that may open it; otherwise 403, or the redirect to the access-denied page.</summary>
public static class RouteAccess
{
    public static void AssertAllowedOrRefused(HttpResponseMessage response, bool allowed, string label)
    {
        ArgumentNullException.ThrowIfNull(response);
        if (allowed)
        {
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{label}: {response.StatusCode}");
            return;
        }
        Assert.True(response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Forbidden, $"{label}: {response.StatusCode}");
        if (response.StatusCode == HttpStatusCode.Redirect)
        {
            Assert.StartsWith("https://localhost/Account/AccessDenied", response.Headers.Location?.ToString(), StringComparison.Ordinal);
        }
    }
}
