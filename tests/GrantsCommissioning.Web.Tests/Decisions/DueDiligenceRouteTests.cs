using System.Net;
using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Core.Workflow;
using GrantsCommissioning.Web.Tests.Applicants;
using GrantsCommissioning.Web.Tests.Infrastructure;
using GrantsCommissioning.Web.Tests.Panel;

namespace GrantsCommissioning.Web.Tests.Decisions;

/// <summary>The due-diligence page: grants officers only; a draft or unknown application is 404; the case page summarises the checklist.</summary>
[Collection(DemoSiteCollection.Second)]
public class DueDiligenceRouteTests(GrantsWebFactory site)
{
    public static TheoryData<string, string> Users => PanelReportRoleMatrixTests.Users;

    private Task<int> InAssessmentAsync() =>
        site.IdAsync(db => db.Applications.Where(a => a.State == ApplicationStates.Assessment).OrderBy(a => a.Id).Select(a => a.Id).Take(1));

    [Theory]
    [MemberData(nameof(Users))]
    public async Task DueDiligencePage_IsForGrantsOfficersOnly(string role, string email)
    {
        var id = await InAssessmentAsync();
        using var client = await site.SignedInClientAsync(email);

        var response = await client.GetAsync(new Uri($"/staff/applications/{id}/due-diligence", UriKind.Relative));

        if (role == Roles.GrantsOfficer)
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
        else
        {
            Assert.True(response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Forbidden, $"{role}: {response.StatusCode}");
        }
    }

    [Fact]
    public async Task ADraftOrUnknownApplication_IsNotFound()
    {
        var draft = await site.IdAsync(db => db.Applications.Where(a => a.State == ApplicationStates.Draft).OrderBy(a => a.Id).Select(a => a.Id).Take(1));
        using var client = await site.SignedInClientAsync("officer@demo.opcc-grants.example");

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(new Uri($"/staff/applications/{draft}/due-diligence", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(new Uri("/staff/applications/999999/due-diligence", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task TheDemoCaseInAssessment_ShowsItsPartChecklist_AndTheCasePageLinksIt()
    {
        var id = await InAssessmentAsync();
        using var client = await site.SignedInClientAsync("officer@demo.opcc-grants.example");

        var page = WebUtility.HtmlDecode(await client.HtmlAsync($"/staff/applications/{id}/due-diligence"));
        var casePage = WebUtility.HtmlDecode(await client.HtmlAsync($"/cases/applications/{id}"));

        Assert.Contains("Identity of the organisation confirmed", page, StringComparison.Ordinal);
        Assert.Contains("Priya Shah, ", page, StringComparison.Ordinal);
        Assert.Contains("checks still to record.", page, StringComparison.Ordinal);
        Assert.Contains("Record the check", page, StringComparison.Ordinal);
        Assert.Contains("id=\"documents-heading\"", page, StringComparison.Ordinal);
        Assert.Contains($"href=\"/staff/applications/{id}/due-diligence\"", casePage, StringComparison.Ordinal);
        Assert.Contains("still to record:", casePage, StringComparison.Ordinal);
    }
}
