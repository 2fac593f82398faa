using System.Net;
using System.Text.RegularExpressions;
using GrantsCommissioning.Core.Data;
using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Core.Features.Applications;
using GrantsCommissioning.Core.Features.Attachments;
using GrantsCommissioning.Core.Workflow;
using GrantsCommissioning.Web.Tests.Applicants;
using GrantsCommissioning.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GrantsCommissioning.Web.Tests.Applications;

/// <summary>
/// The applicant's answer to a request for more information, /applicant/applications/{id}/information: applicants
/// only; another organisation's application or an unknown id is a 404 with no data; the demo's CGS-CY-0023 waits for
/// the demo applicant's answer, and the officer's case page shows the question. CGS-CY-0024 was submitted on workflow
/// v4, where the applicant cannot write an answer in the app: they see the question, may upload files for it (shown
/// under it to staff and to them), and the officer's case page says whom to contact.
/// </summary>
[Collection(DemoSiteCollection.Third)]
public class InformationRequestRouteTests(GrantsWebFactory site)
{
    private const string Applicant = "applicant@demo.opcc-grants.example";
    private const string DemoQuestion = "Please upload the club's safeguarding policy";

    public static TheoryData<string, string> Users => DemoUsers.OneOfEachRole;

    private const string V4Question = "Please upload a quote from the training provider";

    private Task<int> WaitingAsync() => site.IdAsync(db => db.Applications.Where(a => a.ApplicationReference == "CGS-CY-0023").Select(a => a.Id));

    private Task<int> OnVersionFourAsync() => site.IdAsync(db => db.Applications.Where(a => a.ApplicationReference == "CGS-CY-0024").Select(a => a.Id));

    [Theory]
    [MemberData(nameof(Users))]
    public async Task InformationPage_IsForApplicantsOnly(string role, string email)
    {
        using var client = await site.SignedInClientAsync(email);

        foreach (var id in new[] { await WaitingAsync(), await OnVersionFourAsync() })
        {
            var response = await client.GetAsync(new Uri($"/applicant/applications/{id}/information", UriKind.Relative));

            RouteAccess.AssertAllowedOrRefused(response, role == Core.Domain.Roles.Applicant, $"{role} information page of {id}");
        }
    }

    [Fact]
    public async Task InformationPage_ForAnotherOrganisationsApplication_OrAnUnknownOne_IsNotFound()
    {
        var waiting = await WaitingAsync();
        var others = await site.IdAsync(db => db.Applications.Where(a => a.ApplicationReference == "CGS-CY-0003").Select(a => a.Id));
        using var applicant = await site.SignedInClientAsync(Applicant);
        using var treasurer = await site.SignedInClientAsync("treasurer@demo.opcc-grants.example");

        var othersApplication = await applicant.GetAsync(new Uri($"/applicant/applications/{others}/information", UriKind.Relative));
        var unknown = await applicant.GetAsync(new Uri("/applicant/applications/999999/information", UriKind.Relative));
        var notTheirs = await treasurer.GetAsync(new Uri($"/applicant/applications/{waiting}/information", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, othersApplication.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, notTheirs.StatusCode);
        Assert.DoesNotContain(DemoQuestion, await notTheirs.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task DemoApplicant_SeesTheQuestion_AndAnEmptyAnswerIsRefusedWithNothingSent()
    {
        var id = await WaitingAsync();
        using var client = await site.SignedInClientAsync(Applicant);

        var home = Regex.Replace(await client.HtmlAsync("/applicant"), @"\s+", " ");
        var page = Regex.Replace(await client.HtmlAsync($"/applicant/applications/{id}/information"), @"\s+", " ");
        var empty = await (await client.PostFormAsync($"/applicant/applications/{id}/information", "information",
            ("ReplyKey", Guid.NewGuid().ToString("N")), ("Input.Answer", "  "))).BodyAsync();

        Assert.Contains("Answer the grants team's question on application CGS-CY-0023", home, StringComparison.Ordinal);
        Assert.Contains($"href=\"/applicant/applications/{id}/information\"", home, StringComparison.Ordinal);
        Assert.Contains(DemoQuestion, home, StringComparison.Ordinal);
        Assert.Contains("The grants team needs more information", page, StringComparison.Ordinal);
        Assert.Contains(DemoQuestion, page, StringComparison.Ordinal);
        Assert.Contains("Send your answer to the grants team", page, StringComparison.Ordinal);
        Assert.Contains("Upload a document for the grants team", page, StringComparison.Ordinal);
        Assert.Contains("Write your answer to the grants team's question.", empty, StringComparison.Ordinal);
        await using var db = await site.Services.GetRequiredService<IDbContextFactory<GrantsDbContext>>().CreateDbContextAsync();
        Assert.Equal(ApplicationStates.InformationRequested, await db.Applications.Where(a => a.Id == id).Select(a => a.State).SingleAsync());
    }

    [Fact]
    public async Task OfficersCasePage_ShowsTheQuestion_AndThatTheApplicantHasNotAnsweredYet()
    {
        var id = await WaitingAsync();
        using var client = await site.SignedInClientAsync("officer@demo.opcc-grants.example");

        var html = WebUtility.HtmlDecode(await client.GetStringAsync(new Uri($"/cases/applications/{id}", UriKind.Relative)));

        Assert.Contains("Questions to the applicant", html, StringComparison.Ordinal);
        Assert.Contains(DemoQuestion, html, StringComparison.Ordinal);
        Assert.Contains("Waiting for the applicant's answer", html, StringComparison.Ordinal);
        Assert.Contains(">Carry on the checks without the applicant's answer</button>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OnAVersionFourApplication_TheApplicantSeesTheQuestion_IsToldTheTeamWillContactThem_AndIsOfferedAnUploadNotAnAnswerForm()
    {
        var id = await OnVersionFourAsync();
        using var client = await site.SignedInClientAsync(Applicant);

        var home = Regex.Replace(WebUtility.HtmlDecode(await client.HtmlAsync("/applicant")), @"\s+", " ");
        var page = Regex.Replace(WebUtility.HtmlDecode(await client.HtmlAsync($"/applicant/applications/{id}/information")), @"\s+", " ");
        // A hand-made post of an answer finds no answer form on the page, and is refused.
        using var posted = await client.PostFormAsync($"/applicant/applications/{id}/information", "information",
            ("ReplyKey", Guid.NewGuid().ToString("N")), ("Input.Answer", "We have a quote from St John Ambulance."));

        Assert.Contains("See the grants team's question, and upload what they asked for, on application CGS-CY-0024", home, StringComparison.Ordinal);
        Assert.Contains(V4Question, home, StringComparison.Ordinal);
        Assert.Contains(V4Question, page, StringComparison.Ordinal);
        Assert.Contains("there is no answer form for it", page, StringComparison.Ordinal);
        Assert.Contains("a grants officer will contact you", page, StringComparison.Ordinal);
        Assert.Contains("Documents for the grants team's question", page, StringComparison.Ordinal);
        Assert.Contains("Upload a document for the grants team", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Send your answer to the grants team", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, posted.StatusCode);
        await using var db = await site.Services.GetRequiredService<IDbContextFactory<GrantsDbContext>>().CreateDbContextAsync();
        var app = await db.Applications.SingleAsync(a => a.Id == id);
        Assert.Equal((ApplicationStates.Submitted, 4), (app.State, app.WorkflowVersion));
        Assert.False(await db.WorkflowJournal.AnyAsync(j => j.CaseId == id && j.CaseKind == CaseKind.Application && j.Trigger == ApplicationTriggers.ProvideInformation));
    }

    [Fact]
    public async Task OnAVersionFourApplication_AFileTheApplicantSends_IsUnderTheQuestion_AndTheOfficerIsToldWhomToContact()
    {
        var id = await OnVersionFourAsync();
        string applicantId;
        await using (var db = await site.Services.GetRequiredService<IDbContextFactory<GrantsDbContext>>().CreateDbContextAsync())
        {
            applicantId = await db.Users.Where(u => u.Email == Applicant).Select(u => u.Id).SingleAsync();
        }
        var name = $"quote-{Guid.NewGuid():N}.pdf";
        using var content = new MemoryStream("%PDF-1.4\n% training quote\n%%EOF\n"u8.ToArray());
        var saved = await site.Services.GetRequiredService<AttachmentStore>().SaveAsync(
            new AttachmentUpload(AttachmentOwner.Application, id, InformationRequests.Purpose, name, content), Actor.For(applicantId, "Demo applicant", Roles.Applicant));
        using var officer = await site.SignedInClientAsync("officer@demo.opcc-grants.example");
        using var applicant = await site.SignedInClientAsync(Applicant);

        var casePage = WebUtility.HtmlDecode(await officer.GetStringAsync(new Uri($"/cases/applications/{id}", UriKind.Relative)));
        var thread = casePage[casePage.IndexOf("id=\"information-thread\"", StringComparison.Ordinal)..];
        var applicantsPage = WebUtility.HtmlDecode(await applicant.HtmlAsync($"/applicant/applications/{id}/information"));

        Assert.True(saved.Succeeded, string.Join(";", saved.Errors.Values));
        Assert.Contains("where the applicant cannot write an answer in the app", thread, StringComparison.Ordinal);
        Assert.Contains("<applicant@demo.opcc-grants.example>", thread, StringComparison.Ordinal);
        // The file is listed in the question's own item of the thread, not only among the case's documents.
        var asked = thread.IndexOf(V4Question, StringComparison.Ordinal);
        var question = thread[asked..thread.IndexOf("</ol>", asked, StringComparison.Ordinal)];
        Assert.Contains("Sent by the applicant for this question:", question, StringComparison.Ordinal);
        Assert.Contains($"<a href=\"/attachments/{saved.Value!.Id}\" download>{name}</a>", question, StringComparison.Ordinal);
        Assert.DoesNotContain("Carry on the checks without the applicant's answer", casePage, StringComparison.Ordinal);
        Assert.Contains($"<a href=\"/attachments/{saved.Value.Id}\" download>{name}</a>", applicantsPage, StringComparison.Ordinal);
    }
}
