using System.Net;
using System.Text.RegularExpressions;
using GrantsCommissioning.Core.Data;
using GrantsCommissioning.Core.Workflow;
using GrantsCommissioning.Web.Tests.Applicants;
using GrantsCommissioning.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GrantsCommissioning.Web.Tests.Applications;

/// <summary>
/// The applicant's answer to a request for more information, /applicant/applications/{id}/information: applicants
/// only; another organisation's application or an unknown id is a 404 with no data; the demo's CGS-CY-0023 waits for
/// the demo applicant's answer, and the officer's case page shows the question.
/// </summary>
[Collection(DemoSiteCollection.Name)]
public class InformationRequestRouteTests(GrantsWebFactory site)
{
    private const string Applicant = "applicant@demo.opcc-grants.example";
    private const string DemoQuestion = "Please upload the club's safeguarding policy";

    public static TheoryData<string, string> Users => DemoUsers.OneOfEachRole;

    private Task<int> WaitingAsync() => site.IdAsync(db => db.Applications.Where(a => a.ApplicationReference == "CGS-CY-0023").Select(a => a.Id));

    [Theory]
    [MemberData(nameof(Users))]
    public async Task InformationPage_IsForApplicantsOnly(string role, string email)
    {
        var id = await WaitingAsync();
        using var client = await site.SignedInClientAsync(email);

        var response = await client.GetAsync(new Uri($"/applicant/applications/{id}/information", UriKind.Relative));

        RouteAccess.AssertAllowedOrRefused(response, role == Core.Domain.Roles.Applicant, $"{role} information page");
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
}
