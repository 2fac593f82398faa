using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using GrantsCommissioning.Core.Data;
using GrantsCommissioning.Core.Features.Accounts;
using GrantsCommissioning.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GrantsCommissioning.Web.Tests.Account;

/// <summary>Your account (/Account/Manage/...) and the sign-in steps for two-step verification, each test with an account of its own.</summary>
[Collection(DemoSiteCollection.Name)]
public class ManageAccountPageTests(GrantsWebFactory site)
{
    private const string Password = "the original passphrase";

    [Theory]
    [InlineData("/Account/Manage", "Your account", "Your account", "Account/Manage", "page")]
    [InlineData("/Account/Manage/Email", "Change your email address", "Change your email address", "Account/Manage/Email", "page")]
    [InlineData("/Account/Manage/ChangePassword", "Change your password", "Change your password", "Account/Manage/ChangePassword", "page")]
    [InlineData("/Account/Manage/TwoFactorAuthentication", "Two-step verification", "Two-step verification", "Account/Manage/TwoFactorAuthentication", "page")]
    [InlineData("/Account/Manage/EnableAuthenticator", "Set up two-step verification", "Set up two-step verification", "Account/Manage/TwoFactorAuthentication", "true")]
    [InlineData("/Account/Manage/ResetAuthenticator", "Reset your authenticator key", "Are you sure you want to reset your authenticator key?", "Account/Manage/TwoFactorAuthentication", "true")]
    [InlineData("/Account/Manage/Passkeys", "Passkeys", "Passkeys", "Account/Manage/Passkeys", "page")]
    public async Task ManagePage_SignedIn_IsInTheHouseStyle(string path, string title, string heading, string section, string current)
    {
        using var client = await SignedInNewUserAsync();

        var response = await client.GetAsync(new Uri(path, UriKind.Relative));
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        AssertHouseStyle(html, title, heading);
        Assert.Contains("<nav aria-label=\"Your account\"", html, StringComparison.Ordinal);
        Assert.Contains($"<a href=\"{section}\" aria-current=\"{current}\">", html, StringComparison.Ordinal);
        Assert.Single(Regex.Matches(html, "aria-current="));
    }

    [Theory]
    [InlineData("/Account/Manage/Disable2fa", "Turn off two-step verification", "Are you sure you want to turn off two-step verification?")]
    [InlineData("/Account/Manage/GenerateRecoveryCodes", "Get new recovery codes", "Are you sure you want new recovery codes?")]
    [InlineData("/Account/Manage/ResetAuthenticator", "Reset your authenticator key", "Are you sure you want to reset your authenticator key?")]
    [InlineData("/Account/Manage/TwoFactorAuthentication", "Two-step verification", "Two-step verification")]
    public async Task TwoStepPages_WhenItIsOn_AreInTheHouseStyle_AndChangeNothingUntilConfirmed(string path, string title, string heading)
    {
        var (email, _) = await CreateUserAsync(twoStep: true);
        using var client = await site.SignedInClientAsync(email, Password);
        var before = await TwoStepStateAsync(email);

        var response = await client.GetAsync(new Uri(path, UriKind.Relative));
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        AssertHouseStyle(html, title, heading);
        Assert.Equal(before, await TwoStepStateAsync(email));
    }

    [Fact]
    public async Task Disable2fa_WhenConfirmed_TurnsTwoStepVerificationOff()
    {
        var (email, _) = await CreateUserAsync(twoStep: true);
        using var client = await site.SignedInClientAsync(email, Password);

        var response = await GrantsWebFactory.PostFormAsync(client, "/Account/Manage/Disable2fa", "disable-2fa", []);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.EndsWith("/Account/Manage/TwoFactorAuthentication", response.Headers.Location?.ToString(), StringComparison.Ordinal);
        Assert.False((await TwoStepStateAsync(email)).Enabled);
        var page = await client.GetStringAsync(response.Headers.Location);
        Assert.Contains("Two-step verification is off. You can turn it on again at any time", page, StringComparison.Ordinal);
        Assert.Contains("Two-step verification is <strong>off</strong>", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Profile_ShowsTheEmailAddressAndTheDetails()
    {
        var (email, _) = await CreateUserAsync();
        using var client = await site.SignedInClientAsync(email, Password);

        var html = await client.GetStringAsync(new Uri("/Account/Manage", UriKind.Relative));

        Assert.Matches($"<dt>Email address</dt>\\s*<dd>{Regex.Escape(email)}<br ?/?><a href=\"Account/Manage/Email\">Change your email address</a></dd>", html);
        Assert.Matches("id=\"Input.DisplayName\"[^>]*value=\"Test Person\"|value=\"Test Person\"[^>]*id=\"Input.DisplayName\"", html);
        Assert.Contains("autocomplete=\"tel\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Profile_Saved_ChangesTheNameAndTelephoneNumber_AndSaysSo()
    {
        var (email, _) = await CreateUserAsync();
        using var client = await site.SignedInClientAsync(email, Password);

        var response = await GrantsWebFactory.PostFormAsync(client, "/Account/Manage", "profile", new()
        {
            ["Input.DisplayName"] = "  Priya Sharma ",
            ["Input.PhoneNumber"] = "07700 900 982",
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.EndsWith("/Account/Manage", response.Headers.Location?.ToString(), StringComparison.Ordinal);
        var user = await FindAsync(email);
        Assert.Equal("Priya Sharma", user.DisplayName);
        Assert.Equal("07700 900 982", user.PhoneNumber);
        var page = await client.GetStringAsync(response.Headers.Location);
        Assert.Contains("<div class=\"notification notification--success\" role=\"status\">", page, StringComparison.Ordinal);
        Assert.Contains("Your details have been saved", page, StringComparison.Ordinal);
        Assert.Contains("value=\"Priya Sharma\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain("<title>Error: ", page, StringComparison.Ordinal);
        var again = await client.GetStringAsync(response.Headers.Location);
        Assert.DoesNotContain("Your details have been saved", again, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Profile_WithTheTelephoneNumberEmptied_RemovesIt()
    {
        var (email, _) = await CreateUserAsync(phone: "01905 331545");
        using var client = await site.SignedInClientAsync(email, Password);

        var response = await GrantsWebFactory.PostFormAsync(client, "/Account/Manage", "profile", new()
        {
            ["Input.DisplayName"] = "Test Person",
            ["Input.PhoneNumber"] = "",
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Null((await FindAsync(email)).PhoneNumber);
    }

    [Theory]
    [InlineData("New Name", "12ab", "Input.PhoneNumber", "Enter a telephone number, like 01905 331545 or 07700 900 982")]
    [InlineData("New Name", "12345", "Input.PhoneNumber", "Enter a telephone number, like 01905 331545 or 07700 900 982")]
    [InlineData("", "07700 900 982", "Input.DisplayName", "Enter your full name")]
    [InlineData("   ", "", "Input.DisplayName", "Enter your full name")]
    public async Task Profile_WithABadField_ShowsTheErrorSummary_AndChangesNothing(string name, string phone, string field, string message)
    {
        var (email, _) = await CreateUserAsync();
        using var client = await site.SignedInClientAsync(email, Password);

        var response = await GrantsWebFactory.PostFormAsync(client, "/Account/Manage", "profile", new()
        {
            ["Input.DisplayName"] = name,
            ["Input.PhoneNumber"] = phone,
        });
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        AssertFieldError(html, "Your account", field, message);
        var user = await FindAsync(email);
        Assert.Equal("Test Person", user.DisplayName);
        Assert.Null(user.PhoneNumber);
    }

    [Fact]
    public async Task Profile_WithANameOver100Characters_SaysSo()
    {
        var (email, _) = await CreateUserAsync();
        using var client = await site.SignedInClientAsync(email, Password);

        var response = await GrantsWebFactory.PostFormAsync(client, "/Account/Manage", "profile", new() { ["Input.DisplayName"] = new string('a', 101) });

        AssertFieldError(await response.Content.ReadAsStringAsync(), "Your account", "Input.DisplayName", "Your name must be 100 characters or fewer");
        Assert.Equal("Test Person", (await FindAsync(email)).DisplayName);
    }

    [Fact]
    public async Task ChangePassword_WithTheWrongCurrentPassword_SaysSoAgainstTheField_AndKeepsThePassword()
    {
        var (email, _) = await CreateUserAsync();
        using var client = await site.SignedInClientAsync(email, Password);

        var response = await ChangePasswordAsync(client, "not the passphrase", "a brand new passphrase", "a brand new passphrase");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        AssertFieldError(html, "Change your password", "Input.OldPassword", "Your current password is not right");
        Assert.DoesNotContain("Incorrect password", html, StringComparison.Ordinal);
        Assert.True(await CheckPasswordAsync(email, Password));
        Assert.False(await CheckPasswordAsync(email, "a brand new passphrase"));
    }

    [Fact]
    public async Task ChangePassword_WithAShortNewPassword_AsksForTwelveCharacters()
    {
        var (email, _) = await CreateUserAsync();
        using var client = await site.SignedInClientAsync(email, Password);

        var response = await ChangePasswordAsync(client, Password, "elevenchars", "different");
        var html = await response.Content.ReadAsStringAsync();

        AssertFieldError(html, "Change your password", "Input.NewPassword", "Your password must be between 12 and 100 characters");
        Assert.Contains("<a href=\"#Input.ConfirmPassword\">The passwords do not match</a>", html, StringComparison.Ordinal);
        Assert.Contains("At least 12 characters", html, StringComparison.Ordinal);
        Assert.True(await CheckPasswordAsync(email, Password));
    }

    [Fact]
    public async Task ChangePassword_WithTheRightCurrentPassword_ChangesIt()
    {
        var (email, _) = await CreateUserAsync();
        using var client = await site.SignedInClientAsync(email, Password);

        var response = await ChangePasswordAsync(client, Password, "a brand new passphrase", "a brand new passphrase");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var page = await client.GetStringAsync(response.Headers.Location);
        Assert.Contains("Your password has been changed", page, StringComparison.Ordinal);
        using var fresh = site.NewClient();
        var oldSignIn = await GrantsWebFactory.SignInAsync(fresh, email, Password);
        Assert.NotEqual(HttpStatusCode.Redirect, oldSignIn.StatusCode);
        var newSignIn = await GrantsWebFactory.SignInAsync(fresh, email, "a brand new passphrase");
        Assert.Equal(HttpStatusCode.Redirect, newSignIn.StatusCode);
        Assert.DoesNotContain("Login", newSignIn.Headers.Location?.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "Enter your new email address")]
    [InlineData("not-an-address", "Enter an email address in the correct format, like name@example.com")]
    [InlineData("SAME", "Enter a different email address from the one you use now")]
    public async Task Email_WithoutAGoodNewAddress_SaysSo(string newEmail, string message)
    {
        var (email, _) = await CreateUserAsync();
        using var client = await site.SignedInClientAsync(email, Password);

        var response = await GrantsWebFactory.PostFormAsync(client, "/Account/Manage/Email", "change-email",
            new() { ["Input.NewEmail"] = newEmail == "SAME" ? email.ToUpperInvariant() : newEmail });

        AssertFieldError(await response.Content.ReadAsStringAsync(), "Change your email address", "Input.NewEmail", message);
        Assert.Equal(0, await OutboxCountAsync(email));
    }

    [Fact]
    public async Task Email_WithANewAddress_SendsItALinkAndSaysSo()
    {
        var (email, _) = await CreateUserAsync();
        var newEmail = $"moved-{Guid.NewGuid():N}@example.org";
        using var client = await site.SignedInClientAsync(email, Password);

        var response = await GrantsWebFactory.PostFormAsync(client, "/Account/Manage/Email", "change-email", new() { ["Input.NewEmail"] = newEmail });
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains($"We have sent a link to {newEmail}. Follow it to change your email address. Until then, sign in with {email}.", html, StringComparison.Ordinal);
        Assert.Equal(1, await OutboxCountAsync(newEmail));
        Assert.Equal(email, (await FindAsync(email)).Email);
        await using var db = await site.Services.GetRequiredService<IDbContextFactory<GrantsDbContext>>().CreateDbContextAsync();
        var link = await db.Outbox.SingleAsync(e => e.ToAddress == newEmail);
        Assert.Equal("Confirm your new email address", link.Subject);
        Assert.Contains("/Account/ConfirmEmailChange?", link.BodyText, StringComparison.Ordinal);
        Assert.DoesNotContain("&amp;", link.BodyText, StringComparison.Ordinal);
        // The address in use now hears of it, in case someone else has the account.
        var warning = await db.Outbox.SingleAsync(e => e.ToAddress == email);
        Assert.Equal("Someone asked to change your account's email address", warning.Subject);
        Assert.Contains(newEmail, warning.BodyText, StringComparison.Ordinal);

        var url = new Uri(Regex.Match(link.BodyText, @"https?://\S+").Value);
        var confirmed = await client.GetAsync(new Uri(url.PathAndQuery, UriKind.Relative));
        Assert.True(confirmed.IsSuccessStatusCode || confirmed.StatusCode == HttpStatusCode.Redirect, confirmed.StatusCode.ToString());
        Assert.Equal(newEmail, (await FindAsync(newEmail)).UserName);
    }

    [Fact]
    public async Task EnableAuthenticator_ShowsAQrCodeAndTheKey()
    {
        var (email, _) = await CreateUserAsync();
        using var client = await site.SignedInClientAsync(email, Password);

        var html = await client.GetStringAsync(new Uri("/Account/Manage/EnableAuthenticator", UriKind.Relative));

        var key = KeyOnPage(html);
        using var scope = site.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        Assert.Equal(await users.GetAuthenticatorKeyAsync((await users.FindByEmailAsync(email))!), key);
        Assert.Matches("<div class=\"qr-code\" role=\"img\" aria-label=\"QR code[^\"]+\">\\s*<svg[^>]*viewBox=", html);
        Assert.Contains("<rect", html[html.IndexOf("<svg", StringComparison.Ordinal)..], StringComparison.Ordinal);
        Assert.Contains("inputmode=\"numeric\"", html, StringComparison.Ordinal);
        Assert.Contains("autocomplete=\"one-time-code\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("enable QR code generation", html, StringComparison.Ordinal);
        Assert.DoesNotContain("data-url=", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "Enter the 6-digit code from your authenticator app")]
    [InlineData("12345", "Enter the 6-digit code from your authenticator app")]
    [InlineData("WRONG", "The code is not right. Check your authenticator app and try again")]
    public async Task EnableAuthenticator_WithoutTheRightCode_SaysSoAndLeavesItOff(string code, string message)
    {
        var (email, _) = await CreateUserAsync();
        using var client = await site.SignedInClientAsync(email, Password);
        var key = KeyOnPage(await client.GetStringAsync(new Uri("/Account/Manage/EnableAuthenticator", UriKind.Relative)));

        var response = await GrantsWebFactory.PostFormAsync(client, "/Account/Manage/EnableAuthenticator", "send-code",
            new() { ["Input.Code"] = code == "WRONG" ? WrongCode(key) : code });
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        AssertFieldError(html, "Set up two-step verification", "Input.Code", message);
        Assert.False((await TwoStepStateAsync(email)).Enabled);
    }

    [Fact]
    public async Task EnableAuthenticator_WithTheRightCode_TurnsItOn_ShowsRecoveryCodes_ThatThenSignIn()
    {
        var (email, _) = await CreateUserAsync();
        using var client = await site.SignedInClientAsync(email, Password);
        var key = KeyOnPage(await client.GetStringAsync(new Uri("/Account/Manage/EnableAuthenticator", UriKind.Relative)));

        var response = await GrantsWebFactory.PostFormAsync(client, "/Account/Manage/EnableAuthenticator", "send-code",
            new() { ["Input.Code"] = Totp.Code(key, CurrentStep()).Insert(3, " ") });
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        AssertHouseStyle(html, "Save your recovery codes", "Save your recovery codes");
        Assert.Contains("Two-step verification is now on for your account.", html, StringComparison.Ordinal);
        Assert.Contains("Keep these codes safe", html, StringComparison.Ordinal);
        var codes = Regex.Matches(html, "<li><code>([^<]+)</code></li>").Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(10, codes.Count);
        var state = await TwoStepStateAsync(email);
        Assert.True(state.Enabled);
        Assert.Equal(10, state.RecoveryCodes);

        // Signing in now asks for a code; a recovery code from the list will do instead.
        using var later = site.NewClient();
        var signIn = await GrantsWebFactory.SignInAsync(later, email, Password);
        Assert.Contains("/Account/LoginWith2fa", signIn.Headers.Location?.ToString(), StringComparison.Ordinal);
        var codePage = await later.GetStringAsync(signIn.Headers.Location);
        AssertHouseStyle(codePage, "Enter the code from your authenticator app", "Enter the code from your authenticator app");
        Assert.Contains("autocomplete=\"one-time-code\"", codePage, StringComparison.Ordinal);
        var recovery = await GrantsWebFactory.PostFormAsync(later, "/Account/LoginWithRecoveryCode", "login-with-recovery-code",
            new() { ["Input.RecoveryCode"] = codes[0].ToLowerInvariant() });
        Assert.Equal(HttpStatusCode.Redirect, recovery.StatusCode);
        Assert.DoesNotContain("Login", recovery.Headers.Location?.ToString(), StringComparison.Ordinal);
        Assert.Equal(9, (await TwoStepStateAsync(email)).RecoveryCodes);
    }

    [Fact]
    public async Task LoginWith2fa_WithAWrongCode_SaysSoAgainstTheField_AndTheRightCodeSignsIn()
    {
        var (email, key) = await CreateUserAsync(twoStep: true);
        using var client = site.NewClient();
        var signIn = await GrantsWebFactory.SignInAsync(client, email, Password);
        var path = SecondStepPath(signIn);

        var wrong = await GrantsWebFactory.PostFormAsync(client, path, "login-with-2fa", new() { ["Input.TwoFactorCode"] = WrongCode(key!) });
        var wrongHtml = await wrong.Content.ReadAsStringAsync();
        var right = await GrantsWebFactory.PostFormAsync(client, path, "login-with-2fa", new() { ["Input.TwoFactorCode"] = await site.NextAuthenticatorCodeAsync(email) });

        Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        AssertFieldError(wrongHtml, "Enter the code from your authenticator app", "Input.TwoFactorCode", "The code is not right. Check your authenticator app and try again");
        Assert.Equal(HttpStatusCode.Redirect, right.StatusCode);
        Assert.DoesNotContain("Login", right.Headers.Location?.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task LoginWithRecoveryCode_WithAWrongCode_SaysSoAgainstTheField()
    {
        var (email, _) = await CreateUserAsync(twoStep: true);
        using var client = site.NewClient();
        await GrantsWebFactory.SignInAsync(client, email, Password);

        var response = await GrantsWebFactory.PostFormAsync(client, "/Account/LoginWithRecoveryCode", "login-with-recovery-code",
            new() { ["Input.RecoveryCode"] = "NOTAC-ODE00" });

        AssertFieldError(await response.Content.ReadAsStringAsync(), "Sign in with a recovery code", "Input.RecoveryCode",
            "The recovery code is not right, or has been used already. Check it and try again");
        Assert.Equal(10, (await TwoStepStateAsync(email)).RecoveryCodes);
    }

    [Theory]
    [InlineData("/Account/LoginWith2fa")]
    [InlineData("/Account/LoginWithRecoveryCode")]
    public async Task SecondSignInStep_WithoutAPassword_GoesBackToSignIn(string path)
    {
        using var client = site.NewClient();

        var response = await client.GetAsync(new Uri(path, UriKind.Relative));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.EndsWith("/Account/Login", response.Headers.Location?.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GenerateRecoveryCodes_WhenConfirmed_ReplacesTheCodes()
    {
        var (email, _) = await CreateUserAsync(twoStep: true);
        using var client = await site.SignedInClientAsync(email, Password);

        var response = await GrantsWebFactory.PostFormAsync(client, "/Account/Manage/GenerateRecoveryCodes", "generate-recovery-codes", []);
        var html = await response.Content.ReadAsStringAsync();

        AssertHouseStyle(html, "Save your recovery codes", "Save your recovery codes");
        Assert.Equal(10, Regex.Count(html, "<li><code>"));
        Assert.Contains("You have new recovery codes. Your old ones no longer work.", html, StringComparison.Ordinal);
    }

    private static Task<HttpResponseMessage> ChangePasswordAsync(HttpClient client, string current, string newPassword, string confirm) =>
        GrantsWebFactory.PostFormAsync(client, "/Account/Manage/ChangePassword", "change-password", new()
        {
            ["Input.OldPassword"] = current,
            ["Input.NewPassword"] = newPassword,
            ["Input.ConfirmPassword"] = confirm,
        });

    private static void AssertHouseStyle(string html, string title, string heading)
    {
        Assert.Contains($"<title>{WebUtility.HtmlEncode(title)}</title>", html, StringComparison.Ordinal);
        Assert.Single(Regex.Matches(html, "<h1[ >]"));
        Assert.Contains($"<h1>{WebUtility.HtmlEncode(heading)}</h1>", html, StringComparison.Ordinal);
        foreach (var stock in new[] { "form-floating", "btn-primary", "btn btn", "placeholder", "alert-", "text-danger", "col-md-", "col-xl-", "go.microsoft.com" })
        {
            Assert.DoesNotContain(stock, html, StringComparison.Ordinal);
        }
    }

    private static void AssertFieldError(string html, string title, string field, string message)
    {
        Assert.Contains($"<title>Error: {WebUtility.HtmlEncode(title)}</title>", html, StringComparison.Ordinal);
        Assert.Contains("There is a problem", html, StringComparison.Ordinal);
        Assert.Contains($"<a href=\"#{field}\">{message}</a>", html, StringComparison.Ordinal);
        Assert.Contains($"<p class=\"error-message\" id=\"{field}-error\"><span class=\"visually-hidden\">Error:</span> {message}</p>", html, StringComparison.Ordinal);
        Assert.Matches($"id=\"{Regex.Escape(field)}\"[^>]*aria-describedby=\"[^\"]*{Regex.Escape(field)}-error\"", html);
    }

    private static string KeyOnPage(string html) =>
        Regex.Match(html, "id=\"authenticator-key\">([^<]+)<").Groups[1].Value.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant();

    private static string SecondStepPath(HttpResponseMessage signIn)
    {
        var path = GrantsWebFactory.LocalPath(signIn.Headers.Location!);
        Assert.Contains("/Account/LoginWith2fa", path, StringComparison.Ordinal);
        return path;
    }

    private async Task<HttpClient> SignedInNewUserAsync()
    {
        var (email, _) = await CreateUserAsync();
        return await site.SignedInClientAsync(email, Password);
    }

    /// <summary>A confirmed applicant of this test's own; with <paramref name="twoStep"/>, two-step verification on, 10 recovery codes and the key returned.</summary>
    private async Task<(string Email, string? Key)> CreateUserAsync(bool twoStep = false, string? phone = null)
    {
        var email = $"manage-{Guid.NewGuid():N}@example.org";
        string? key = null;
        await site.CreateUserAsync(email, Password, phone: phone, setUp: async (users, user) =>
        {
            if (twoStep)
            {
                await users.ResetAuthenticatorKeyAsync(user);
                await users.SetTwoFactorEnabledAsync(user, true);
                await users.GenerateNewTwoFactorRecoveryCodesAsync(user, 10);
                key = await users.GetAuthenticatorKeyAsync(user);
            }
        });
        return (email, key);
    }

    private async Task<ApplicationUser> FindAsync(string email) => (await site.FindUserAsync(email))!;

    private async Task<bool> CheckPasswordAsync(string email, string password)
    {
        using var scope = site.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        return await users.CheckPasswordAsync((await users.FindByEmailAsync(email))!, password);
    }

    private sealed record TwoStep(bool Enabled, string? Key, int RecoveryCodes);

    private async Task<TwoStep> TwoStepStateAsync(string email)
    {
        using var scope = site.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = (await users.FindByEmailAsync(email))!;
        return new TwoStep(await users.GetTwoFactorEnabledAsync(user), await users.GetAuthenticatorKeyAsync(user), await users.CountRecoveryCodesAsync(user));
    }

    private async Task<int> OutboxCountAsync(string email)
    {
        await using var db = await site.Services.GetRequiredService<IDbContextFactory<GrantsDbContext>>().CreateDbContextAsync();
        return await db.Outbox.CountAsync(e => e.ToAddress == email);
    }

    private static long CurrentStep() => DateTimeOffset.UtcNow.ToUnixTimeSeconds() / 30;

    /// <summary>A 6-digit code that no authenticator would show for the key around now (Identity accepts 2 steps either side).</summary>
    private static string WrongCode(string key)
    {
        var now = CurrentStep();
        var near = Enumerable.Range(-3, 7).Select(i => Totp.Code(key, now + i)).ToHashSet();
        return Enumerable.Range(0, 10).Select(i => i.ToString("D6", CultureInfo.InvariantCulture)).First(code => !near.Contains(code));
    }
}
