using GrantsCommissioning.EndToEnd.Infrastructure;
using Microsoft.Playwright;

namespace GrantsCommissioning.EndToEnd;

/// <summary>WCAG 2.2 AA checks with axe-core, and reflow at 320 CSS pixels, on the pages applicants use.</summary>
[Collection(BrowserCollection.Name)]
public class AccessibilityTests(BrowserSite site)
{
    public static TheoryData<string> PublicPages =>
    [
        "/", "/accessibility", "/privacy", "/Account/Login", "/Account/Register", "/Account/ForgotPassword",
        "/Account/ResendEmailConfirmation", "/not-found", "/funding", "/funding/CGS-CURRENT", "/funding/SMALL-CURRENT",
        "/funding/CGS-CURRENT/eligibility", "/funding/SMALL-CURRENT/eligibility", "/Account/ForgotPasswordConfirmation",
        "/Account/ResetPassword?code=bm90LWEtdG9rZW4", "/Account/ResetPasswordConfirmation", "/Account/InvalidPasswordReset",
        "/Account/ConfirmEmail?userId=nobody&code=bm90LWEtdG9rZW4", "/Account/Lockout", "/Account/AccessDenied",
        "/Account/Closed", "/transparency/panel-reports", "/transparency/panel-reports/1", "/transparency/grants",
        "/transparency/grants?year=2013&page=2", "/transparency/spending",
    ];

    /// <summary>Applicant pages; {draft}, {submitted} and {organisation} are the demo applicant's records, looked up at run time.</summary>
    public static TheoryData<string> ApplicantPages =>
    [
        "/applicant", "/Account/Manage", "/Account/Manage/Email", "/Account/Manage/ChangePassword", "/Account/Manage/TwoFactorAuthentication",
        "/Account/Manage/EnableAuthenticator", "/Account/Manage/Passkeys", "/Account/Manage/PersonalData", "/Account/Manage/DeletePersonalData", "/applicant/organisations/new", "/applicant/organisations/{organisation}",
        "/applicant/organisations/{organisation}/people/{member}", "/applicant/organisations/{organisation}/people/{member}?remove=1",
        "/applicant/apply/CGS-CURRENT", "/applicant/applications/{draft}", "/applicant/applications/{draft}/project",
        "/applicant/applications/{draft}/budget", "/applicant/applications/{draft}/outcomes", "/applicant/applications/{draft}/beneficiaries",
        "/applicant/applications/{draft}/declarations", "/applicant/applications/{draft}/review", "/applicant/applications/{submitted}/receipt",
    ];

    [Theory]
    [MemberData(nameof(PublicPages))]
    public async Task PublicPage_SignedOut_HasNoAxeViolations(string path)
    {
        var page = await site.NewPageAsync();
        await page.GotoAsync(path);

        var violations = await Axe.RunAsync(page);

        Assert.True(violations.Count == 0, $"{path}:{Environment.NewLine}{Axe.Describe(violations)}");
        await page.Context.CloseAsync();
    }

    [Theory]
    [MemberData(nameof(ApplicantPages))]
    public async Task ApplicantPage_SignedIn_HasNoAxeViolations(string path)
    {
        var page = await site.SignedInPageAsync("applicant@demo.opcc-grants.example");
        var url = await site.DemoPathAsync(path);
        var response = await page.GotoAsync(url);

        var violations = await Axe.RunAsync(page);

        Assert.True(response?.Ok, $"{url} answered {response?.Status}");
        Assert.True(violations.Count == 0, $"{url}:{Environment.NewLine}{Axe.Describe(violations)}");
        await page.Context.CloseAsync();
    }

    /// <summary>The tracking pages, with the ids of the demo applicant's records looked up in the site's database.</summary>
    public static TheoryData<string> TrackPages =>
    [
        "/applicant/offers/{offer}", "/applicant/offers/{offer}/decline", "/applicant/grants/{award}", "/applicant/returns/{due}",
        "/applicant/returns/{queried}", "/applicant/returns/{scheduled}", "/applicant/applications/{draft}/documents", "/applicant/organisations/{org}",
    ];

    [Theory]
    [MemberData(nameof(TrackPages))]
    public async Task TrackPage_SignedIn_HasNoAxeViolations(string template)
    {
        var path = await site.DemoPathAsync(template);
        var page = await site.SignedInPageAsync("applicant@demo.opcc-grants.example");
        await page.GotoAsync(path);

        var violations = await Axe.RunAsync(page);

        Assert.True(violations.Count == 0, $"{path}:{Environment.NewLine}{Axe.Describe(violations)}");
        await page.Context.CloseAsync();
    }

    [Theory]
    [MemberData(nameof(PublicPages))]
    public async Task PublicPage_At320CssPixels_NeedsNoHorizontalScrolling(string path)
    {
        var page = await site.NewPageAsync(width: 320, height: 640);
        await page.GotoAsync(path);

        var width = await ScrollWidthAsync(page);

        Assert.True(width <= 320, $"{path} is {width}px wide at a 320px viewport");
        await PageChecks.AssertWordsWholeAsync(page, path);
        await page.Context.CloseAsync();
    }

    public static TheoryData<string> SignedInPages => [.. ApplicantPages.Cast<object[]>().Concat(TrackPages.Cast<object[]>()).Select(row => (string)row[0])];

    [Theory]
    [MemberData(nameof(SignedInPages))]
    public async Task ApplicantPage_At320CssPixels_NeedsNoHorizontalScrolling(string template)
    {
        var path = await site.DemoPathAsync(template);
        var page = await site.SignedInPageAsync("applicant@demo.opcc-grants.example", width: 320);
        await page.GotoAsync(path);

        var width = await ScrollWidthAsync(page);

        Assert.True(width <= 320, $"{path} is {width}px wide at a 320px viewport");
        await PageChecks.AssertWordsWholeAsync(page, path);
        await page.Context.CloseAsync();
    }

    private static Task<int> ScrollWidthAsync(IPage page) => page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");

    [Theory]
    [InlineData("/applicant/organisations/new")]
    [InlineData("/Account/Manage/EnableAuthenticator")]
    public async Task PageShowingValidationErrors_HasNoAxeViolations(string path)
    {
        var page = await site.SignedInPageAsync("applicant@demo.opcc-grants.example");
        await page.GotoAsync(path);
        await page.ClickAsync("main button[type=submit]");
        await page.WaitForSelectorAsync(".error-summary");

        var violations = await Axe.RunAsync(page);

        Assert.True(violations.Count == 0, $"{path}:{Environment.NewLine}{Axe.Describe(violations)}");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task SigningIn_WithTheKeyboardAlone_ReachesTheApplicantDashboard()
    {
        var page = await site.NewPageAsync();
        await page.GotoAsync("/Account/Login");

        await Keyboard.TabToAsync(page, "Input.Email");
        await page.Keyboard.TypeAsync("applicant@demo.opcc-grants.example");
        await page.Keyboard.PressAsync("Tab");
        Assert.Equal("Input.Password", await page.EvaluateAsync<string>("() => document.activeElement.id"));
        await page.Keyboard.TypeAsync(BrowserSite.DemoPassword);
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync(url => url.EndsWith("/applicant", StringComparison.Ordinal));

        Assert.Equal("Your applications and grants", await page.InnerTextAsync("h1"));
        await page.Context.CloseAsync();
    }
}
