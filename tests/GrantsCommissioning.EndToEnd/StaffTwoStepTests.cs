using GrantsCommissioning.Core.Data;
using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.EndToEnd.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace GrantsCommissioning.EndToEnd;

/// <summary>A member of staff without two-step verification, in a real browser: signing in lands on setting it up.</summary>
[Collection(StaffBrowserCollection.Name)]
public class StaffTwoStepTests(BrowserSite site)
{
    private const string Password = "a long staff passphrase";

    [Fact]
    public async Task StaffWithoutTwoStep_SigningIn_LandOnSettingItUp_WhichHasNoAxeViolations()
    {
        var email = $"new.officer.{Guid.NewGuid():N}@opcc.example.gov.uk";
        using (var scope = site.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
            var user = new ApplicationUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = "Sam Okafor", JobTitle = "Grants officer" };
            Assert.True((await users.CreateAsync(user, Password)).Succeeded);
            await users.AddToRoleAsync(user, Roles.GrantsOfficer);
        }
        var page = await site.NewPageAsync();

        await page.GotoAsync("/Account/Login");
        await page.FillAsync("#Input\\.Email", email);
        await page.FillAsync("#Input\\.Password", Password);
        await page.ClickAsync("main button[type=submit]");
        await page.WaitForURLAsync(url => url.EndsWith("/Account/Manage/EnableAuthenticator", StringComparison.Ordinal));

        Assert.Equal("Set up two-step verification", await page.InnerTextAsync("h1"));
        await Assertions.Expect(page.Locator("#staff-two-step-required")).ToContainTextAsync("Your staff account needs two-step verification");
        var violations = await Axe.RunAsync(page);
        Assert.True(violations.Count == 0, Axe.Describe(violations));
        await page.Context.CloseAsync();
    }
}
