using System.Net;
using GrantsCommissioning.TestCommon.Fixtures;
using GrantsCommissioning.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GrantsCommissioning.Web.Tests.Nodes;

/// <summary>
/// Two app instances on one database (PostgreSQL under `tests/run.sh --postgres`, else one SQLite file) share the
/// data-protection key ring the database holds: a form and antiforgery cookie from one are accepted by the other, and
/// the sign-in cookie the other writes is read by the first.
/// </summary>
public sealed class SharedKeyRingTests
{
    private const string Applicant = "applicant@demo.opcc-grants.example";

    [Fact]
    public async Task TwoNodesOnOneDatabase_ReadEachOthersAntiforgeryAndSignInCookies()
    {
        using var first = new GrantsWebFactory();
        _ = first.Services;
        using var second = new SameDatabaseFactory(first.DataDirectory);
        var cookies = new CookieContainer();
        var firstClient = first.NewClient(cookies);
        var secondClient = second.NewClient(cookies);

        var form = await firstClient.GetStringAsync(new Uri("/Account/Login", UriKind.Relative));
        using var content = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = GrantsWebFactory.AntiforgeryToken(form),
            ["_handler"] = "login",
            ["Input.Email"] = Applicant,
            ["Input.Password"] = GrantsWebFactory.DemoPassword,
        });
        var signIn = await secondClient.PostAsync(new Uri("/Account/Login", UriKind.Relative), content);
        var home = await firstClient.GetAsync(new Uri("/applicant", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.DoesNotContain("Login", signIn.Headers.Location?.ToString() ?? "Login", StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
        await using var db = await second.Services.GetRequiredService<IDbContextFactory<Core.Data.GrantsDbContext>>().CreateDbContextAsync();
        Assert.Single(await db.DataProtectionKeys.ToListAsync());
    }

    /// <summary>A second node: the same data folder and database as the first, no demo loading of its own.</summary>
    private sealed class SameDatabaseFactory(string dataDirectory) : GrantsWebFactory
    {
        protected override bool LoadDemoData => false;

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Grants:DataDirectory", dataDirectory);
            foreach (var (key, value) in TestDatabaseProvider.Settings(dataDirectory))
            {
                builder.UseSetting(key, value);
            }
        }
    }
}
