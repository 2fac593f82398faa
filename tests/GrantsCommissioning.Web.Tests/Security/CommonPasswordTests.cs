using System.Net;
using GrantsCommissioning.Web.Components.Account;
using GrantsCommissioning.Web.Tests.Infrastructure;

namespace GrantsCommissioning.Web.Tests.Security;

/// <summary>The passwords guessed first are refused wherever a password is set, with the reason against the field.</summary>
[Collection(DemoSiteCollection.Third)]
public class CommonPasswordTests(GrantsWebFactory site)
{
    private static readonly string Error = $"<a href=\"#Input.Password\">{CommonPasswordValidator.Message}</a>";

    [Theory]
    [InlineData("passwordpassword")]
    [InlineData("123456789012")]
    [InlineData("Password1234")]
    [InlineData("aaaaaaaaaaaa")]
    [InlineData("P@ssw0rd2024!")]
    [InlineData("qwertyuiopas")]
    [InlineData("Liverpool1234")]
    public async Task CreateAnAccount_WithACommonPassword_IsRefused_WithTheReasonAgainstThePassword(string password)
    {
        var email = $"common-{Guid.NewGuid():N}@example.org";
        using var client = site.NewClient();

        var response = await GrantsWebFactory.PostFormAsync(client, "/Account/Register", "register", new()
        {
            ["Input.DisplayName"] = "Rita Powell", ["Input.Email"] = email, ["Input.Password"] = password, ["Input.ConfirmPassword"] = password,
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(Error, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Null(await site.FindUserAsync(email));
    }

    [Theory]
    [InlineData("correct horse battery")]
    [InlineData("demo-password-2013")]
    [InlineData("Ledbury shop watch radios")]
    public void UncommonPasswords_AreAccepted(string password) => Assert.False(CommonPasswordValidator.IsCommon(password));

    [Fact]
    public async Task ChangePassword_ToACommonOne_IsRefused_WithTheReasonAgainstTheNewPassword()
    {
        var email = $"common-{Guid.NewGuid():N}@example.org";
        await site.CreateUserAsync(email, "the original passphrase");
        using var client = await site.SignedInClientAsync(email, "the original passphrase");

        var response = await GrantsWebFactory.PostFormAsync(client, "/Account/Manage/ChangePassword", "change-password", new()
        {
            ["Input.OldPassword"] = "the original passphrase", ["Input.NewPassword"] = "Password1234", ["Input.ConfirmPassword"] = "Password1234",
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains($"<a href=\"#Input.NewPassword\">{CommonPasswordValidator.Message}</a>", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
