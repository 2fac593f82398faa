using System.Net;
using System.Text.RegularExpressions;
using GrantsCommissioning.Core.Configuration;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;

namespace GrantsCommissioning.Web.Tests.Infrastructure;

/// <summary>The real app (Program, DI container, middleware) on its own SQLite file, in Development with the demo data.</summary>
public class GrantsWebFactory : WebApplicationFactory<Program>
{
    public const string DemoPassword = "demo-password-2013";

    public string DataDirectory { get; } = Path.Combine(Path.GetTempPath(), "gc-web-" + Guid.NewGuid().ToString("N"));

    protected virtual string EnvironmentName => "Development";

    protected virtual bool LoadDemoData => true;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.UseEnvironment(EnvironmentName);
        builder.UseSetting("Grants:DataDirectory", DataDirectory);
        builder.UseSetting("Grants:LoadDemoData", LoadDemoData ? "true" : "false");
        builder.UseSetting("Grants:SeedDataPath", RepositoryPaths.Resolve(null, "seed-data", AppContext.BaseDirectory));
        builder.UseSetting("Grants:WorkflowsPath", RepositoryPaths.Resolve(null, "workflows", AppContext.BaseDirectory));
    }

    public HttpClient NewClient() => CreateClient(new WebApplicationFactoryClientOptions
    {
        BaseAddress = new Uri("https://localhost"),
        AllowAutoRedirect = false,
    });

    /// <summary>Signs in through the real login form (antiforgery token and all) and returns the signed-in client.</summary>
    public async Task<HttpClient> SignedInClientAsync(string email, string password = DemoPassword)
    {
        var client = NewClient();
        var response = await SignInAsync(client, email, password);
        if (response.StatusCode != HttpStatusCode.Redirect || response.Headers.Location?.ToString().Contains("Login", StringComparison.Ordinal) == true)
        {
            throw new InvalidOperationException($"Sign-in as {email} failed: {(int)response.StatusCode} {response.Headers.Location}");
        }
        return client;
    }

    public static async Task<HttpResponseMessage> SignInAsync(HttpClient client, string email, string password)
    {
        ArgumentNullException.ThrowIfNull(client);
        var form = await client.GetStringAsync(new Uri("/Account/Login", UriKind.Relative));
        var token = AntiforgeryToken(form);
        using var content = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["_handler"] = "login",
            ["Input.Email"] = email,
            ["Input.Password"] = password,
        });
        return await client.PostAsync(new Uri("/Account/Login", UriKind.Relative), content);
    }

    /// <summary>Gets the page for its antiforgery token, then posts <paramref name="fields"/> to it as the form named <paramref name="form"/>.</summary>
    public static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string path, string form, Dictionary<string, string> fields)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(fields);
        var page = await client.GetStringAsync(new Uri(path, UriKind.Relative));
        fields["__RequestVerificationToken"] = AntiforgeryToken(page);
        fields["_handler"] = form;
        using var content = new FormUrlEncodedContent(fields);
        return await client.PostAsync(new Uri(path, UriKind.Relative), content);
    }

    public static string AntiforgeryToken(string html)
    {
        var match = Regex.Match(html, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"");
        return match.Success ? WebUtility.HtmlDecode(match.Groups[1].Value) : throw new InvalidOperationException("The page has no antiforgery token.");
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS to clean with the temp folder.
        }
    }
}

[CollectionDefinition(Name)]
public sealed class DemoSiteCollection : ICollectionFixture<GrantsWebFactory>
{
    public const string Name = "Demo site";
}
