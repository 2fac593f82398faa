using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Core.Features.Attachments;
using GrantsCommissioning.Core.Workflow;
using GrantsCommissioning.Web.Tests.Applicants;
using GrantsCommissioning.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace GrantsCommissioning.Web.Tests.Cases;

/// <summary>
/// The defect "staff cannot see any document an applicant uploaded": the application's case page lists its documents
/// with download links, for officers and for the assessor assigned to it (Tom Bennett on CGS-CY-0004).
/// </summary>
[Collection(DemoSiteCollection.Fourth)]
public class CaseDocumentsTests(GrantsWebFactory site)
{
    [Theory]
    [InlineData("officer@demo.opcc-grants.example")]
    [InlineData("chief.executive@demo.opcc-grants.example")]
    [InlineData("assessor@demo.opcc-grants.example")]
    public async Task ApplicationCasePage_LinksTheDocumentsTheApplicantUploaded(string email)
    {
        var applicationId = await site.IdAsync(db => db.Applications.Where(a => a.ApplicationReference == "CGS-CY-0004").Select(a => a.Id));
        var name = $"budget-{Guid.NewGuid():N}.pdf";
        using var content = new MemoryStream("%PDF-1.4\n% budget breakdown\n%%EOF\n"u8.ToArray());
        var saved = await site.Services.GetRequiredService<AttachmentStore>().SaveAsync(
            new AttachmentUpload(AttachmentOwner.Application, applicationId, "Supporting document", name, content),
            Actor.For("officer-for-test", "Priya Shah", Roles.GrantsOfficer));
        using var client = await site.SignedInClientAsync(email);

        var html = await client.HtmlAsync($"/cases/applications/{applicationId}");

        Assert.Contains($"<a href=\"/attachments/{saved.Value!.Id}\" download>{name}</a>", html, StringComparison.Ordinal);
        Assert.Contains("Supporting document", html, StringComparison.Ordinal);
    }
}
