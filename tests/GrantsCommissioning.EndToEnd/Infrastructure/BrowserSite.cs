using System.Globalization;
using GrantsCommissioning.Core.Configuration;
using GrantsCommissioning.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace GrantsCommissioning.EndToEnd.Infrastructure;

/// <summary>
/// The real app on Kestrel (a real port, so a real browser can reach it) in Development with the demo data, and the
/// system Chromium driven by Playwright. One per test collection.
/// </summary>
public sealed class BrowserSite : IAsyncLifetime
{
    public const string DemoPassword = "demo-password-2013";
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "gc-e2e-" + Guid.NewGuid().ToString("N"));
    private AppFactory? _app;
    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;
    public Uri BaseAddress { get; private set; } = null!;
    public IServiceProvider Services => _app!.Services;
    public string MailPickup => Path.Combine(_dataDirectory, "mail-pickup");

    public async Task InitializeAsync()
    {
        _app = new AppFactory(_dataDirectory);
        _app.UseKestrel(0);
        _app.StartServer();
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseAddress = new Uri(new Uri(address).GetLeftPart(UriPartial.Scheme) + "localhost:" + new Uri(address).Port);
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }

    /// <summary>Fills {draft}, {submitted} and {organisation} with the ids of the demo applicant's records.</summary>
    public async Task<string> DemoPathAsync(string path)
    {
        await using var db = await Services.GetRequiredService<IDbContextFactory<GrantsDbContext>>().CreateDbContextAsync();
        var draft = await db.Applications.Where(a => a.ApplicationReference == "CGS-CY-0001").Select(a => a.Id).SingleAsync();
        var submitted = await db.Applications.Where(a => a.ApplicationReference == "CGS-CY-0002").Select(a => a.Id).SingleAsync();
        var organisation = await db.Organisations.Where(o => o.Name == "Hereford Youth Boxing Club").Select(o => o.Id).SingleAsync();
        return path.Replace("{draft}", draft.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{submitted}", submitted.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{organisation}", organisation.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }

    public async Task<IPage> NewPageAsync(int width = 1280, int height = 900)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = width, Height = height },
            Locale = "en-GB",
            TimezoneId = "Europe/London",
        });
        return await context.NewPageAsync();
    }

    public async Task<IPage> SignedInPageAsync(string email, int width = 1280)
    {
        var page = await NewPageAsync(width);
        await page.GotoAsync("/Account/Login");
        await page.FillAsync("#Input\\.Email", email);
        await page.FillAsync("#Input\\.Password", DemoPassword);
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync(url => !url.Contains("/Account/Login", StringComparison.Ordinal));
        return page;
    }

    public async Task DisposeAsync()
    {
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
    }

    private sealed class AppFactory(string dataDirectory) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Development");
            builder.UseSetting("Grants:DataDirectory", dataDirectory);
            builder.UseSetting("Grants:LoadDemoData", "true");
            builder.UseSetting("Grants:SeedDataPath", RepositoryPaths.Resolve(null, "seed-data", AppContext.BaseDirectory));
            builder.UseSetting("Grants:WorkflowsPath", RepositoryPaths.Resolve(null, "workflows", AppContext.BaseDirectory));
        }
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserSite>
{
    public const string Name = "Browser";
}
