using System.Net;
using System.Text.RegularExpressions;
using GrantsCommissioning.Core.Data;
using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GrantsCommissioning.Web.Tests.Staff;

/// <summary>
/// The administrator's staff accounts, through the real pages and forms: only administrators reach them; an invitation
/// creates the account and emails a link that sets its first password; disabling ends the person's open session on its
/// next request; a role taken away does too; the last administrator and one's own account are protected; every change
/// is in the account's history.
/// </summary>
[Collection(DemoSiteCollection.Fourth)]
public partial class StaffAdministrationTests(GrantsWebFactory site)
{
    private const string Admin = "admin@demo.opcc-grants.example";
    private const string Denied = "denied";
    private const string SignIn = "sign-in";
    private const string Ok = "200";

    [Theory]
    [InlineData(Admin, Ok)]
    [InlineData("officer@demo.opcc-grants.example", Denied)]
    [InlineData("assessor@demo.opcc-grants.example", Denied)]
    [InlineData("chief.executive@demo.opcc-grants.example", Denied)]
    [InlineData("commissioner@demo.opcc-grants.example", Denied)]
    [InlineData("finance@demo.opcc-grants.example", Denied)]
    [InlineData("panel@demo.opcc-grants.example", Denied)]
    [InlineData("applicant@demo.opcc-grants.example", Denied)]
    [InlineData(null, SignIn)]
    public async Task StaffRoutes_ForEachRole_AreForAdministratorsOnly(string? email, string expected)
    {
        var officer = (await site.FindUserAsync("officer@demo.opcc-grants.example"))!.Id;
        using var client = email is null ? site.NewClient() : await site.SignedInClientAsync(email);

        var answers = new List<string>();
        foreach (var path in new[] { "/admin/staff", "/admin/staff/invite", $"/admin/staff/{officer}", "/exports/staff.csv" })
        {
            answers.Add(Answer(await client.GetAsync(new Uri(path, UriKind.Relative))));
        }

        Assert.Equal(Enumerable.Repeat(expected, 4), answers);
    }

    [Fact]
    public async Task AccountPage_ForAnApplicantOrAnUnknownId_IsNotFound()
    {
        var applicant = (await site.FindUserAsync("applicant@demo.opcc-grants.example"))!.Id;
        using var client = await site.SignedInClientAsync(Admin);

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(new Uri($"/admin/staff/{applicant}", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(new Uri("/admin/staff/no-such-user", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task Invite_CreatesTheAccountWithItsRoles_AndTheEmailedLinkSetsItsFirstPassword()
    {
        var email = $"new.officer.{Guid.NewGuid():N}@opcc.example";
        using var admin = await site.SignedInClientAsync(Admin);

        var response = await PostAsync(admin, "/admin/staff/invite", "invite",
            ("Input.Name", "Nadia Officer"), ("Input.Email", email), ("Input.JobTitle", "Grants officer"),
            ("Input.Roles", Roles.GrantsOfficer), ("Input.Roles", Roles.Assessor));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var page = await admin.GetStringAsync(response.Headers.Location);
        Assert.Contains("Invitation sent.", page, StringComparison.Ordinal);
        Assert.Contains("Invited", page, StringComparison.Ordinal);
        var user = (await site.FindUserAsync(email))!;
        Assert.Null(user.PasswordHash);
        await using (var db = await DbAsync())
        {
            var mail = await db.Outbox.SingleAsync(e => e.ToAddress == email);
            Assert.Equal(("staff-invitation", "Your account on the grants system"), (mail.Template, mail.Subject));
            Assert.Contains("as: Grants officer, Assessor.", mail.BodyText, StringComparison.Ordinal);
            var link = new Uri(Regex.Match(mail.BodyText, @"https?://\S+").Value);
            using var invited = site.NewClient();
            var reset = await PostAsync(invited, link.PathAndQuery, "reset-password",
                ("Input.Code", Regex.Match(link.Query, "code=([^&]+)").Groups[1].Value), ("Input.Email", email),
                ("Input.Password", "a long enough passphrase"), ("Input.ConfirmPassword", "a long enough passphrase"));
            Assert.Contains("ResetPasswordConfirmation", reset.Headers.Location?.ToString() ?? "", StringComparison.Ordinal);
            Assert.Equal(["Staff.Invited"], await db.AuditLog.Where(a => a.EntityId == user.Id).Select(a => a.Action).ToListAsync());
        }
        var signIn = await GrantsWebFactory.SignInAsync(site.NewClient(), email, "a long enough passphrase");
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.DoesNotContain("Account/Login", signIn.Headers.Location?.ToString() ?? "", StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invite_WithBadInputOrATakenAddress_SaysWhyAndCreatesNothing()
    {
        using var admin = await site.SignedInClientAsync(Admin);
        var before = await CountAsync(db => db.Users.CountAsync());

        var blank = await PostAsync(admin, "/admin/staff/invite", "invite", ("Input.Name", " "), ("Input.Email", "not-an-address"));
        var taken = await PostAsync(admin, "/admin/staff/invite", "invite",
            ("Input.Name", "Someone"), ("Input.Email", "officer@demo.opcc-grants.example"), ("Input.Roles", Roles.Finance));
        var notStaff = await PostAsync(admin, "/admin/staff/invite", "invite",
            ("Input.Name", "Someone"), ("Input.Email", "someone@opcc.example"), ("Input.Roles", Roles.Applicant));

        var blankPage = WebUtility.HtmlDecode(await blank.Content.ReadAsStringAsync());
        Assert.Contains("Enter the person's full name.", blankPage, StringComparison.Ordinal);
        Assert.Contains("Enter an email address in the correct format, like name@example.com.", blankPage, StringComparison.Ordinal);
        Assert.Contains("Select at least one role.", blankPage, StringComparison.Ordinal);
        Assert.Contains("An account already uses officer@demo.opcc-grants.example.", WebUtility.HtmlDecode(await taken.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Contains("Select roles from the list.", WebUtility.HtmlDecode(await notStaff.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Equal(before, await CountAsync(db => db.Users.CountAsync()));
    }

    [Fact]
    public async Task Disable_EndsTheOpenSessionOnItsNextRequest_RefusesSignIn_AndEnableLetsThePersonBackIn()
    {
        var email = $"finance.{Guid.NewGuid():N}@opcc.example";
        var user = await site.CreateUserAsync(email, "a long enough passphrase", Roles.Finance, "Fay Finance");
        using var person = await site.SignedInClientAsync(email, "a long enough passphrase");
        Assert.Equal(HttpStatusCode.OK, (await person.GetAsync(new Uri("/finance", UriKind.Relative))).StatusCode);
        using var admin = await site.SignedInClientAsync(Admin);

        var disabled = await PostAsync(admin, $"/admin/staff/{user.Id}", "act", ("Do", "disable"));

        Assert.Contains("done=disable", disabled.Headers.Location?.ToString() ?? "", StringComparison.Ordinal);
        Assert.Equal(SignIn, Answer(await person.GetAsync(new Uri("/finance", UriKind.Relative))));
        using var other = site.NewClient();
        var refused = await GrantsWebFactory.SignInAsync(other, email, "a long enough passphrase");
        var wrongPassword = await GrantsWebFactory.SignInAsync(site.NewClient(), email, "not the passphrase at all");
        Assert.Equal("/Account/Lockout?reason=disabled", GrantsWebFactory.LocalPath(refused.Headers.Location!));
        Assert.Contains("The office's system administrator has disabled this account", WebUtility.HtmlDecode(await other.GetStringAsync(refused.Headers.Location)), StringComparison.Ordinal);
        Assert.Equal("/Account/Lockout", GrantsWebFactory.LocalPath(wrongPassword.Headers.Location!));
        await PostAsync(admin, $"/admin/staff/{user.Id}", "act", ("Do", "enable"));
        using var again = await site.SignedInClientAsync(email, "a long enough passphrase");
        Assert.Equal(HttpStatusCode.OK, (await again.GetAsync(new Uri("/finance", UriKind.Relative))).StatusCode);
        await using var db = await DbAsync();
        Assert.Equal(["Staff.Disabled", "Staff.Enabled"], await db.AuditLog.Where(a => a.EntityId == user.Id).OrderBy(a => a.Id).Select(a => a.Action).ToListAsync());
        Assert.NotNull((await db.Users.SingleAsync(u => u.Id == user.Id)).LastSignInAt);
    }

    [Fact]
    public async Task RolesChange_TakingARoleAway_EndsTheSession_AndTheNewRolesApplyAtTheNextSignIn()
    {
        var email = $"two.roles.{Guid.NewGuid():N}@opcc.example";
        var user = await site.CreateUserAsync(email, "a long enough passphrase", Roles.Finance, "Rob Roles");
        using var person = await site.SignedInClientAsync(email, "a long enough passphrase");
        using var admin = await site.SignedInClientAsync(Admin);

        var none = await PostAsync(admin, $"/admin/staff/{user.Id}", "roles");
        var saved = await PostAsync(admin, $"/admin/staff/{user.Id}", "roles", ("Input.Roles", Roles.PanelMember));

        Assert.Contains("Select at least one role.", WebUtility.HtmlDecode(await none.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Contains("done=roles", saved.Headers.Location?.ToString() ?? "", StringComparison.Ordinal);
        Assert.Equal(SignIn, Answer(await person.GetAsync(new Uri("/finance", UriKind.Relative))));
        using var again = await site.SignedInClientAsync(email, "a long enough passphrase");
        Assert.Equal(Denied, Answer(await again.GetAsync(new Uri("/finance", UriKind.Relative))));
        Assert.Equal(HttpStatusCode.OK, (await again.GetAsync(new Uri("/panel", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task TheAdministrator_CannotDisableOrCloseThemself_NorDropTheLastAdministratorRole()
    {
        var self = (await site.FindUserAsync(Admin))!;
        using var admin = await site.SignedInClientAsync(Admin);

        var disable = await PostAsync(admin, $"/admin/staff/{self.Id}", "act", ("Do", "disable"));
        var close = await PostAsync(admin, $"/admin/staff/{self.Id}?confirm=close", "act", ("Do", "close"));
        var demote = await PostAsync(admin, $"/admin/staff/{self.Id}", "roles", ("Input.Roles", Roles.GrantsOfficer));

        Assert.Contains("You cannot disable your own account: ask another administrator.", WebUtility.HtmlDecode(await disable.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Contains("You cannot close your own account: ask another administrator.", WebUtility.HtmlDecode(await close.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Contains("This is the last active administrator", WebUtility.HtmlDecode(await demote.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        var after = (await site.FindUserAsync(Admin))!;
        Assert.False(after.IsDisabled);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync(new Uri("/admin/staff", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task ResetAuthenticator_ThenClose_AfterConfirming_RemovesTheAccount_AndKeepsItsHistory()
    {
        var email = $"leaver.{Guid.NewGuid():N}@opcc.example";
        var user = await site.CreateUserAsync(email, "a long enough passphrase", Roles.Assessor, "Lee Leaver");
        using var admin = await site.SignedInClientAsync(Admin);

        await PostAsync(admin, $"/admin/staff/{user.Id}", "act", ("Do", "reset-2fa"));
        var reset = (await site.FindUserAsync(email))!;
        var confirm = await admin.GetStringAsync(new Uri($"/admin/staff/{user.Id}?confirm=close", UriKind.Relative));
        var closed = await PostAsync(admin, $"/admin/staff/{user.Id}?confirm=close", "act", ("Do", "close"));

        Assert.False(reset.TwoFactorEnabled);
        Assert.Contains("Yes, close the account", confirm, StringComparison.Ordinal);
        Assert.Equal("/admin/staff", GrantsWebFactory.LocalPath(closed.Headers.Location!));
        Assert.Null(await site.FindUserAsync(email));
        await using var db = await DbAsync();
        Assert.Equal(["Staff.TwoFactorReset", "Staff.Closed"], await db.AuditLog.Where(a => a.EntityId == user.Id).OrderBy(a => a.Id).Select(a => a.Action).ToListAsync());
        Assert.False(await db.UserTokens.AnyAsync(t => t.UserId == user.Id));
    }

    [Fact]
    public async Task ExportCsv_ListsEveryStaffAccountWithRolesAndStatus_AndNoApplicant()
    {
        using var admin = await site.SignedInClientAsync(Admin);

        var csv = await admin.GetStringAsync(new Uri("/exports/staff.csv", UriKind.Relative));

        var lines = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("\"Name\",\"Email\",\"Roles\",\"Status\",\"Two-step sign-in\",\"Last signed in (UK time)\"", lines[0]);
        Assert.Contains(lines, l => l.Contains("\"officer@demo.opcc-grants.example\",\"Grants officer\",\"Active\",\"Set up\",", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains("applicant@demo.opcc-grants.example", StringComparison.Ordinal));
    }

    private async Task<GrantsDbContext> DbAsync() =>
        await site.Services.GetRequiredService<IDbContextFactory<GrantsDbContext>>().CreateDbContextAsync();

    private async Task<int> CountAsync(Func<GrantsDbContext, Task<int>> count)
    {
        await using var db = await DbAsync();
        return await count(db);
    }

    /// <summary>Posts a form as the browser does, repeated names (ticked checkboxes) included.</summary>
    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, string path, string form, params (string Name, string Value)[] fields)
    {
        var page = await client.GetStringAsync(new Uri(path, UriKind.Relative));
        var all = fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)).ToList();
        all.Add(new("__RequestVerificationToken", GrantsWebFactory.AntiforgeryToken(page)));
        all.Add(new("_handler", form));
        using var content = new FormUrlEncodedContent(all);
        return await client.PostAsync(new Uri(path, UriKind.Relative), content);
    }

    private static string Answer(HttpResponseMessage response)
    {
        var location = response.Headers.Location?.ToString() ?? "";
        return response.StatusCode == HttpStatusCode.Redirect && location.Contains("/Account/AccessDenied", StringComparison.Ordinal) ? Denied
            : response.StatusCode == HttpStatusCode.Redirect && location.Contains("/Account/Login", StringComparison.Ordinal) ? SignIn
            : ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture);
    }
}
