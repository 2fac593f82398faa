using System.Net;
using System.Text.RegularExpressions;
using GrantsCommissioning.Core.Data;
using GrantsCommissioning.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GrantsCommissioning.Web.Tests.Security;

/// <summary>
/// Links in emails come from Grants:PublicBaseUrl, never from the Host header a caller chose. The site here has host
/// filtering off (AllowedHosts *), so a forged Host reaches the pages, as it would behind a proxy that passes any.
/// </summary>
public class EmailLinkTests(EmailLinkTests.OpenHostSite site) : IClassFixture<EmailLinkTests.OpenHostSite>
{
    private const string PublicBase = "https://grants.opcc.example.gov.uk/";

    [Fact]
    public async Task PasswordReset_AskedForWithAForgedHost_LinksToThePublicAddress()
    {
        var email = $"reset-{Guid.NewGuid():N}@example.org";
        await site.CreateUserAsync(email, "the original passphrase");
        using var client = ForgedHostClient();

        var response = await GrantsWebFactory.PostFormAsync(client, "/Account/ForgotPassword", "forgot-password", new() { ["Input.Email"] = email });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var link = await LinkInEmailToAsync(email);
        Assert.StartsWith(PublicBase + "Account/ResetPassword?code=", link, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateAnAccount_WithAForgedHost_ConfirmationLinkIsToThePublicAddress()
    {
        var email = $"new-{Guid.NewGuid():N}@example.org";
        using var client = ForgedHostClient();

        await GrantsWebFactory.PostFormAsync(client, "/Account/Register", "register", new()
        {
            ["Input.DisplayName"] = "Rita Powell", ["Input.Email"] = email,
            ["Input.Password"] = "a long enough passphrase", ["Input.ConfirmPassword"] = "a long enough passphrase",
        });

        Assert.StartsWith(PublicBase + "Account/ConfirmEmail?userId=", await LinkInEmailToAsync(email), StringComparison.Ordinal);
    }

    private HttpClient ForgedHostClient() => site.CreateClient(new WebApplicationFactoryClientOptions
    {
        BaseAddress = new Uri("https://evil.example"),
        AllowAutoRedirect = false,
    });

    private async Task<string> LinkInEmailToAsync(string email)
    {
        await using var db = await site.Services.GetRequiredService<IDbContextFactory<GrantsDbContext>>().CreateDbContextAsync();
        var body = (await db.Outbox.SingleAsync(e => e.ToAddress == email)).BodyText;
        Assert.DoesNotContain("evil.example", body, StringComparison.Ordinal);
        return Regex.Match(body, @"https?://\S+").Value;
    }

    public sealed class OpenHostSite : GrantsWebFactory
    {
        protected override bool LoadDemoData => false;

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("AllowedHosts", "*");
            builder.UseSetting("Grants:PublicBaseUrl", PublicBase);
        }
    }
}
