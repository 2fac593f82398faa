using System.Net;
using GrantsCommissioning.Core.Data;
using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Core.Features.Attachments;
using GrantsCommissioning.Core.Workflow;
using GrantsCommissioning.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GrantsCommissioning.Web.Tests.Cases;

/// <summary>
/// Who sees what: every role × the four case pages, and someone else's record → 404. In the demo data Tom Bennett
/// (assessor@) is assigned CGS-CY-0004 and CGS-CY-0005; Grace Adeyemi (assessor2@) declared a conflict on CGS-CY-0004.
/// </summary>
[Collection(DemoSiteCollection.Fourth)]
public class CaseVisibilityTests(GrantsWebFactory site)
{
    private const string Denied = "denied";
    private const string Seen = "200";
    private const string NotFound = "404";

    /// <summary>Expected answers for: an application assigned to assessor@, its award-stage neighbours (award, payment, return) of another case.</summary>
    [Theory]
    [InlineData("officer@demo.opcc-grants.example", Seen, Seen, Seen, Seen)]
    [InlineData("chief.executive@demo.opcc-grants.example", Seen, Seen, Seen, Seen)]
    [InlineData("commissioner@demo.opcc-grants.example", Seen, Seen, Seen, Seen)]
    [InlineData("finance@demo.opcc-grants.example", Seen, Seen, Seen, Seen)]
    [InlineData("admin@demo.opcc-grants.example", Seen, Seen, Seen, Seen)]
    [InlineData("assessor@demo.opcc-grants.example", Seen, NotFound, NotFound, NotFound)]
    [InlineData("assessor2@demo.opcc-grants.example", NotFound, NotFound, NotFound, NotFound)]
    [InlineData("panel@demo.opcc-grants.example", Denied, Denied, Denied, Denied)]
    [InlineData("applicant@demo.opcc-grants.example", Denied, Denied, Denied, Denied)]
    public async Task CasePages_ForEachRole_AnswerOnlyTheCasesTheyMaySee(string email, string application, string award, string payment, string monitoringReturn)
    {
        var ids = await IdsAsync();
        using var client = await site.SignedInClientAsync(email);

        var answers = new List<string>();
        foreach (var path in new[] { $"/cases/applications/{ids.Assigned}", $"/cases/awards/{ids.Award}", $"/cases/payments/{ids.Payment}", $"/cases/returns/{ids.Return}" })
        {
            answers.Add(Answer(await client.GetAsync(new Uri(path, UriKind.Relative))));
        }

        Assert.Equal([application, award, payment, monitoringReturn], answers);
    }

    [Theory]
    [InlineData("assessor@demo.opcc-grants.example", "CGS-CY-0001")]
    [InlineData("assessor@demo.opcc-grants.example", "CGS-CY-0013")]
    [InlineData("assessor2@demo.opcc-grants.example", "CGS-CY-0004")]
    public async Task ApplicationCase_ForAnAssessorNotAssignedOrRecused_IsNotFound_WithNoData(string email, string reference)
    {
        var id = await site.IdAsync(db => db.Applications.Where(a => a.ApplicationReference == reference).Select(a => a.Id));
        using var client = await site.SignedInClientAsync(email);

        var response = await client.GetAsync(new Uri($"/cases/applications/{id}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.DoesNotContain(reference, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AssessorPage_LinksOnlyTheApplicationsTheyMayOpen()
    {
        var recused = await site.IdAsync(db => db.Applications.Where(a => a.ApplicationReference == "CGS-CY-0004").Select(a => a.Id));
        using var client = await site.SignedInClientAsync("assessor2@demo.opcc-grants.example");

        var html = await client.GetStringAsync(new Uri("/assessor", UriKind.Relative));

        Assert.Contains("CGS-CY-0004", html, StringComparison.Ordinal);
        Assert.DoesNotContain($"/cases/applications/{recused}\"", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("officer@demo.opcc-grants.example")]
    [InlineData("chief.executive@demo.opcc-grants.example")]
    [InlineData("admin@demo.opcc-grants.example")]
    public async Task PaymentCase_ForStaffOutsideFinance_ShowsNoBankDetails(string email)
    {
        var id = await site.IdAsync(db => db.Payments.Where(p => p.PaymentReference == "AWD-CY-0013-P2").Select(p => p.Id));
        using var client = await site.SignedInClientAsync(email);

        var html = WebUtility.HtmlDecode(await client.GetStringAsync(new Uri($"/cases/payments/{id}", UriKind.Relative)));

        Assert.Contains("Instalment 2 of £5,000.00", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Pay into", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Sort code", html, StringComparison.Ordinal);
        Assert.DoesNotContain("35-18-36", html, StringComparison.Ordinal);
        BankDigits.AssertNotShown("4072", html);
        Assert.DoesNotContain("68864072", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PaymentCase_ForFinance_ShowsTheBankDetailsMasked()
    {
        var id = await site.IdAsync(db => db.Payments.Where(p => p.PaymentReference == "AWD-CY-0013-P2").Select(p => p.Id));
        using var client = await site.SignedInClientAsync("finance@demo.opcc-grants.example");

        var html = WebUtility.HtmlDecode(await client.GetStringAsync(new Uri($"/cases/payments/{id}", UriKind.Relative)));

        Assert.Contains("Ludlow Shopwatch Partnership", html, StringComparison.Ordinal);
        Assert.Contains("35-18-36", html, StringComparison.Ordinal);
        Assert.Contains("••••4072", html, StringComparison.Ordinal);
        Assert.DoesNotContain("68864072", html, StringComparison.Ordinal);
        // The check the other roles' pages pass does catch the last four as finance's page shows them.
        Assert.ThrowsAny<Xunit.Sdk.XunitException>(() => BankDigits.AssertNotShown("4072", html));
    }

    [Theory]
    [InlineData("assessor@demo.opcc-grants.example", HttpStatusCode.OK, HttpStatusCode.NotFound)]
    [InlineData("assessor2@demo.opcc-grants.example", HttpStatusCode.NotFound, HttpStatusCode.NotFound)]
    [InlineData("panel@demo.opcc-grants.example", HttpStatusCode.NotFound, HttpStatusCode.NotFound)]
    [InlineData("officer@demo.opcc-grants.example", HttpStatusCode.OK, HttpStatusCode.OK)]
    public async Task AttachmentDownload_ForAnAssessor_OnlyOfApplicationsAssignedAndNotRecused(string email, HttpStatusCode assigned, HttpStatusCode other)
    {
        var onAssigned = await AttachAsync("CGS-CY-0004");
        var onOther = await AttachAsync("CGS-CY-0002");
        using var client = await site.SignedInClientAsync(email);

        var answers = (
            (await client.GetAsync(new Uri($"/attachments/{onAssigned}", UriKind.Relative))).StatusCode,
            (await client.GetAsync(new Uri($"/attachments/{onOther}", UriKind.Relative))).StatusCode);

        Assert.Equal((assigned, other), answers);
    }

    private static string Answer(HttpResponseMessage response) =>
        response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location?.ToString().Contains("/Account/AccessDenied", StringComparison.Ordinal) == true
            ? Denied
            : ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A file on the application, added as a grants officer may at any stage.</summary>
    private async Task<int> AttachAsync(string reference)
    {
        var applicationId = await site.IdAsync(db => db.Applications.Where(a => a.ApplicationReference == reference).Select(a => a.Id));
        var officer = Actor.For("officer-for-test", "Priya Shah", Roles.GrantsOfficer);
        using var content = new MemoryStream("%PDF-1.4\n% assessment pack\n%%EOF\n"u8.ToArray());
        var saved = await site.Services.GetRequiredService<AttachmentStore>()
            .SaveAsync(new AttachmentUpload(AttachmentOwner.Application, applicationId, "Assessment pack", "pack.pdf", content), officer);
        Assert.True(saved.Succeeded, string.Join("; ", saved.Errors.Values));
        return saved.Value!.Id;
    }

    private async Task<(int Assigned, int Award, int Payment, int Return)> IdsAsync()
    {
        await using var db = await site.Services.GetRequiredService<IDbContextFactory<GrantsDbContext>>().CreateDbContextAsync();
        var assigned = await db.Applications.Where(a => a.ApplicationReference == "CGS-CY-0004").Select(a => a.Id).SingleAsync();
        var award = await db.Awards.Where(a => a.AwardReference == "AWD-CY-0013").Select(a => a.Id).SingleAsync();
        var payment = await db.Payments.Where(p => p.AwardId == award).Select(p => p.Id).FirstAsync();
        var monitoringReturn = await db.Returns.Where(r => r.AwardId == award).Select(r => r.Id).FirstAsync();
        return (assigned, award, payment, monitoringReturn);
    }
}
