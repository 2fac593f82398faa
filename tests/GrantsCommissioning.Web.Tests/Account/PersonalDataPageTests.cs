using System.Net;
using System.Text.Json;
using GrantsCommissioning.Core.Data;
using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GrantsCommissioning.Web.Tests.Account;

/// <summary>Your personal data: what the account holds, downloading it, and closing the account.</summary>
[Collection(DemoSiteCollection.Fourth)]
public class PersonalDataPageTests(GrantsWebFactory site)
{
    private const string Password = "the original passphrase";

    [Fact]
    public async Task PersonalData_ShowsWhatTheAccountHolds_AndTheWayToCloseIt()
    {
        var (email, _) = await CreateUserAsync(Roles.Applicant, OrganisationRole.Editor);
        using var client = await site.SignedInClientAsync(email, Password);

        var html = WebUtility.HtmlDecode(await client.GetStringAsync(new Uri("/Account/Manage/PersonalData", UriKind.Relative)));

        Assert.Contains("<title>Your personal data</title>", html, StringComparison.Ordinal);
        Assert.Contains("<dt>Full name</dt><dd>Nia Roberts</dd>", html, StringComparison.Ordinal);
        Assert.Contains($"<dt>Email address</dt><dd>{email}</dd>", html, StringComparison.Ordinal);
        Assert.Contains("Kington Community Shed (editor)", html, StringComparison.Ordinal);
        Assert.Contains("id=\"close-account\" href=\"Account/Manage/DeletePersonalData\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("btn-", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Download_GivesAJsonFileOfTheAccountAndOrganisations_WithoutSecrets()
    {
        var (email, _) = await CreateUserAsync(Roles.Applicant, OrganisationRole.Editor);
        using var client = await site.SignedInClientAsync(email, Password);

        var page = await client.GetStringAsync(new Uri("/Account/Manage/PersonalData", UriKind.Relative));
        using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = GrantsWebFactory.AntiforgeryToken(page) });
        var response = await client.PostAsync(new Uri("/Account/Manage/DownloadPersonalData", UriKind.Relative), form);
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var json = JsonDocument.Parse(body);
        Assert.Equal("Nia Roberts", json.RootElement.GetProperty("Account").GetProperty("DisplayName").GetString());
        Assert.Equal(email, json.RootElement.GetProperty("Account").GetProperty("Email").GetString());
        Assert.Equal("Kington Community Shed", json.RootElement.GetProperty("Organisations")[0].GetProperty("Organisation").GetString());
        foreach (var part in new[] { "Applications", "ReturnsSubmitted", "Messages", "AuditEntries", "EmailsSent" })
        {
            Assert.Equal(JsonValueKind.Array, json.RootElement.GetProperty(part).ValueKind);
        }
        Assert.DoesNotContain("PasswordHash", body, StringComparison.Ordinal);
        Assert.DoesNotContain("Authenticator", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Close_WithTheWrongPassword_SaysSoAndKeepsTheAccount()
    {
        var (email, _) = await CreateUserAsync(Roles.Applicant, OrganisationRole.Editor);
        using var client = await site.SignedInClientAsync(email, Password);

        var response = await GrantsWebFactory.PostFormAsync(client, "/Account/Manage/DeletePersonalData", "delete-user", new() { ["Input.Password"] = "not the passphrase" });
        var html = await response.Content.ReadAsStringAsync();

        Assert.Contains("<title>Error: Close your account</title>", html, StringComparison.Ordinal);
        Assert.Contains("<a href=\"#Input.Password\">Your password is not right</a>", html, StringComparison.Ordinal);
        Assert.NotNull(await FindAsync(email));
    }

    [Fact]
    public async Task Close_WithThePassword_RemovesTheAccountAndSignsOut()
    {
        var (email, orgId) = await CreateUserAsync(Roles.Applicant, OrganisationRole.Editor);
        using var client = await site.SignedInClientAsync(email, Password);
        var confirm = await client.GetStringAsync(new Uri("/Account/Manage/DeletePersonalData", UriKind.Relative));
        Assert.Contains("<h1>Are you sure you want to close your account?</h1>", confirm, StringComparison.Ordinal);

        var response = await GrantsWebFactory.PostFormAsync(client, "/Account/Manage/DeletePersonalData", "delete-user", new() { ["Input.Password"] = Password });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.EndsWith("/Account/Closed", response.Headers.Location?.ToString(), StringComparison.Ordinal);
        Assert.Contains("<h1>Your account is closed</h1>", await client.GetStringAsync(response.Headers.Location), StringComparison.Ordinal);
        Assert.Null(await FindAsync(email));
        var dashboard = await client.GetAsync(new Uri("/applicant", UriKind.Relative));
        Assert.Contains("Account/Login", dashboard.Headers.Location?.ToString(), StringComparison.Ordinal);
        await using var db = await site.Services.GetRequiredService<IDbContextFactory<GrantsDbContext>>().CreateDbContextAsync();
        Assert.True(await db.Organisations.AnyAsync(o => o.Id == orgId));
        Assert.False(await db.OrganisationMembers.AnyAsync(m => m.OrganisationId == orgId && m.Email == email));
    }

    [Theory]
    [InlineData(Roles.Applicant, OrganisationRole.Owner, "You are the only owner of Kington Community Shed.")]
    [InlineData(Roles.GrantsOfficer, null, "Staff accounts are closed by the system administrator")]
    public async Task Close_WhenItWouldOrphanAnOrganisationOrIsStaff_IsRefused_EvenWithThePassword(string role, OrganisationRole? membership, string reason)
    {
        var (email, _) = await CreateUserAsync(role, membership);
        using var client = await site.SignedInClientAsync(email, Password);

        var data = WebUtility.HtmlDecode(await client.GetStringAsync(new Uri("/Account/Manage/PersonalData", UriKind.Relative)));
        var page = WebUtility.HtmlDecode(await client.GetStringAsync(new Uri("/Account/Manage/DeletePersonalData", UriKind.Relative)));
        var forced = await client.PostAsync(new Uri("/Account/Manage/DeletePersonalData", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = GrantsWebFactory.AntiforgeryToken(await client.GetStringAsync(new Uri("/Account/Manage/PersonalData", UriKind.Relative))),
            ["_handler"] = "delete-user",
            ["Input.Password"] = Password,
        }));

        Assert.Contains(reason, data, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"close-account\"", data, StringComparison.Ordinal);
        Assert.Contains("<h1>You cannot close your account yet</h1>", page, StringComparison.Ordinal);
        Assert.Contains(reason, page, StringComparison.Ordinal);
        Assert.NotEqual(HttpStatusCode.Redirect, forced.StatusCode);
        Assert.NotNull(await FindAsync(email));
    }

    /// <summary>A confirmed account of this test's own, in <paramref name="membership"/> of a new organisation (which has another owner when this one is an editor).</summary>
    private async Task<(string Email, int OrganisationId)> CreateUserAsync(string role, OrganisationRole? membership)
    {
        var email = $"personal-{Guid.NewGuid():N}@example.org";
        var user = await site.CreateUserAsync(email, Password, role, "Nia Roberts");
        if (membership is null)
        {
            return (email, 0);
        }
        await using var db = await site.Services.GetRequiredService<IDbContextFactory<GrantsDbContext>>().CreateDbContextAsync();
        var org = new Organisation
        {
            Name = "Kington Community Shed", AddressLine1 = "1 Bridge Street", Town = "Kington", Postcode = "HR5 3DJ", AreaServed = "Herefordshire",
            CreatedAt = DateTimeOffset.UtcNow,
        };
        org.Members.Add(new OrganisationMember { UserId = user.Id, Email = email, Role = membership.Value, AcceptedAt = DateTimeOffset.UtcNow });
        if (membership == OrganisationRole.Editor)
        {
            var owner = await site.FindUserAsync("applicant@demo.opcc-grants.example");
            org.Members.Add(new OrganisationMember { UserId = owner!.Id, Email = owner.Email!, Role = OrganisationRole.Owner, AcceptedAt = DateTimeOffset.UtcNow });
        }
        db.Organisations.Add(org);
        await db.SaveChangesAsync();
        return (email, org.Id);
    }

    private Task<ApplicationUser?> FindAsync(string email) => site.FindUserAsync(email);
}
