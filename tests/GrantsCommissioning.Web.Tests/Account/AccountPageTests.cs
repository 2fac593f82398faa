using System.Net;
using System.Text;
using GrantsCommissioning.Core.Data;
using GrantsCommissioning.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GrantsCommissioning.Web.Tests.Account;

/// <summary>The account pages an applicant meets besides sign-in and create an account: forgotten password, reset, confirming an address.</summary>
[Collection(DemoSiteCollection.Third)]
public class AccountPageTests(GrantsWebFactory site)
{
    [Theory]
    [InlineData("/Account/ForgotPassword", "Reset your password")]
    [InlineData("/Account/ResendEmailConfirmation", "Send the confirmation link again")]
    public async Task EmailForms_AreInTheHouseStyle(string path, string heading)
    {
        using var client = site.NewClient();

        var html = await client.GetStringAsync(new Uri(path, UriKind.Relative));

        Assert.Contains($"<title>{heading}</title>", html, StringComparison.Ordinal);
        Assert.Contains($"<h1>{heading}</h1>", html, StringComparison.Ordinal);
        Assert.Contains("novalidate", html, StringComparison.Ordinal);
        Assert.Contains("<label class=\"form-label\" for=\"Input.Email\">Email address</label>", html, StringComparison.Ordinal);
        Assert.Contains("id=\"Input.Email\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("placeholder", html, StringComparison.Ordinal);
        Assert.DoesNotContain("form-floating", html, StringComparison.Ordinal);
        Assert.DoesNotContain("btn-primary", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/Account/ForgotPassword", "forgot-password", "", "Enter your email address")]
    [InlineData("/Account/ForgotPassword", "forgot-password", "not-an-address", "Enter an email address in the correct format, like name@example.com")]
    [InlineData("/Account/ResendEmailConfirmation", "resend-email-confirmation", "", "Enter your email address")]
    [InlineData("/Account/ResendEmailConfirmation", "resend-email-confirmation", "not-an-address", "Enter an email address in the correct format, like name@example.com")]
    public async Task EmailForms_WithoutAGoodAddress_ShowTheErrorSummaryAndTheFieldError(string path, string form, string email, string message)
    {
        using var client = site.NewClient();

        var response = await PostAsync(client, path, form, new() { ["Input.Email"] = email });
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("<title>Error: ", html, StringComparison.Ordinal);
        Assert.Contains("There is a problem", html, StringComparison.Ordinal);
        Assert.Contains($"<a href=\"#Input.Email\">{message}</a>", html, StringComparison.Ordinal);
        Assert.Contains("id=\"Input.Email-error\"", html, StringComparison.Ordinal);
        Assert.Contains("aria-describedby=\"Input.Email-error\"", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/Account/Login", "login", "Sign in", "Enter your password")]
    [InlineData("/Account/Register", "register", "Create an account", "Create a password")]
    public async Task SignInAndCreateAccount_LeftEmpty_ShowTheErrorSummaryAndErrorTitle(string path, string form, string title, string passwordMessage)
    {
        using var client = site.NewClient();

        var response = await PostAsync(client, path, form, new() { ["Input.Email"] = "", ["Input.Password"] = "" });
        var html = await response.Content.ReadAsStringAsync();

        Assert.Contains($"<title>Error: {title}</title>", html, StringComparison.Ordinal);
        Assert.Contains("There is a problem", html, StringComparison.Ordinal);
        Assert.Contains("<a href=\"#Input.Email\">Enter your email address</a>", html, StringComparison.Ordinal);
        Assert.Contains($"<a href=\"#Input.Password\">{passwordMessage}</a>", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(true, "account-already-exists", "You already have an account")]
    [InlineData(false, "account-confirm-email", "Confirm your email address")]
    public async Task Register_WithAnAddressThatHasAnAccount_AnswersAsForANewAddress_AndEmailsTheOwner(bool confirmed, string template, string subject)
    {
        var taken = $"taken-{Guid.NewGuid():N}@example.org";
        var fresh = $"fresh-{Guid.NewGuid():N}@example.org";
        await CreateUserAsync(taken, confirmed, (_, _) => Task.FromResult(""));
        using var client = site.NewClient();

        var again = await PostAsync(client, "/Account/Register", "register", RegisterFields("Someone Else", taken));
        var anew = await PostAsync(client, "/Account/Register", "register", RegisterFields("New Person", fresh));

        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        Assert.Equal(anew.StatusCode, again.StatusCode);
        Assert.Equal(anew.Headers.Location?.ToString().Replace(Uri.EscapeDataString(fresh), "ADDRESS", StringComparison.Ordinal),
            again.Headers.Location?.ToString().Replace(Uri.EscapeDataString(taken), "ADDRESS", StringComparison.Ordinal));
        var takenPage = await client.GetStringAsync(again.Headers.Location);
        var freshPage = await client.GetStringAsync(anew.Headers.Location);
        Assert.Equal(MainContent(freshPage).Replace(fresh, "ADDRESS", StringComparison.Ordinal), MainContent(takenPage).Replace(taken, "ADDRESS", StringComparison.Ordinal));
        Assert.Contains("<h1>Check your email</h1>", takenPage, StringComparison.Ordinal);

        await using var db = await site.Services.GetRequiredService<IDbContextFactory<GrantsDbContext>>().CreateDbContextAsync();
        var owner = await db.Outbox.SingleAsync(e => e.ToAddress == taken);
        Assert.Equal(template, owner.Template);
        Assert.Equal(subject, owner.Subject);
        Assert.Equal("Test Person", owner.ToName);
        if (confirmed)
        {
            Assert.Contains("/Account/Login", owner.BodyText, StringComparison.Ordinal);
            Assert.Contains("/Account/ForgotPassword", owner.BodyText, StringComparison.Ordinal);
        }
        Assert.Equal(1, await db.Users.CountAsync(u => u.Email == taken));
        Assert.Equal("Test Person", (await db.Users.SingleAsync(u => u.Email == taken)).DisplayName);
        Assert.Equal("account-confirm-email", (await db.Outbox.SingleAsync(e => e.ToAddress == fresh)).Template);
    }

    [Fact]
    public async Task Register_WithAShortPasswordForATakenAddress_AsksForALongerPassword_AndSaysNothingOfTheAccount()
    {
        using var client = site.NewClient();
        var fields = RegisterFields("Someone Else", "applicant@demo.opcc-grants.example");
        fields["Input.Password"] = fields["Input.ConfirmPassword"] = "too short";

        var response = await PostAsync(client, "/Account/Register", "register", fields);
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("<title>Error: Create an account</title>", html, StringComparison.Ordinal);
        Assert.Contains("<a href=\"#Input.Password\">Your password must be between 12 and 100 characters</a>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("already uses", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("already taken", html, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task RegisterConfirmation_SaysTheSameForAnyAddress()
    {
        using var client = site.NewClient();

        var known = await client.GetStringAsync(new Uri("/Account/RegisterConfirmation?email=applicant%40demo.opcc-grants.example", UriKind.Relative));
        var unknown = await client.GetStringAsync(new Uri("/Account/RegisterConfirmation?email=nobody%40example.org", UriKind.Relative));

        Assert.Contains("<h1>Check your email</h1>", unknown, StringComparison.Ordinal);
        Assert.Equal(MainContent(unknown).Replace("nobody@example.org", "ADDRESS", StringComparison.Ordinal),
            MainContent(known).Replace("applicant@demo.opcc-grants.example", "ADDRESS", StringComparison.Ordinal));
    }

    /// <summary>The page's main content: the rest carries per-request tokens.</summary>
    private static string MainContent(string html) =>
        html[html.IndexOf("<main", StringComparison.Ordinal)..(html.IndexOf("</main>", StringComparison.Ordinal) + 7)];

    private static Dictionary<string, string> RegisterFields(string name, string email) => new()
    {
        ["Input.DisplayName"] = name,
        ["Input.Email"] = email,
        ["Input.Password"] = "a long enough passphrase",
        ["Input.ConfirmPassword"] = "a long enough passphrase",
    };

    [Fact]
    public async Task ForgotPassword_AnswersTheSameWhetherOrNotThereIsAnAccount()
    {
        using var client = site.NewClient();

        var known = await PostAsync(client, "/Account/ForgotPassword", "forgot-password", new() { ["Input.Email"] = "applicant@demo.opcc-grants.example" });
        var unknown = await PostAsync(client, "/Account/ForgotPassword", "forgot-password", new() { ["Input.Email"] = "nobody@example.org" });

        Assert.Equal(HttpStatusCode.Redirect, known.StatusCode);
        Assert.Equal(known.StatusCode, unknown.StatusCode);
        Assert.Equal(known.Headers.Location, unknown.Headers.Location);
        Assert.EndsWith("/Account/ForgotPasswordConfirmation", known.Headers.Location?.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ResendEmailConfirmation_AnswersTheSameWhetherOrNotThereIsAnAccount()
    {
        using var client = site.NewClient();

        var known = await PostAsync(client, "/Account/ResendEmailConfirmation", "resend-email-confirmation", new() { ["Input.Email"] = "applicant@demo.opcc-grants.example" });
        var unknown = await PostAsync(client, "/Account/ResendEmailConfirmation", "resend-email-confirmation", new() { ["Input.Email"] = "nobody@example.org" });
        var knownHtml = await known.Content.ReadAsStringAsync();
        var unknownHtml = await unknown.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, known.StatusCode);
        Assert.Equal(HttpStatusCode.OK, unknown.StatusCode);
        Assert.Contains("If an account uses <strong>applicant@demo.opcc-grants.example</strong>, we have sent it a new link", knownHtml, StringComparison.Ordinal);
        Assert.Contains("If an account uses <strong>nobody@example.org</strong>, we have sent it a new link", unknownHtml, StringComparison.Ordinal);
        Assert.DoesNotContain("<title>Error: ", knownHtml, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/Account/ResetPassword")]
    [InlineData("/Account/ResetPassword?code=%25%25not-base64%25%25")]
    public async Task ResetPassword_WithoutAUsableCode_SendsToTheInvalidLinkPage(string path)
    {
        using var client = site.NewClient();

        var response = await client.GetAsync(new Uri(path, UriKind.Relative));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.EndsWith("/Account/InvalidPasswordReset", response.Headers.Location?.ToString(), StringComparison.Ordinal);
        var invalid = await client.GetStringAsync(new Uri("/Account/InvalidPasswordReset", UriKind.Relative));
        Assert.Contains("href=\"Account/ForgotPassword\"", invalid, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ResetPassword_WithAShortPassword_AsksForTwelveCharacters()
    {
        using var client = site.NewClient();
        var path = "/Account/ResetPassword?code=" + WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes("some-token"));

        var response = await PostAsync(client, path, "reset-password", new()
        {
            ["Input.Email"] = "applicant@demo.opcc-grants.example",
            ["Input.Password"] = "elevenchars",
            ["Input.ConfirmPassword"] = "different",
        });
        var html = await response.Content.ReadAsStringAsync();

        Assert.Contains("<title>Error: Choose a new password</title>", html, StringComparison.Ordinal);
        Assert.Contains("<a href=\"#Input.Password\">Your password must be between 12 and 100 characters</a>", html, StringComparison.Ordinal);
        Assert.Contains("<a href=\"#Input.ConfirmPassword\">The passwords do not match</a>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("placeholder", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ResetPassword_WithAGoodLink_ChangesThePassword_AndABadLinkSaysSo()
    {
        var email = $"reset-{Guid.NewGuid():N}@example.org";
        var token = await CreateUserAsync(email, confirmed: true, (users, user) => users.GeneratePasswordResetTokenAsync(user));
        using var client = site.NewClient();

        var bad = await PostAsync(client, "/Account/ResetPassword?code=" + Encode("not-the-token"), "reset-password", new()
        {
            ["Input.Email"] = email,
            ["Input.Password"] = "a brand new passphrase",
            ["Input.ConfirmPassword"] = "a brand new passphrase",
        });
        var badHtml = WebUtility.HtmlDecode(await bad.Content.ReadAsStringAsync());
        var good = await PostAsync(client, "/Account/ResetPassword?code=" + Encode(token), "reset-password", new()
        {
            ["Input.Email"] = email,
            ["Input.Password"] = "a brand new passphrase",
            ["Input.ConfirmPassword"] = "a brand new passphrase",
        });

        Assert.Contains("<title>Error: Choose a new password</title>", badHtml, StringComparison.Ordinal);
        Assert.Contains("The link to reset your password has expired", badHtml, StringComparison.Ordinal);
        Assert.Contains("<a href=\"Account/ForgotPassword\">Ask for a new link to reset your password</a>", badHtml, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, good.StatusCode);
        Assert.EndsWith("/Account/ResetPasswordConfirmation", good.Headers.Location?.ToString(), StringComparison.Ordinal);
        var signIn = await GrantsWebFactory.SignInAsync(client, email, "a brand new passphrase");
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.DoesNotContain("Login", signIn.Headers.Location?.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConfirmEmail_WithAGoodLink_ConfirmsTheAddressAndOffersSignIn()
    {
        var email = $"confirm-{Guid.NewGuid():N}@example.org";
        string? userId = null;
        var token = await CreateUserAsync(email, confirmed: false, async (users, user) =>
        {
            userId = user.Id;
            return await users.GenerateEmailConfirmationTokenAsync(user);
        });
        using var client = site.NewClient();

        var html = await client.GetStringAsync(new Uri($"/Account/ConfirmEmail?userId={userId}&code={Encode(token)}", UriKind.Relative));

        Assert.Contains("<title>Email address confirmed</title>", html, StringComparison.Ordinal);
        Assert.Contains("<h1>Email address confirmed</h1>", html, StringComparison.Ordinal);
        Assert.Contains("<a class=\"button\" id=\"sign-in\" href=\"Account/Login\">Sign in</a>", html, StringComparison.Ordinal);
        Assert.True((await site.FindUserAsync(email))!.EmailConfirmed);
    }

    [Theory]
    [InlineData(true, "not-the-token")]
    [InlineData(true, null)]
    [InlineData(false, "not-the-token")]
    public async Task ConfirmEmail_WithABadLink_SaysSoAndOffersANewLink(bool knownUser, string? code)
    {
        var email = $"unconfirmed-{Guid.NewGuid():N}@example.org";
        string? userId = null;
        await CreateUserAsync(email, confirmed: false, (_, user) => Task.FromResult(userId = user.Id));
        using var client = site.NewClient();
        var query = $"userId={(knownUser ? userId : Guid.NewGuid().ToString())}&code={(code is null ? "%25%25cut-short" : Encode(code))}";

        var response = await client.GetAsync(new Uri("/Account/ConfirmEmail?" + query, UriKind.Relative));
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("<h1>Your email address has not been confirmed</h1>", html, StringComparison.Ordinal);
        Assert.Contains("href=\"Account/ResendEmailConfirmation\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Email address confirmed", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Lockout_SaysHowLongTheAccountIsLocked()
    {
        using var client = site.NewClient();

        var html = await client.GetStringAsync(new Uri("/Account/Lockout", UriKind.Relative));

        Assert.Contains("<h1>Your account is locked</h1>", html, StringComparison.Ordinal);
        Assert.Contains("Wait 15 minutes", html, StringComparison.Ordinal);
        Assert.DoesNotContain("text-danger", html, StringComparison.Ordinal);
    }

    private static string Encode(string token) => WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(token));

    /// <summary>Creates an applicant account for one test and returns what <paramref name="token"/> makes for it.</summary>
    private async Task<string> CreateUserAsync(string email, bool confirmed, Func<UserManager<ApplicationUser>, ApplicationUser, Task<string>> token)
    {
        var result = "";
        await site.CreateUserAsync(email, "the original passphrase", confirmed: confirmed, setUp: async (users, user) => result = await token(users, user));
        return result;
    }

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, string path, string form, Dictionary<string, string> fields)
    {
        var page = await client.GetStringAsync(new Uri(path, UriKind.Relative));
        fields["__RequestVerificationToken"] = GrantsWebFactory.AntiforgeryToken(page);
        fields["_handler"] = form;
        using var content = new FormUrlEncodedContent(fields);
        return await client.PostAsync(new Uri(path, UriKind.Relative), content);
    }
}
