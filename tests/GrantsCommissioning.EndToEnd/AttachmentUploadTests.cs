using GrantsCommissioning.EndToEnd.Infrastructure;
using Microsoft.Playwright;

namespace GrantsCommissioning.EndToEnd;

/// <summary>Uploads through the browser to the app on Kestrel, where the request-size limit is real.</summary>
[Collection(BrowserCollection.Name)]
public sealed class AttachmentUploadTests(BrowserSite site)
{
    [Fact]
    public async Task UploadOverTheSizeLimit_ComesBackToTheFormWithAClearMessage()
    {
        var page = await site.SignedInPageAsync("applicant@demo.opcc-grants.example");
        await page.GotoAsync(await site.DemoPathAsync("/applicant/applications/{draft}/documents"));

        await page.Locator("input[type=file]").SetInputFilesAsync(new FilePayload
        {
            Name = "annual-report.pdf", MimeType = "application/pdf", Buffer = new byte[(10 * 1024 * 1024) + (200 * 1024)],
        });
        await page.GetByRole(AriaRole.Button, new() { Name = "Upload file" }).ClickAsync();

        await Assertions.Expect(page.Locator(".error-message")).ToContainTextAsync("The selected file must be smaller than 10 MB.");
        await Assertions.Expect(page.Locator("input[type=file]")).ToBeVisibleAsync();
        await page.Context.CloseAsync();
    }
}
