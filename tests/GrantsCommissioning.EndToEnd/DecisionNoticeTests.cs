using System.Globalization;
using GrantsCommissioning.Core.Data;
using GrantsCommissioning.Core.Features.DecisionNotices;
using GrantsCommissioning.EndToEnd.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace GrantsCommissioning.EndToEnd;

/// <summary>
/// The decision notice pages in a real browser: axe-core with zero violations and no horizontal scrolling at 320 CSS
/// pixels on the public register and on the staff pages, and the Commissioner signing a notice that then reaches the
/// public register.
/// </summary>
[Collection(BrowserCollection.Name)]
public class DecisionNoticeTests(BrowserSite site)
{
    public static TheoryData<string> PublicPages => ["/transparency/decisions", "/transparency/decisions?year=2013&q=surveillance", "/transparency/decisions/WMPCC-2013-002"];

    /// <summary>Staff pages and who opens them; {state} is the demo notice in that state.</summary>
    public static TheoryData<string, string> StaffPages => new()
    {
        { "officer@demo.opcc-grants.example", "/decision-notices" },
        { "officer@demo.opcc-grants.example", "/decision-notices/new" },
        { "officer@demo.opcc-grants.example", "/decision-notices/{Draft}" },
        { "officer@demo.opcc-grants.example", "/decision-notices/{Draft}/edit" },
        { "chief.executive@demo.opcc-grants.example", "/decision-notices/{ChiefExecutiveAdvice}" },
        { "commissioner@demo.opcc-grants.example", "/decision-notices/{AwaitingSignature}" },
    };

    [Theory]
    [MemberData(nameof(PublicPages))]
    public async Task PublicRegisterPage_SignedOut_HasNoAxeViolations_AndFitsAt320Pixels(string path) =>
        await site.AssertAccessibleAndReflowsAsync(null, path);

    [Theory]
    [MemberData(nameof(StaffPages))]
    public async Task StaffNoticePage_HasNoAxeViolations_AndFitsAt320Pixels(string email, string template) =>
        await site.AssertAccessibleAndReflowsAsync(email, await PathAsync(template));

    [Fact]
    public async Task SavingADraftWithNoTitle_ShowsTheErrorSummary_WithNoAxeViolations()
    {
        var page = await site.SignedInPageAsync("officer@demo.opcc-grants.example");
        await page.GotoAsync("/decision-notices/new");
        var save = page.GetByRole(AriaRole.Button, new() { Name = "Save draft" });
        await Assertions.Expect(save).ToBeEnabledAsync();

        await save.ClickAsync();
        await Assertions.Expect(page.Locator(".error-summary")).ToContainTextAsync("Enter the title of the decision");

        var violations = await Axe.RunAsync(page);
        Assert.True(violations.Count == 0, Axe.Describe(violations));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task TheCommissionerSigns_AnOfficerPublishes_AndTheNoticeIsOnThePublicRegisterWithItsDocument()
    {
        var id = await IdInStateAsync(DecisionNoticeWorkflow.AwaitingSignature);
        var commissioner = await site.SignedInPageAsync("commissioner@demo.opcc-grants.example");
        await commissioner.GotoAsync($"/decision-notices/{id}");
        var sign = commissioner.GetByRole(AriaRole.Button, new() { Name = "Sign the decision" });
        await Assertions.Expect(sign).ToBeEnabledAsync();

        await sign.ClickAsync();
        await Assertions.Expect(commissioner.Locator(".error-summary")).ToContainTextAsync("Declare any personal or prejudicial interest");
        await commissioner.FillAsync("#DeclarationOfInterests", "None.");
        await sign.ClickAsync();
        await Assertions.Expect(commissioner.Locator("p.lead .tag")).ToHaveTextAsync("Signed: awaiting publication");
        await commissioner.Context.CloseAsync();

        var officer = await site.SignedInPageAsync("officer@demo.opcc-grants.example");
        await officer.GotoAsync($"/decision-notices/{id}");
        var publish = officer.GetByRole(AriaRole.Button, new() { Name = "Publish on the decision register" });
        await Assertions.Expect(publish).ToBeEnabledAsync();
        await publish.ClickAsync();
        await Assertions.Expect(officer.Locator("p.lead .tag")).ToHaveTextAsync("Published");
        await officer.Context.CloseAsync();

        var reader = await site.NewPageAsync();
        await reader.GotoAsync("/transparency/decisions?q=shared+police");
        await reader.GetByRole(AriaRole.Link, new() { Name = "Estates strategy: shared police and fire station" }).ClickAsync();
        await Assertions.Expect(reader.Locator("h1")).ToHaveTextAsync("Estates strategy: shared police and fire station");
        await Assertions.Expect(reader.Locator("main")).Not.ToContainTextAsync("NOT FOR PUBLICATION");
        var download = await reader.RunAndWaitForDownloadAsync(() =>
            reader.GetByRole(AriaRole.Link, new() { Name = "Download this decision as a Word document" }).ClickAsync());
        Assert.EndsWith(".docx", download.SuggestedFilename, StringComparison.Ordinal);
        await reader.Context.CloseAsync();
    }

    private async Task<string> PathAsync(string template)
    {
        foreach (var state in DecisionNoticeWorkflow.States)
        {
            var token = "{" + state + "}";
            if (template.Contains(token, StringComparison.Ordinal))
            {
                template = template.Replace(token, (await IdInStateAsync(state)).ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);
            }
        }
        return template;
    }

    /// <summary>The demo notice in <paramref name="state"/> (one each, besides the published ones).</summary>
    private async Task<int> IdInStateAsync(string state)
    {
        await using var db = await site.Services.GetRequiredService<IDbContextFactory<GrantsDbContext>>().CreateDbContextAsync();
        var titles = new Dictionary<string, string>
        {
            [DecisionNoticeWorkflow.Draft] = "Community Safety Partnership allocations for next year",
            [DecisionNoticeWorkflow.ChiefExecutiveAdvice] = "Victims' services contract extension",
            [DecisionNoticeWorkflow.FinanceAdvice] = "Speed watch equipment for rural villages",
            [DecisionNoticeWorkflow.AwaitingSignature] = "Estates strategy: shared police and fire station",
            [DecisionNoticeWorkflow.Signed] = "Independent custody visiting scheme",
        };
        return await db.Set<DecisionNotice>().Where(n => n.Title == titles[state]).Select(n => n.Id).SingleAsync();
    }
}
