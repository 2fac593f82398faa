using GrantsCommissioning.EndToEnd.Infrastructure;
using Microsoft.Playwright;

namespace GrantsCommissioning.EndToEnd.Monitoring;

/// <summary>
/// The grantee's return form in a real browser: pre-filled from the last period, with the editor's demo draft, for the
/// owner (sign-off) and for the editor (draft only); axe-clean and no sideways scroll at 320 CSS pixels for both.
/// </summary>
[Collection(BrowserCollection.Name)]
public class ReturnFormTests(BrowserSite site)
{
    private const string Owner = "applicant@demo.opcc-grants.example";
    private const string Editor = "volunteer@demo.opcc-grants.example";

    [Theory]
    [InlineData(Owner)]
    [InlineData(Editor)]
    public async Task ReturnForm_HasNoAxeViolations_AndFitsAt320Pixels(string user) =>
        await site.AssertAccessibleAndReflowsAsync(user, await site.DemoPathAsync("/applicant/returns/{due}"));

    [Fact]
    public async Task ReturnForm_ShowsTheLastReturn_TheDraft_AndOnlyTheOwnerCanSignOff()
    {
        var path = await site.DemoPathAsync("/applicant/returns/{due}");
        var owner = await site.SignedInPageAsync(Owner);
        await owner.GotoAsync(path);
        await Assertions.Expect(owner.Locator("#previous-heading")).ToContainTextAsync("Your last return, AWD-CY-0020-R1");
        await Assertions.Expect(owner.Locator("main")).ToContainTextAsync("by Ben Hughes");
        await Assertions.Expect(owner.Locator("label[for='SignOff']")).ToContainTextAsync("I, Mary Evans, an owner of Hereford Youth Boxing Club");
        await Assertions.Expect(owner.Locator("button:has-text('Sign off and send the return')")).ToBeVisibleAsync();
        await owner.Context.CloseAsync();

        var editor = await site.SignedInPageAsync(Editor);
        await editor.GotoAsync(path);
        await Assertions.Expect(editor.Locator("#owner-needed")).ToContainTextAsync("Only an owner of Hereford Youth Boxing Club can sign off and send this return (Mary Evans)");
        await Assertions.Expect(editor.Locator("button:has-text('Sign off and send')")).ToHaveCountAsync(0);
        await Assertions.Expect(editor.Locator("button:has-text('Save as a draft')")).ToBeVisibleAsync();
        await editor.Context.CloseAsync();
    }
}
