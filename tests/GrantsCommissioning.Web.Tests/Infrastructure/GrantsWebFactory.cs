using System.Net;
using System.Text.RegularExpressions;
using GrantsCommissioning.Core.Configuration;
using GrantsCommissioning.Core.Data;
using GrantsCommissioning.Core.Domain;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

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

    /// <summary>
    /// An account of one test's own, made through the app's UserManager so the demo users stay as they are; confirmed
    /// unless told otherwise. <paramref name="setUp"/> does anything more with the same UserManager (tokens, two-step).
    /// </summary>
    public async Task<ApplicationUser> CreateUserAsync(string email, string password, string role = Roles.Applicant, string displayName = "Test Person",
        bool confirmed = true, string? phone = null, Func<UserManager<ApplicationUser>, ApplicationUser, Task>? setUp = null)
    {
        using var scope = Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = new ApplicationUser { UserName = email, Email = email, EmailConfirmed = confirmed, DisplayName = displayName, PhoneNumber = phone };
        var created = await users.CreateAsync(user, password);
        if (!created.Succeeded)
        {
            throw new InvalidOperationException($"Could not create {email}: {string.Join("; ", created.Errors.Select(e => e.Description))}");
        }
        await users.AddToRoleAsync(user, role);
        if (setUp is not null)
        {
            await setUp(users, user);
        }
        return user;
    }

    /// <summary>The account with this email address as the database has it now, or null.</summary>
    public async Task<ApplicationUser?> FindUserAsync(string email)
    {
        using var scope = Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>().FindByEmailAsync(email);
    }

    /// <summary>The single id <paramref name="query"/> finds in the app's database (a demo record by its reference).</summary>
    public async Task<int> IdAsync(Func<GrantsDbContext, IQueryable<int>> query)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var db = await Services.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<GrantsDbContext>>().CreateDbContextAsync();
        return await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(query(db));
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
