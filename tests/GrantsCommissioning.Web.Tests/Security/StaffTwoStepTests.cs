using System.Net;
using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Web.Components.Account;
using GrantsCommissioning.Web.Infrastructure;
using GrantsCommissioning.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace GrantsCommissioning.Web.Tests.Security;

/// <summary>Staff must use two-step verification, and an authenticator code works once.</summary>
[Collection(DemoSiteCollection.Name)]
public class StaffTwoStepTests(GrantsWebFactory site)
{
    private const string Password = "a long staff passphrase";

    [Fact]
    public async Task StaffWithoutTwoStep_AreSentToSetItUp_BeforeAnyStaffPage_ButKeepTheirAccountPages()
    {
        var email = await NewUserAsync(Roles.GrantsOfficer, twoStep: false);
        using var client = await site.SignedInClientAsync(email, Password);

        var officer = await client.GetAsync(new Uri("/officer", UriKind.Relative));
        var dashboard = await client.GetAsync(new Uri("/dashboard", UriKind.Relative));
        var setUp = await client.GetAsync(new Uri(StaffTwoStepGate.SetUpPath, UriKind.Relative));
        var account = await client.GetAsync(new Uri("/Account/Manage", UriKind.Relative));

        foreach (var staffPage in new[] { officer, dashboard })
        {
            Assert.Equal(HttpStatusCode.Redirect, staffPage.StatusCode);
            Assert.Equal(StaffTwoStepGate.SetUpPath, GrantsWebFactory.LocalPath(staffPage.Headers.Location!));
        }
        Assert.Equal(HttpStatusCode.OK, setUp.StatusCode);
        Assert.Contains("Your staff account needs two-step verification before you can carry on.", await setUp.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, account.StatusCode);
    }

    [Fact]
    public async Task StaffMember_WhoTurnsTwoStepOn_ReachesTheStaffPagesInTheSameSession()
    {
        var email = await NewUserAsync(Roles.GrantsOfficer, twoStep: false);
        using var client = await site.SignedInClientAsync(email, Password);
        await client.GetStringAsync(new Uri(StaffTwoStepGate.SetUpPath, UriKind.Relative));

        var turnedOn = await GrantsWebFactory.PostFormAsync(client, StaffTwoStepGate.SetUpPath, "send-code", new() { ["Input.Code"] = await site.NextAuthenticatorCodeAsync(email) });
        var officer = await client.GetAsync(new Uri("/officer", UriKind.Relative));

        Assert.Contains("Two-step verification is now on for your account.", await turnedOn.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, officer.StatusCode);
    }

    [Fact]
    public async Task Applicant_WithoutTwoStep_IsNotAskedForIt()
    {
        var email = await NewUserAsync(Roles.Applicant, twoStep: false);
        using var client = await site.SignedInClientAsync(email, Password);

        var applicant = await client.GetAsync(new Uri("/applicant", UriKind.Relative));
        var setUp = await client.GetStringAsync(new Uri(StaffTwoStepGate.SetUpPath, UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, applicant.StatusCode);
        Assert.DoesNotContain("Your staff account needs two-step verification", setUp, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DemoStaff_HaveTwoStepOn_WithTheKeysStartUpPrints()
    {
        var startup = site.Services.GetRequiredService<StartupTasks>();
        using var scope = site.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<Core.Data.ApplicationUser>>();

        var staff = startup.DemoSignIns!.Users.Where(u => u.Roles.Any(Roles.Staff.Contains)).ToList();

        Assert.NotEmpty(staff);
        Assert.Equal(staff.Select(u => u.Email).Order(), startup.DemoAuthenticatorKeys.Keys.Order());
        foreach (var demo in staff)
        {
            var user = (await users.FindByEmailAsync(demo.Email))!;
            Assert.True(await users.GetTwoFactorEnabledAsync(user), demo.Email);
            Assert.Equal(startup.DemoAuthenticatorKeys[demo.Email], await users.GetAuthenticatorKeyAsync(user));
        }
    }

    [Fact]
    public async Task AnAuthenticatorCode_SignsInOnce_TheSameCodeAgainIsRefused()
    {
        var email = await NewUserAsync(Roles.Applicant, twoStep: true);
        var code = await site.NextAuthenticatorCodeAsync(email);

        var first = await SecondStepAsync(email, code);
        var again = await SecondStepAsync(email, code);

        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.DoesNotContain("Login", first.Headers.Location?.ToString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Contains(AuthenticatorCode.Wrong, await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheCodeThatTurnedTwoStepOn_CannotThenSignIn()
    {
        var email = await NewUserAsync(Roles.Applicant, twoStep: false);
        using (var client = await site.SignedInClientAsync(email, Password))
        {
            await client.GetStringAsync(new Uri(StaffTwoStepGate.SetUpPath, UriKind.Relative));
            var code = await site.NextAuthenticatorCodeAsync(email);
            await GrantsWebFactory.PostFormAsync(client, StaffTwoStepGate.SetUpPath, "send-code", new() { ["Input.Code"] = code });

            var replay = await SecondStepAsync(email, code);

            Assert.Equal(HttpStatusCode.OK, replay.StatusCode);
            Assert.Contains(AuthenticatorCode.Wrong, await replay.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
    }

    /// <summary>A fresh client's sign-in with the password, then <paramref name="code"/> on the second step.</summary>
    private async Task<HttpResponseMessage> SecondStepAsync(string email, string code)
    {
        using var client = site.NewClient();
        var signIn = await GrantsWebFactory.SignInAsync(client, email, Password);
        return await GrantsWebFactory.PostFormAsync(client, GrantsWebFactory.LocalPath(signIn.Headers.Location!), "login-with-2fa",
            new() { ["Input.TwoFactorCode"] = code });
    }

    private async Task<string> NewUserAsync(string role, bool twoStep)
    {
        var email = $"twostep-{Guid.NewGuid():N}@example.org";
        await site.CreateUserAsync(email, Password, role, twoStep: twoStep);
        return email;
    }
}
