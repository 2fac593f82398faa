using System.Net;
using GrantsCommissioning.Core.Data;
using GrantsCommissioning.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace GrantsCommissioning.Web.Tests.Account;

[Collection(DemoSiteCollection.Name)]
public class IdentityTests(GrantsWebFactory site)
{
    [Fact]
    public async Task FiveWrongPasswords_LockTheAccount_SoEvenTheRightPasswordIsRefused()
    {
        using var client = site.NewClient();
        var first = await GrantsWebFactory.SignInAsync(client, "volunteer@demo.opcc-grants.example", "not-the-password");
        Assert.Contains("The email address or password is not right", await first.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        for (var i = 1; i < 5; i++)
        {
            await GrantsWebFactory.SignInAsync(client, "volunteer@demo.opcc-grants.example", "not-the-password-" + i);
        }

        var right = await GrantsWebFactory.SignInAsync(client, "volunteer@demo.opcc-grants.example", GrantsWebFactory.DemoPassword);

        Assert.Equal(HttpStatusCode.Redirect, right.StatusCode);
        Assert.Contains("Account/Lockout", right.Headers.Location?.ToString(), StringComparison.Ordinal);
        var dashboard = await client.GetAsync(new Uri("/applicant", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Redirect, dashboard.StatusCode);
        Assert.Contains("Account/Login", dashboard.Headers.Location?.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Passwords_NeedTwelveCharactersButNoCompositionRules()
    {
        using var scope = site.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();

        var tooShort = await users.CreateAsync(new ApplicationUser { UserName = "short@example.org", Email = "short@example.org" }, "elevenchars");
        var longPlain = await users.CreateAsync(new ApplicationUser { UserName = "plain@example.org", Email = "plain@example.org" }, "correct horse battery");

        Assert.False(tooShort.Succeeded);
        Assert.Contains(tooShort.Errors, e => e.Code == "PasswordTooShort");
        Assert.True(longPlain.Succeeded, string.Join("; ", longPlain.Errors.Select(e => e.Description)));
    }

    [Fact]
    public async Task Lockout_IsOnForNewAccounts()
    {
        var options = site.Services.GetRequiredService<IOptions<IdentityOptions>>().Value;

        Assert.True(options.Lockout.AllowedForNewUsers);
        Assert.Equal(5, options.Lockout.MaxFailedAccessAttempts);
        Assert.True(options.SignIn.RequireConfirmedAccount);
        await Task.CompletedTask;
    }

    [Fact]
    public async Task SignedInPerson_ActsUnderTheirFullName_NotTheirEmailAddress()
    {
        using var scope = site.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var signIn = scope.ServiceProvider.GetRequiredService<SignInManager<ApplicationUser>>();
        var officer = await users.FindByEmailAsync("officer@demo.opcc-grants.example");

        var actor = GrantsCommissioning.Web.Components.Workflow.WorkflowActor.From(await signIn.CreateUserPrincipalAsync(officer!));

        // Decision notices, case history and audit rows take the actor's name.
        Assert.NotNull(actor);
        Assert.Equal("Priya Shah", actor.DisplayName);
        Assert.Equal(officer!.Id, actor.UserId);
    }

    [Fact]
    public async Task StaffHeader_ShowsTheFullName_AndANewNameAsSoonAsItIsSaved()
    {
        var email = $"staff-{Guid.NewGuid():N}@example.org";
        await site.CreateUserAsync(email, "a long staff passphrase", GrantsCommissioning.Core.Domain.Roles.GrantsOfficer, "Sam Okafor");
        using var client = await site.SignedInClientAsync(email, "a long staff passphrase");

        var before = await client.GetStringAsync(new Uri("/officer", UriKind.Relative));
        var saved = await GrantsWebFactory.PostFormAsync(client, "/Account/Manage", "profile", new() { ["Input.DisplayName"] = "Samuel Okafor", ["Input.PhoneNumber"] = "" });
        var after = await client.GetStringAsync(new Uri("/officer", UriKind.Relative));

        Assert.Contains("<span class=\"signed-in\">Sam Okafor</span>", before, StringComparison.Ordinal);
        Assert.DoesNotContain(email, before, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Contains("<span class=\"signed-in\">Samuel Okafor</span>", after, StringComparison.Ordinal);
    }
}

public class ProductionTests : IClassFixture<ProductionTests.ProductionSite>
{
    private readonly ProductionSite _site;

    public ProductionTests(ProductionSite site) => _site = site;

    [Fact]
    public async Task InProduction_DemoSignInsAndDemoDataAreNeverCreated_EvenIfAskedFor()
    {
        using var client = _site.NewClient();

        var signIn = await GrantsWebFactory.SignInAsync(client, "officer@demo.opcc-grants.example", GrantsWebFactory.DemoPassword);
        var health = await client.GetStringAsync(new Uri("/health", UriKind.Relative));
        var home = await client.GetStringAsync(new Uri("/", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, signIn.StatusCode);
        Assert.Contains("\"seededObjectives\":11", health, StringComparison.Ordinal);
        Assert.Contains("No funding rounds are open at the moment", home, StringComparison.Ordinal);
        using var scope = _site.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        // Every demo sign-in in seed-data/demo/users.json is at this domain; another test here makes an account of its own.
        Assert.DoesNotContain(users.Users, u => u.Email!.EndsWith("@demo.opcc-grants.example"));
    }

    [Fact]
    public async Task InProduction_PasswordHashes_UsePbkdf2With600000Iterations_AndAnAccountSignsInWithOne()
    {
        var options = _site.Services.GetRequiredService<IOptions<PasswordHasherOptions>>().Value;
        var email = $"hashed-{Guid.NewGuid():N}@example.org";
        await _site.CreateUserAsync(email, "a long enough password");
        var stored = Convert.FromBase64String((await _site.FindUserAsync(email))!.PasswordHash!);

        using var client = await _site.SignedInClientAsync(email, "a long enough password");
        var dashboard = await client.GetAsync(new Uri("/applicant", UriKind.Relative));

        Assert.Equal(WebServiceCollectionExtensions.PasswordHashIterations, options.IterationCount);
        Assert.True(options.IterationCount >= 600_000);
        Assert.Equal(0x01, stored[0]);
        // Identity's V3 format: 0x01, then the PRF and the iteration count as big-endian 32-bit integers.
        Assert.Equal(2, System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(stored.AsSpan(1))); // KeyDerivationPrf.HMACSHA512
        Assert.Equal(options.IterationCount, System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(stored.AsSpan(5)));
        Assert.Equal(HttpStatusCode.OK, dashboard.StatusCode);
    }

    [Fact]
    public async Task InProduction_ARequestForAnotherHost_IsRefused()
    {
        using var client = _site.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://evil.example"), AllowAutoRedirect = false });

        var response = await client.GetAsync(new Uri("/Account/ForgotPassword", UriKind.Relative));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    public sealed class ProductionSite : GrantsWebFactory
    {
        protected override string EnvironmentName => "Production";

        protected override int? PasswordHashIterations => null;

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Grants:PublicBaseUrl", "https://localhost/");
            // A public host first (browsers are never sent HSTS for localhost), then the test client's.
            builder.UseSetting("AllowedHosts", "grants.opcc.example.gov.uk;localhost");
        }
    }
}
