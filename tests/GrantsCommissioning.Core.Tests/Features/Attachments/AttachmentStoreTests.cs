using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Core.Features.Attachments;
using GrantsCommissioning.Core.Workflow;
using GrantsCommissioning.TestCommon;
using GrantsCommissioning.TestCommon.Fixtures;
using Microsoft.EntityFrameworkCore;

namespace GrantsCommissioning.Core.Tests.Features.Attachments;

public sealed class AttachmentStoreTests : IAsyncLifetime
{
    private static readonly byte[] PdfBytes = "%PDF-1.7\n1 0 obj << >> endobj\n%%EOF\n"u8.ToArray();
    private TestDatabase _test = null!;
    private Actor _applicant = null!;
    private int _applicationId;

    public async Task InitializeAsync()
    {
        _test = await TestData.WithReferenceDataAsync();
        _applicant = await TestData.CreateUserAsync(_test, "mary@example.org", "Mary Evans", Roles.Applicant);
        var org = await TestData.CreateOrganisationAsync(_test, "Ludlow Street Angels", _applicant);
        _applicationId = await TestData.CreateDraftApplicationAsync(_test, org, "CGS-2013-14", Money.FromPounds(5_000m), new Dictionary<int, int> { [2] = 100 });
    }

    public async Task DisposeAsync() => await _test.DisposeAsync();

    private AttachmentStore Store => _test.Get<AttachmentStore>();

    [Fact]
    public async Task Save_APdf_StoresItUnderAGeneratedNameOutsideTheWebRoot()
    {
        var result = await SaveAsync("Budget 2013.pdf", PdfBytes);

        Assert.True(result.Succeeded, string.Join(";", result.Errors.Values));
        await using var db = _test.NewContext();
        var row = await db.Attachments.SingleAsync();
        Assert.Equal(("Budget 2013.pdf", "application/pdf", PdfBytes.LongLength, _applicationId), (row.FileName, row.ContentType, row.SizeBytes, row.ApplicationId!.Value));
        Assert.Matches("^[0-9a-f]{32}$", row.StoredName);
        Assert.Equal(PdfBytes, await File.ReadAllBytesAsync(Path.Combine(Store.Folder, row.StoredName)));
        Assert.DoesNotContain("wwwroot", Store.Folder, StringComparison.Ordinal);
        Assert.Equal(Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(PdfBytes)).ToLowerInvariant(), row.Sha256);
    }

    [Theory]
    [InlineData("invoice.pdf", new byte[] { 0x4D, 0x5A, 0x90, 0x00, 0x03 }, "The file's contents are not a PDF, although its name ends .pdf.")]
    [InlineData("photo.png", new byte[] { 0xFF, 0xD8, 0xFF, 0xE0, 0x00 }, "The file's contents are not a PNG image, although its name ends .png.")]
    [InlineData("notes.txt", new byte[] { 0x48, 0x00, 0x49 }, "The file's contents are not a text file, although its name ends .txt.")]
    [InlineData("setup.exe", new byte[] { 0x4D, 0x5A }, "The file must be a PDF, DOCX, XLSX, ODT, ODS, JPG, JPEG, PNG, CSV, TXT.")]
    [InlineData("page.html", new byte[] { 0x3C, 0x68 }, "The file must be a PDF, DOCX, XLSX, ODT, ODS, JPG, JPEG, PNG, CSV, TXT.")]
    [InlineData("empty.pdf", new byte[0], "The file is empty.")]
    public async Task Save_WhenTheFileIsNotWhatItClaims_IsRefusedAndNothingIsKept(string name, byte[] content, string message)
    {
        var result = await SaveAsync(name, content);

        Assert.Equal(message, Assert.Single(result.Errors.Values));
        await using var db = _test.NewContext();
        Assert.Empty(await db.Attachments.ToListAsync());
        Assert.Empty(Directory.Exists(Store.Folder) ? Directory.GetFiles(Store.Folder) : []);
    }

    [Fact]
    public async Task Save_WhenLargerThanTheCap_IsRefusedPartWayWithoutKeepingAnything()
    {
        var big = new byte[Store.MaxBytes + 1];
        PdfBytes.CopyTo(big, 0);

        var result = await SaveAsync("scan.pdf", big);

        Assert.Equal("The selected file must be smaller than 10 MB.", Assert.Single(result.Errors.Values));
        Assert.Empty(Directory.GetFiles(Store.Folder));
    }

    [Fact]
    public async Task Save_BySomeoneOutsideTheOrganisation_IsRefused()
    {
        var stranger = await TestData.CreateUserAsync(_test, "eve@example.org", "Eve", Roles.Applicant);

        var result = await Store.SaveAsync(new AttachmentUpload(AttachmentOwner.Application, _applicationId, "Budget", "budget.pdf", new MemoryStream(PdfBytes)), stranger);

        Assert.Equal("You cannot add files to this record.", Assert.Single(result.Errors.Values));
    }

    [Fact]
    public async Task Open_IsForMembersAndStaffOnly()
    {
        var saved = (await SaveAsync("budget.pdf", PdfBytes)).Value!;
        var stranger = await TestData.CreateUserAsync(_test, "eve@example.org", "Eve", Roles.Applicant);
        var officer = await TestData.CreateUserAsync(_test, "priya@example.org", "Priya", Roles.GrantsOfficer);
        var panel = await TestData.CreateUserAsync(_test, "jo@example.org", "Jo", Roles.PanelMember);

        Assert.NotNull(await Store.OpenAsync(saved.Id, _applicant));
        Assert.NotNull(await Store.OpenAsync(saved.Id, officer));
        Assert.Null(await Store.OpenAsync(saved.Id, stranger));
        Assert.Null(await Store.OpenAsync(saved.Id, panel));
        Assert.Null(await Store.OpenAsync(saved.Id + 1000, officer));
    }

    [Fact]
    public async Task Save_AfterTheApplicationIsSubmitted_IsRefused()
    {
        var submitted = await _test.Get<ICaseWorkflow>().FireAsync(new TransitionRequest(
            new CaseRef(CaseKind.Application, _applicationId), ApplicationTriggers.Submit, _applicant, TestData.Key()));
        Assert.True(submitted.Succeeded, submitted.Message);

        var result = await SaveAsync("late.pdf", PdfBytes);

        Assert.Equal("You cannot add files to this record.", Assert.Single(result.Errors.Values));
    }

    [Fact]
    public async Task Delete_ByAMember_RemovesTheRowAndTheFile()
    {
        var saved = (await SaveAsync("budget.pdf", PdfBytes)).Value!;

        var result = await Store.DeleteAsync(saved.Id, _applicant);

        Assert.True(result.Succeeded);
        Assert.Empty(await Store.ListAsync(AttachmentOwner.Application, _applicationId, _applicant));
        Assert.Empty(Directory.GetFiles(Store.Folder));
    }

    private Task<GrantsCommissioning.Core.Features.FeatureResult<StoredAttachment>> SaveAsync(string name, byte[] content) =>
        Store.SaveAsync(new AttachmentUpload(AttachmentOwner.Application, _applicationId, "Budget", name, new NonSeekableStream(content)), _applicant);

    /// <summary>Like a request body: read forward only, length unknown.</summary>
    private sealed class NonSeekableStream(byte[] content) : MemoryStream(content)
    {
        public override bool CanSeek => false;
        public override long Length => throw new NotSupportedException();
    }
}
