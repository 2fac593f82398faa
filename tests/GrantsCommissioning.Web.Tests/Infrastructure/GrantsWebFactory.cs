using System.Net;
using System.Text.RegularExpressions;
using GrantsCommissioning.Core.Configuration;
using GrantsCommissioning.Core.Data;
using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Core.Features.Accounts;
using GrantsCommissioning.TestCommon.Fixtures;
using GrantsCommissioning.Web.Components.Account;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace GrantsCommissioning.Web.Tests.Infrastructure;

/// <summary>The real app (Program, DI container, middleware) on its own SQLite file, in Development with the demo data.</summary>
public class GrantsWebFactory : WebApplicationFactory<Program>
{
    public const string DemoPassword = "demo-password-2013";

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, Cookie> _rememberedDevices = new(StringComparer.OrdinalIgnoreCase);

    public string DataDirectory { get; } = Path.Combine(Path.GetTempPath(), "gc-web-" + Guid.NewGuid().ToString("N"));

    protected virtual string EnvironmentName => "Development";

    protected virtual bool LoadDemoData => true;

    /// <summary>
    /// PBKDF2 iterations for this site's password hashes: <see cref="TestPasswordHashIterations"/>, or null for the app's
    /// own 600,000.
    /// </summary>
    /// <remarks>
    /// At 600,000 iterations every sign-in and every account a test makes costs about a third of a CPU-second, which was
    /// most of this suite's CPU time. The hasher is still Identity's own, in the same format (V3, PBKDF2 with HMAC-SHA512,
    /// the count stored in each hash); only the count differs. <c>ProductionTests</c>' site keeps the app's count and
    /// asserts it, with an account made and signed in at that count.
    /// </remarks>
    protected virtual int? PasswordHashIterations => TestPasswordHashIterations;

    public const int TestPasswordHashIterations = 1_000;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.UseEnvironment(EnvironmentName);
        builder.UseSetting("Grants:DataDirectory", DataDirectory);
        foreach (var (key, value) in TestDatabaseProvider.Settings(DataDirectory))
        {
            builder.UseSetting(key, value);
        }
        builder.UseSetting("Grants:LoadDemoData", LoadDemoData ? "true" : "false");
        builder.UseSetting("Grants:SeedDataPath", RepositoryPaths.Resolve(null, "seed-data", AppContext.BaseDirectory));
        builder.UseSetting("Grants:WorkflowsPath", RepositoryPaths.Resolve(null, "workflows", AppContext.BaseDirectory));
        if (PasswordHashIterations is { } iterations)
        {
            builder.ConfigureTestServices(services => services.Configure<PasswordHasherOptions>(o => o.IterationCount = iterations));
        }
    }

    /// <summary>
    /// An account of one test's own, made through the app's UserManager so the demo users stay as they are; confirmed
    /// unless told otherwise; staff with two-step verification on unless <paramref name="twoStep"/> says otherwise.
    /// <paramref name="setUp"/> does anything more with the same UserManager (tokens, two-step).
    /// </summary>
    public async Task<ApplicationUser> CreateUserAsync(string email, string password, string role = Roles.Applicant, string displayName = "Test Person",
        bool confirmed = true, string? phone = null, Func<UserManager<ApplicationUser>, ApplicationUser, Task>? setUp = null, bool? twoStep = null)
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
        // Staff must have two-step verification, so a staff account of a test's own has it unless the test says otherwise.
        if (twoStep ?? Roles.Staff.Contains(role))
        {
            await users.ResetAuthenticatorKeyAsync(user);
            await users.SetTwoFactorEnabledAsync(user, true);
        }
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

    /// <summary>A client of the test server with its own cookies, in <paramref name="cookies"/> when given (to copy a sign-in cookie).</summary>
    public HttpClient NewClient(CookieContainer? cookies = null) =>
        CreateDefaultClient(new Uri("https://localhost"), new CookieContainerHandler(cookies ?? new CookieContainer()));

    /// <summary>
    /// Signs in through the real login form (antiforgery token and all), and through the second step with a code from
    /// the account's authenticator key when it has two-step verification, and returns the signed-in client.
    /// </summary>
    /// <remarks>
    /// The second step ticks "Do not ask for a code again on this device", and that device cookie is kept per account and
    /// offered at the account's next sign-in, as a person's browser would: an authenticator gives three usable codes a
    /// half-minute, so asking for a code at every one of a suite's staff sign-ins would wait minutes. A change of security
    /// stamp (a reset second factor, a disabled account) makes the app refuse the old device cookie, and the code is asked again.
    /// </remarks>
    public async Task<HttpClient> SignedInClientAsync(string email, string password = DemoPassword, CookieContainer? cookies = null)
    {
        ArgumentNullException.ThrowIfNull(email);
        cookies ??= new CookieContainer();
        if (_rememberedDevices.TryGetValue(email, out var device))
        {
            cookies.Add(new Cookie(device.Name, device.Value, device.Path, device.Domain) { Secure = device.Secure, HttpOnly = device.HttpOnly });
        }
        var client = NewClient(cookies);
        var response = await SignInAsync(client, email, password);
        if (response.Headers.Location?.ToString().Contains("Account/LoginWith2fa", StringComparison.Ordinal) == true)
        {
            response = await PostFormAsync(client, LocalPath(response.Headers.Location), "login-with-2fa",
                new() { ["Input.TwoFactorCode"] = await NextAuthenticatorCodeAsync(email), ["Input.RememberMachine"] = "true" });
            if (cookies.GetCookies(new Uri("https://localhost")).FirstOrDefault(c => c.Name.Contains("TwoFactorRememberMe", StringComparison.Ordinal)) is { } remembered)
            {
                _rememberedDevices[email] = remembered;
            }
        }
        if (response.StatusCode != HttpStatusCode.Redirect || response.Headers.Location?.ToString().Contains("Login", StringComparison.Ordinal) == true)
        {
            throw new InvalidOperationException($"Sign-in as {email} failed: {(int)response.StatusCode} {response.Headers.Location}");
        }
        return client;
    }

    /// <summary>
    /// The code an authenticator app shows for the account now, from a time step after the last one it used (each code
    /// works once); when this half-minute's codes are used up, waits for the next, as a person would.
    /// </summary>
    public async Task<string> NextAuthenticatorCodeAsync(string email)
    {
        using var scope = Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = await users.FindByEmailAsync(email) ?? throw new InvalidOperationException($"No account for {email}.");
        var key = await users.GetAuthenticatorKeyAsync(user) ?? throw new InvalidOperationException($"{email} has no authenticator key.");
        while (true)
        {
            var now = Totp.StepAt(DateTimeOffset.UtcNow);
            var step = Math.Max(now - 1, (user.LastAuthenticatorStep ?? long.MinValue) + 1);
            if (step <= now + 1)
            {
                return Totp.Code(key, step);
            }
            await Task.Delay(TimeSpan.FromSeconds(30 - (DateTimeOffset.UtcNow.ToUnixTimeSeconds() % 30) + 1));
        }
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

    /// <summary>A redirect's target as a path and query, whether the Location header is absolute or not.</summary>
    public static string LocalPath(Uri location)
    {
        ArgumentNullException.ThrowIfNull(location);
        return location.IsAbsoluteUri ? location.PathAndQuery : location.ToString();
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
        TestDatabaseProvider.Drop(DataDirectory);
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

/// <summary>
/// Test classes that share a demo site. xunit runs the classes of one collection one after another, so they are spread
/// over four collections (by test count), each with a site and database of its own, which run side by side: the suite
/// mostly waits on the app (sign-ins, page renders), not on the two cores.
/// </summary>
[CollectionDefinition(Name)]
public sealed class DemoSiteCollection : ICollectionFixture<GrantsWebFactory>
{
    public const string Name = "Demo site";
    public const string Second = "Demo site 2";
    public const string Third = "Demo site 3";
    public const string Fourth = "Demo site 4";
}

[CollectionDefinition(DemoSiteCollection.Second)]
public sealed class SecondDemoSiteCollection : ICollectionFixture<GrantsWebFactory>;

[CollectionDefinition(DemoSiteCollection.Third)]
public sealed class ThirdDemoSiteCollection : ICollectionFixture<GrantsWebFactory>;

[CollectionDefinition(DemoSiteCollection.Fourth)]
public sealed class FourthDemoSiteCollection : ICollectionFixture<GrantsWebFactory>;
