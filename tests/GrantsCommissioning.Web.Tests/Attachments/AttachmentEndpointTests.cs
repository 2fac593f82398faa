using System.Net;
using System.Net.Http.Headers;
using GrantsCommissioning.Core.Data;
using GrantsCommissioning.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GrantsCommissioning.Web.Tests.Attachments;

[Collection(DemoSiteCollection.Second)]
public class AttachmentEndpointTests(GrantsWebFactory site)
{
    private static readonly byte[] Pdf = "%PDF-1.4\n% safeguarding policy\n%%EOF\n"u8.ToArray();

    [Fact]
    public async Task Upload_ThenDownload_ReturnsTheSameBytesAsAnAttachment_AndOnlyToTheOrganisation()
    {
        var draft = await DraftIdAsync();
        using var client = await site.SignedInClientAsync("applicant@demo.opcc-grants.example");

        var upload = await UploadAsync(client, draft, "Safeguarding policy.pdf", Pdf, withToken: true);

        Assert.Equal(HttpStatusCode.Redirect, upload.StatusCode);
        Assert.Contains("attachment-added=Safeguarding", upload.Headers.Location?.ToString(), StringComparison.Ordinal);
        var id = await LatestAttachmentIdAsync();
        var download = await client.GetAsync(new Uri($"/attachments/{id}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("attachment", download.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal("Safeguarding policy.pdf", download.Content.Headers.ContentDisposition?.FileNameStar);
        Assert.Equal("application/pdf", download.Content.Headers.ContentType?.MediaType);
        Assert.Equal(Pdf, await download.Content.ReadAsByteArrayAsync());

        using var other = await site.SignedInClientAsync("treasurer@demo.opcc-grants.example");
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync(new Uri($"/attachments/{id}", UriKind.Relative))).StatusCode);
        using var officer = await site.SignedInClientAsync("officer@demo.opcc-grants.example");
        Assert.Equal(HttpStatusCode.OK, (await officer.GetAsync(new Uri($"/attachments/{id}", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task Upload_WithoutTheAntiforgeryToken_IsRejectedAndStoresNothing()
    {
        var draft = await DraftIdAsync();
        using var client = await site.SignedInClientAsync("applicant@demo.opcc-grants.example");
        var before = await LatestAttachmentIdAsync();

        var upload = await UploadAsync(client, draft, "budget.pdf", Pdf, withToken: false);

        Assert.Equal(HttpStatusCode.BadRequest, upload.StatusCode);
        Assert.Equal(before, await LatestAttachmentIdAsync());
    }

    [Fact]
    public async Task Upload_OfARenamedExecutable_ComesBackWithAClearMessage()
    {
        var draft = await DraftIdAsync();
        using var client = await site.SignedInClientAsync("applicant@demo.opcc-grants.example");

        var upload = await UploadAsync(client, draft, "accounts.pdf", [0x4D, 0x5A, 0x90, 0x00], withToken: true);

        Assert.Equal(HttpStatusCode.Redirect, upload.StatusCode);
        Assert.Contains("attachment-error=The%20file%27s%20contents%20are%20not%20a%20PDF", upload.Headers.Location?.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Upload_OverTheSizeLimit_ComesBackToTheFormWithAClearMessage_AndStoresNothing()
    {
        var draft = await DraftIdAsync();
        using var client = await site.SignedInClientAsync("applicant@demo.opcc-grants.example");
        var before = await LatestAttachmentIdAsync();

        var upload = await UploadAsync(client, draft, "annual report.pdf", new byte[(10 * 1024 * 1024) + (100 * 1024)], withToken: true,
            returnUrl: $"/applicant/applications/{draft}/documents?panel=supporting");
        var form = WebUtility.HtmlDecode(await client.GetStringAsync(upload.Headers.Location));

        Assert.Equal(HttpStatusCode.Redirect, upload.StatusCode);
        Assert.Contains("The selected file must be smaller than 10 MB.", form, StringComparison.Ordinal);
        Assert.Contains("enctype=\"multipart/form-data\"", form, StringComparison.Ordinal);
        Assert.Equal(before, await LatestAttachmentIdAsync());
    }

    [Fact]
    public async Task UploadAndRemove_WithATabHidingASecondSlashInTheReturnAddress_GoBackToTheApplicantHome()
    {
        const string Sneaky = "/\t/evil.example";
        var draft = await DraftIdAsync();
        using var client = await site.SignedInClientAsync("applicant@demo.opcc-grants.example");

        var upload = await UploadAsync(client, draft, "policy.pdf", Pdf, withToken: true, returnUrl: Sneaky);
        var page = await client.GetStringAsync(new Uri("/Account/Manage/ChangePassword", UriKind.Relative));
        using var remove = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = GrantsWebFactory.AntiforgeryToken(page), ["returnUrl"] = Sneaky,
        });
        var removed = await client.PostAsync(new Uri($"/attachments/{await LatestAttachmentIdAsync()}/delete", UriKind.Relative), remove);

        Assert.Equal(HttpStatusCode.Redirect, upload.StatusCode);
        Assert.StartsWith("/applicant?attachment-added=policy.pdf", upload.Headers.Location?.OriginalString, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, removed.StatusCode);
        Assert.Equal("/applicant", removed.Headers.Location?.OriginalString);
    }

    private async Task<HttpResponseMessage> UploadAsync(HttpClient client, int applicationId, string name, byte[] bytes, bool withToken, string returnUrl = "/applicant")
    {
        using var content = new MultipartFormDataContent();
        if (withToken)
        {
            var page = await client.GetStringAsync(new Uri("/Account/Manage/ChangePassword", UriKind.Relative));
            content.Add(new StringContent(GrantsWebFactory.AntiforgeryToken(page)), "__RequestVerificationToken");
        }
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        content.Add(file, "file", name);
        return await client.PostAsync(new Uri($"/attachments/Application/{applicationId}?purpose=Policy&returnUrl={Uri.EscapeDataString(returnUrl)}", UriKind.Relative), content);
    }

    private async Task<int> DraftIdAsync()
    {
        await using var db = await site.Services.GetRequiredService<IDbContextFactory<GrantsDbContext>>().CreateDbContextAsync();
        return await db.Applications.Where(a => a.ApplicationReference == "CGS-CY-0001").Select(a => a.Id).SingleAsync();
    }

    private async Task<int> LatestAttachmentIdAsync()
    {
        await using var db = await site.Services.GetRequiredService<IDbContextFactory<GrantsDbContext>>().CreateDbContextAsync();
        return await db.Attachments.OrderByDescending(a => a.Id).Select(a => a.Id).FirstOrDefaultAsync();
    }
}
