using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using GrantsCommissioning.Core.Configuration;
using GrantsCommissioning.Core.Data;
using GrantsCommissioning.Core.Features.Accounts;
using GrantsCommissioning.Web.Components.Account;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace GrantsCommissioning.EndToEnd.Infrastructure;

/// <summary>
/// The real app on Kestrel (a real port, so a real browser can reach it) in Development with the demo data, and the
/// system Chromium driven by Playwright. One per test collection.
/// </summary>
public class BrowserSite : IAsyncLifetime
{
    private readonly IReadOnlyDictionary<string, string?> _settings;

    public BrowserSite()
        : this(new Dictionary<string, string?>())
    {
    }

    /// <summary>A site with extra configuration on top of the Development demo settings (e.g. a real SMTP server).</summary>
    protected BrowserSite(IReadOnlyDictionary<string, string?> settings) => _settings = settings;

    public const string DemoPassword = "demo-password-2013";
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "gc-e2e-" + Guid.NewGuid().ToString("N"));
    private AppFactory? _app;
    private IPlaywright? _playwright;
    private readonly ConcurrentDictionary<string, Lazy<Task<string>>> _signIns = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentQueue<(IPage Page, string Text)> _cspViolations = new();

    public IBrowser Browser { get; private set; } = null!;
    public Uri BaseAddress { get; private set; } = null!;
    public IServiceProvider Services => _app!.Services;
    public string MailPickup => Path.Combine(_dataDirectory, "mail-pickup");

    public virtual async Task InitializeAsync()
    {
        // The port is chosen before the app starts, so the links in its emails (from Grants:PublicBaseUrl) lead back to it.
        var port = FreePort();
        BaseAddress = new Uri($"http://localhost:{port}");
        _app = new AppFactory(_dataDirectory, new Dictionary<string, string?>(_settings) { ["Grants:PublicBaseUrl"] = BaseAddress.ToString() });
        _app.UseKestrel(port);
        _app.StartServer();
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }

    /// <summary>
    /// Fills the placeholders in <paramref name="path"/> with the ids of the demo applicant's records: {draft} and
    /// {submitted} applications, {information} (waiting for the applicant's answer to a question), {information-v4} (a question on a workflow v4 application, answered outside the app), {organisation} (Hereford Youth Boxing Club), {org} (Hereford Street Angels), {offer}
    /// (an application with an offer to accept), {award}, and its returns {queried}, {due} and {scheduled}; {member} is the
    /// demo applicant's own membership of {organisation}.
    /// </summary>
    public async Task<string> DemoPathAsync(string path)
    {
        await using var db = await Services.GetRequiredService<IDbContextFactory<GrantsDbContext>>().CreateDbContextAsync();
        var placeholders = new (string Token, Func<IQueryable<int>> Id)[]
        {
            ("{draft}", () => db.Applications.Where(a => a.ApplicationReference == "CGS-CY-0001").Select(a => a.Id)),
            ("{submitted}", () => db.Applications.Where(a => a.ApplicationReference == "CGS-CY-0002").Select(a => a.Id)),
            ("{information}", () => db.Applications.Where(a => a.ApplicationReference == "CGS-CY-0023").Select(a => a.Id)),
            ("{information-v4}", () => db.Applications.Where(a => a.ApplicationReference == "CGS-CY-0024").Select(a => a.Id)),
            ("{offer}", () => db.Applications.Where(a => a.ApplicationReference == "CGS-CY-0019").Select(a => a.Id)),
            ("{award}", () => db.Awards.Where(a => a.AwardReference == "AWD-CY-0020").Select(a => a.Id)),
            ("{queried}", () => db.Returns.Where(r => r.ReturnReference == "AWD-CY-0020-R1").Select(r => r.Id)),
            ("{due}", () => db.Returns.Where(r => r.ReturnReference == "AWD-CY-0020-R2").Select(r => r.Id)),
            ("{scheduled}", () => db.Returns.Where(r => r.ReturnReference == "AWD-CY-0020-R3").Select(r => r.Id)),
            ("{organisation}", () => db.Organisations.Where(o => o.Name == "Hereford Youth Boxing Club").Select(o => o.Id)),
            ("{org}", () => db.Organisations.Where(o => o.Name == "Hereford Street Angels").Select(o => o.Id)),
            ("{member}", () => db.OrganisationMembers.Where(m => m.Organisation!.Name == "Hereford Youth Boxing Club" && m.Email == "applicant@demo.opcc-grants.example").Select(m => m.Id)),
        };
        foreach (var (token, id) in placeholders)
        {
            if (path.Contains(token, StringComparison.Ordinal))
            {
                path = path.Replace(token, (await id().SingleAsync()).ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);
            }
        }
        return path;
    }

    public async Task<IPage> NewPageAsync(int width = 1280, int height = 900, string? storageState = null)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = width, Height = height },
            Locale = "en-GB",
            TimezoneId = "Europe/London",
            StorageState = storageState,
        });
        var page = await context.NewPageAsync();
        page.Console += (_, message) =>
        {
            if (message.Type == "error" && message.Text.Contains("Content Security Policy", StringComparison.Ordinal))
            {
                _cspViolations.Enqueue((page, $"{page.Url}: {message.Text}"));
            }
        };
        return page;
    }

    /// <summary>What the browser refused under the site's Content-Security-Policy on <paramref name="page"/>.</summary>
    public IReadOnlyList<string> CspViolations(IPage page) => _cspViolations.Where(v => v.Page == page).Select(v => v.Text).ToList();

    /// <summary>
    /// A page signed in as <paramref name="email"/>. The first call per user signs in through the form; later calls
    /// reuse that sign-in cookie (password hashing is deliberately slow), so each test still gets its own context.
    /// </summary>
    public async Task<IPage> SignedInPageAsync(string email, int width = 1280)
    {
        var state = await _signIns.GetOrAdd(email, e => new Lazy<Task<string>>(() => SignInAsync(e))).Value;
        return await NewPageAsync(width, storageState: state);
    }

    private async Task<string> SignInAsync(string email)
    {
        var page = await NewPageAsync();
        await page.GotoAsync("/Account/Login");
        await page.FillAsync("#Input\\.Email", email);
        await page.FillAsync("#Input\\.Password", DemoPassword);
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync(url => !url.EndsWith("/Account/Login", StringComparison.Ordinal));
        if (page.Url.Contains("/Account/LoginWith2fa", StringComparison.Ordinal))
        {
            // Staff have two-step verification: the code their authenticator app would show now.
            await page.FillAsync("#Input\\.TwoFactorCode", await AuthenticatorCodeAsync(email));
            await page.ClickAsync("main button[type=submit]");
        }
        await page.WaitForURLAsync(url => !url.Contains("/Account/Login", StringComparison.Ordinal));
        var state = await page.Context.StorageStateAsync();
        await page.Context.CloseAsync();
        return state;
    }

    private async Task<string> AuthenticatorCodeAsync(string email)
    {
        using var scope = Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var key = await users.GetAuthenticatorKeyAsync((await users.FindByEmailAsync(email))!);
        return Totp.Code(key!, Totp.StepAt(DateTimeOffset.UtcNow));
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public virtual async Task DisposeAsync()
    {
        // Every page any test opened ran under the policy; a refusal anywhere fails the collection.
        var refused = _cspViolations.Select(v => v.Text).Distinct().ToList();
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }
        _playwright?.Dispose();
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS to clean with the temp folder.
        }
        if (refused.Count > 0)
        {
            throw new InvalidOperationException("The browser refused content under the Content-Security-Policy:" + Environment.NewLine + string.Join(Environment.NewLine, refused));
        }
    }

    private sealed class AppFactory(string dataDirectory, IReadOnlyDictionary<string, string?> settings) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Development");
            builder.UseSetting("Grants:DataDirectory", dataDirectory);
            builder.UseSetting("Grants:LoadDemoData", "true");
            builder.UseSetting("Grants:SeedDataPath", RepositoryPaths.Resolve(null, "seed-data", AppContext.BaseDirectory));
            builder.UseSetting("Grants:WorkflowsPath", RepositoryPaths.Resolve(null, "workflows", AppContext.BaseDirectory));
            foreach (var (key, value) in settings)
            {
                builder.UseSetting(key, value);
            }
        }
    }
}

/// <summary>Public and applicant pages, on a site of their own.</summary>
[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserSite>
{
    public const string Name = "Browser";
}

/// <summary>
/// Staff pages, on a second site of their own (the same demo data, its own database, app and browser), so the two halves
/// of the page checks run side by side instead of one after the other. xUnit gives each collection its own fixture.
/// </summary>
[CollectionDefinition(Name)]
public sealed class StaffBrowserCollection : ICollectionFixture<BrowserSite>
{
    public const string Name = "Browser, staff pages";
}
