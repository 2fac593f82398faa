using System.Net;
using GrantsCommissioning.Core.Data;
using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Web.Components.Account;
using GrantsCommissioning.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GrantsCommissioning.Web.Tests.Security;

/// <summary>A session ends when it should: sign-out, a password change, a role taken away, the account disabled.</summary>
[Collection(DemoSiteCollection.Third)]
public class SessionTests(GrantsWebFactory site)
{
    private const string Password = "the original passphrase";

    [Fact]
    public async Task SignOut_EndsTheSession_SoACopyOfTheOldCookieNoLongerOpensYourAccount()
    {
        var email = await NewUserAsync(Roles.Applicant);
        var cookies = new CookieContainer();
        using var client = await site.SignedInClientAsync(email, Password, cookies);
        using var copy = site.NewClient(Copy(cookies));
        Assert.Equal(HttpStatusCode.OK, (await copy.GetAsync(new Uri("/Account/Manage", UriKind.Relative))).StatusCode);

        var signedOut = await SignOutAsync(client);

        Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);
        AssertSentToSignIn(await copy.GetAsync(new Uri("/Account/Manage", UriKind.Relative)));
    }

    [Fact]
    public async Task PasswordChange_EndsTheOtherSessions_ButNotTheOneThatChangedIt()
    {
        var email = await NewUserAsync(Roles.Applicant);
        using var other = await site.SignedInClientAsync(email, Password);
        using var client = await site.SignedInClientAsync(email, Password);

        var changed = await GrantsWebFactory.PostFormAsync(client, "/Account/Manage/ChangePassword", "change-password", new()
        {
            ["Input.OldPassword"] = Password, ["Input.NewPassword"] = "a brand new passphrase", ["Input.ConfirmPassword"] = "a brand new passphrase",
        });

        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        AssertSentToSignIn(await other.GetAsync(new Uri("/Account/Manage", UriKind.Relative)));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/Account/Manage", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task OpeningTheTwoStepSetUpPage_WhichMakesAFirstKey_LeavesOtherSessionsWorking()
    {
        var email = await NewUserAsync(Roles.Applicant);
        using var other = await site.SignedInClientAsync(email, Password);
        using var client = await site.SignedInClientAsync(email, Password);

        await client.GetStringAsync(new Uri(StaffTwoStepGate.SetUpPath, UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, (await other.GetAsync(new Uri("/Account/Manage", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task RoleTakenAway_EndsTheSessionAtTheNextRequest()
    {
        var email = await NewUserAsync(Roles.Finance);
        using var client = await site.SignedInClientAsync(email, Password);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/finance", UriKind.Relative))).StatusCode);

        await WithUserAsync(email, (users, user) => users.RemoveFromRoleAsync(user, Roles.Finance));

        AssertSentToSignIn(await client.GetAsync(new Uri("/finance", UriKind.Relative)));
    }

    [Fact]
    public async Task DisabledAccount_LosesItsSession_AndCannotSignInAgain()
    {
        var email = await NewUserAsync(Roles.GrantsOfficer);
        using var client = await site.SignedInClientAsync(email, Password);

        await WithUserAsync(email, (users, user) => ((GrantsUserManager)users).DisableAsync(user));

        AssertSentToSignIn(await client.GetAsync(new Uri("/officer", UriKind.Relative)));
        using var again = site.NewClient();
        var signIn = await GrantsWebFactory.SignInAsync(again, email, Password);
        Assert.Contains("Account/Lockout", signIn.Headers.Location?.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AccountMarkedDisabledWithItsStampUnchanged_LosesItsSessionAtTheNextRequest()
    {
        var email = await NewUserAsync(Roles.GrantsOfficer);
        using var client = await site.SignedInClientAsync(email, Password);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/officer", UriKind.Relative))).StatusCode);

        // As an administrator's tool or a database fix might leave it: disabled, the security stamp as it was.
        await using (var db = site.Services.GetRequiredService<IDbContextFactory<GrantsDbContext>>().CreateDbContext())
        {
            Assert.Equal(1, await db.Users.Where(u => u.Email == email).ExecuteUpdateAsync(u => u.SetProperty(x => x.IsDisabled, true)));
        }

        AssertSentToSignIn(await client.GetAsync(new Uri("/officer", UriKind.Relative)));
    }

    [Fact]
    public async Task AccountDeleted_LosesItsSessionAtTheNextRequest()
    {
        var email = await NewUserAsync(Roles.Applicant);
        using var client = await site.SignedInClientAsync(email, Password);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/Account/Manage", UriKind.Relative))).StatusCode);

        await WithUserAsync(email, (users, user) => users.DeleteAsync(user));

        AssertSentToSignIn(await client.GetAsync(new Uri("/Account/Manage", UriKind.Relative)));
    }

    private static void AssertSentToSignIn(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/Account/Login", response.Headers.Location?.ToString(), StringComparison.Ordinal);
    }

    private static async Task<HttpResponseMessage> SignOutAsync(HttpClient client)
    {
        var page = await client.GetStringAsync(new Uri("/Account/Manage", UriKind.Relative));
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = GrantsWebFactory.AntiforgeryToken(page), ["ReturnUrl"] = "",
        });
        return await client.PostAsync(new Uri("/Account/Logout", UriKind.Relative), form);
    }

    private static CookieContainer Copy(CookieContainer cookies)
    {
        var copy = new CookieContainer();
        copy.Add(cookies.GetAllCookies());
        return copy;
    }

    private async Task WithUserAsync(string email, Func<UserManager<ApplicationUser>, ApplicationUser, Task<IdentityResult>> change)
    {
        using var scope = site.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var result = await change(users, (await users.FindByEmailAsync(email))!);
        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => e.Description)));
    }

    private async Task<string> NewUserAsync(string role)
    {
        var email = $"session-{Guid.NewGuid():N}@example.org";
        await site.CreateUserAsync(email, Password, role);
        return email;
    }
}
