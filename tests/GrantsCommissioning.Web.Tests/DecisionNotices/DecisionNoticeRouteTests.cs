using System.Net;
using DocumentFormat.OpenXml.Packaging;
using GrantsCommissioning.Core.Data;
using GrantsCommissioning.Core.Features.DecisionNotices;
using GrantsCommissioning.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GrantsCommissioning.Web.Tests.DecisionNotices;

/// <summary>
/// Every decision-notice route × every role, anonymous and an applicant: staff routes are for officers, the Chief
/// Executive and Chief Finance Officer (decision makers) and the Commissioner; the register is public; a notice that does
/// not exist, or (publicly) is not published, is a 404; Part 2 is never in anything public.
/// </summary>
[Collection(DemoSiteCollection.Third)]
public class DecisionNoticeRouteTests(GrantsWebFactory site)
{
    private const string Denied = "denied";
    private const string SignIn = "sign-in";
    private const string Ok = "200";
    private const string Missing = "404";

    [Theory]
    [InlineData("officer@demo.opcc-grants.example", Ok, Ok, Ok, Ok, Ok, Ok)]
    [InlineData("chief.executive@demo.opcc-grants.example", Ok, Denied, Ok, Denied, Ok, Ok)]
    [InlineData("cfo@demo.opcc-grants.example", Ok, Denied, Ok, Denied, Ok, Ok)]
    [InlineData("commissioner@demo.opcc-grants.example", Ok, Ok, Ok, Ok, Ok, Ok)]
    [InlineData("finance@demo.opcc-grants.example", Denied, Denied, Denied, Denied, Denied, Denied)]
    [InlineData("assessor@demo.opcc-grants.example", Denied, Denied, Denied, Denied, Denied, Denied)]
    [InlineData("panel@demo.opcc-grants.example", Denied, Denied, Denied, Denied, Denied, Denied)]
    [InlineData("admin@demo.opcc-grants.example", Denied, Denied, Denied, Denied, Denied, Denied)]
    [InlineData("applicant@demo.opcc-grants.example", Denied, Denied, Denied, Denied, Denied, Denied)]
    [InlineData(null, SignIn, SignIn, SignIn, SignIn, SignIn, SignIn)]
    public async Task StaffRoutes_ForEachRole_AreAllowedOnlyToNoticeStaff(string? email, string list, string create, string view, string edit, string document, string csv)
    {
        var draft = await DraftIdAsync();
        using var client = email is null ? site.NewClient() : await site.SignedInClientAsync(email);

        var answers = new List<string>();
        foreach (var path in new[]
        {
            "/decision-notices", "/decision-notices/new", $"/decision-notices/{draft}", $"/decision-notices/{draft}/edit",
            $"/decision-notices/{draft}/document", "/exports/decision-notices.csv",
        })
        {
            answers.Add(Answer(await client.GetAsync(new Uri(path, UriKind.Relative))));
        }

        Assert.Equal([list, create, view, edit, document, csv], answers);
    }

    [Theory]
    [InlineData("officer@demo.opcc-grants.example")]
    [InlineData("commissioner@demo.opcc-grants.example")]
    public async Task StaffRoutes_ForANoticeThatDoesNotExist_AreNotFound(string email)
    {
        var missing = await site.IdAsync(db => db.Set<DecisionNotice>().Select(n => n.Id).OrderByDescending(i => i).Take(1)) + 1000;
        using var client = await site.SignedInClientAsync(email);

        foreach (var path in new[] { $"/decision-notices/{missing}", $"/decision-notices/{missing}/edit", $"/decision-notices/{missing}/document" })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(new Uri(path, UriKind.Relative))).StatusCode);
        }
    }

    [Fact]
    public async Task StaffNoticePage_ShowsPart2ToStaff_AndTheAdviceForm_ToTheDecisionMakerWhoseTurnItIs()
    {
        var awaitingChiefExecutive = await site.IdAsync(db => db.Set<DecisionNotice>()
            .Where(n => n.State == DecisionNoticeWorkflow.ChiefExecutiveAdvice).Select(n => n.Id));
        using var client = await site.SignedInClientAsync("chief.executive@demo.opcc-grants.example");

        var html = await client.GetStringAsync(new Uri($"/decision-notices/{awaitingChiefExecutive}", UriKind.Relative));

        Assert.Contains("Commercial terms of the extension. NOT FOR PUBLICATION.", html, StringComparison.Ordinal);
        Assert.Contains("Note the Chief Executive&#x27;s advice", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StaffNoticePage_OfASignedNotice_GivesTheSignatureDateAndTheSignatory_EachOnItsOwnLine()
    {
        var signed = await site.IdAsync(db => db.Set<DecisionNotice>()
            .Where(n => n.SignatureDate == new DateOnly(2013, 6, 10)).Select(n => n.Id));
        using var client = await site.SignedInClientAsync("officer@demo.opcc-grants.example");

        var html = WebUtility.HtmlDecode(await client.GetStringAsync(new Uri($"/decision-notices/{signed}", UriKind.Relative)));

        Assert.Contains("<dt>Signed</dt><dd>10 June 2013</dd>", html, StringComparison.Ordinal);
        Assert.Matches("<dt>Signed by</dt><dd>[^<]+</dd>", html);
        Assert.DoesNotContain("2013 by ", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("applicant@demo.opcc-grants.example")]
    [InlineData("panel@demo.opcc-grants.example")]
    [InlineData("officer@demo.opcc-grants.example")]
    public async Task PublicRegister_ForAnyone_ListsPublishedNoticesWithTheirDocuments_AndNeverPart2(string? email)
    {
        using var client = email is null ? site.NewClient() : await site.SignedInClientAsync(email);

        var register = await client.GetStringAsync(new Uri("/transparency/decisions?year=2013", UriKind.Relative));
        var notice = await client.GetAsync(new Uri("/transparency/decisions/WMPCC-2013-002", UriKind.Relative));
        var docx = await client.GetAsync(new Uri("/transparency/decisions/WMPCC-2013-002.docx", UriKind.Relative));

        Assert.Contains("Treasury management strategy 2013/14", register, StringComparison.Ordinal);
        Assert.Contains("href=\"/transparency/decisions/WMPCC-2013-002.docx\"", register, StringComparison.Ordinal);
        Assert.DoesNotContain("Use of reserves", register, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, notice.StatusCode);
        var html = await notice.Content.ReadAsStringAsync();
        Assert.Contains("Regional collaboration: Surveillance", html, StringComparison.Ordinal);
        Assert.Contains("It is exempt from publication", html, StringComparison.Ordinal);
        Assert.DoesNotContain("NOT FOR PUBLICATION", html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, docx.StatusCode);
        Assert.Equal(NoticeDocument.ContentType, docx.Content.Headers.ContentType?.MediaType);
        using var word = WordprocessingDocument.Open(new MemoryStream(await docx.Content.ReadAsByteArrayAsync()), false);
        var text = word.MainDocumentPart!.Document!.Body!.InnerText;
        Assert.Contains("Regional collaboration: Surveillance", text, StringComparison.Ordinal);
        Assert.DoesNotContain("NOT FOR PUBLICATION", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PublicRoutes_ForANoticeNotYetPublished_AreNotFound_AndShowNothingOfIt()
    {
        var (slug, title) = await SignedNoticeAsync();
        using var client = site.NewClient();

        var page = await client.GetAsync(new Uri($"/transparency/decisions/{slug}", UriKind.Relative));
        var docx = await client.GetAsync(new Uri($"/transparency/decisions/{slug}.docx", UriKind.Relative));
        var register = await client.GetStringAsync(new Uri("/transparency/decisions", UriKind.Relative));

        Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.NotFound), (page.StatusCode, docx.StatusCode));
        Assert.DoesNotContain(title, await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain(title, register, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PublicRegister_SearchesAndPages_NewestFirst()
    {
        using var client = site.NewClient();

        var all = await client.GetStringAsync(new Uri("/transparency/decisions", UriKind.Relative));
        var search = await client.GetStringAsync(new Uri("/transparency/decisions?q=reserves", UriKind.Relative));

        Assert.True(all.IndexOf("Use of reserves", StringComparison.Ordinal) < all.IndexOf("Treasury management", StringComparison.Ordinal),
            "the 2015 decision is listed before the 2013 ones");
        Assert.Contains("1 decision matching", search, StringComparison.Ordinal);
        Assert.DoesNotContain("Treasury management", search, StringComparison.Ordinal);
    }

    private async Task<int> DraftIdAsync() =>
        await site.IdAsync(db => db.Set<DecisionNotice>().Where(n => n.State == DecisionNoticeWorkflow.Draft).Select(n => n.Id));

    private async Task<(string Slug, string Title)> SignedNoticeAsync()
    {
        await using var db = await site.Services.GetRequiredService<IDbContextFactory<GrantsDbContext>>().CreateDbContextAsync();
        var n = await db.Set<DecisionNotice>().SingleAsync(n => n.State == DecisionNoticeWorkflow.Signed);
        return (n.Slug, n.Title);
    }

    private static string Answer(HttpResponseMessage response)
    {
        var location = response.Headers.Location?.ToString() ?? "";
        return response.StatusCode == HttpStatusCode.Redirect && location.Contains("/Account/AccessDenied", StringComparison.Ordinal) ? Denied
            : response.StatusCode == HttpStatusCode.Redirect && location.Contains("/Account/Login", StringComparison.Ordinal) ? SignIn
            : ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture);
    }
}
