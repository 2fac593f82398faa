using System.Globalization;
using GrantsCommissioning.Core.Data;
using GrantsCommissioning.EndToEnd.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace GrantsCommissioning.EndToEnd.Assessments;

/// <summary>
/// The assessment pages in a real browser: axe-core finds no WCAG 2.2 AA violations and nothing scrolls sideways at
/// 320 CSS pixels, for the officer's and the assessor's pages; and the journey where the demo assessor scores an
/// application with a justification for each criterion and an officer moderates one whose totals diverge.
/// {round} is CGS-CURRENT; {awaiting} Tom Bennett's assignment on CGS-CY-0101; {moderation} CGS-CY-0103.
/// </summary>
[Collection(StaffBrowserCollection.Name)]
public class AssessmentPagesTests(BrowserSite site)
{
    private const string Officer = "officer@demo.opcc-grants.example";
    private const string Assessor = "assessor@demo.opcc-grants.example";

    public static TheoryData<string, string> Pages => new()
    {
        { Officer, "/staff/rounds/{round}/assessment" },
        { Officer, "/staff/rounds/{round}/assessment?remove={awaiting}" },
        { Officer, "/staff/rounds/{round}/ranking" },
        { Officer, "/staff/rounds/{round}/scores" },
        { Officer, "/staff/rounds/{round}/scores?sort=score" },
        { Officer, "/staff/applications/{moderation}/moderation" },
        { Officer, "/staff/applications/{moderated}/moderation" },
        { Assessor, "/assess" },
        { Assessor, "/assess/interests" },
        { Assessor, "/assess/{awaiting}" },
        { Assessor, "/assess/{scored}" },
    };

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task AssessmentPage_HasNoAxeViolations_AndFitsAt320Pixels(string user, string template) =>
        await site.AssertAccessibleAndReflowsAsync(user, await PathAsync(template));

    [Fact]
    public async Task OfficerOnTheRoundsAssessmentPage_TicksAnApplicationWaitingForChecks_AndRejectingAsksFirst()
    {
        var id = await IdAsync(db => db.Applications.Where(a => a.ApplicationReference == "CGS-CY-0003").Select(a => a.Id));
        var page = await site.SignedInPageAsync(Officer);
        await page.GotoAsync(await PathAsync("/staff/rounds/{round}/assessment"));
        // Enabled once the island is interactive, so the tick reaches the circuit.
        await Assertions.Expect(page.Locator($"#round-pick-{id}")).ToBeEnabledAsync();

        await page.CheckAsync($"#round-pick-{id}");
        await Assertions.Expect(page.Locator("#round-bulk #bulk-selection")).ToContainTextAsync("1 selected: CGS-CY-0003");
        await page.FillAsync("#round-bulk #bulk-reason", "The organisation does not serve West Mercia.");
        await page.ClickAsync("#round-bulk >> text=Reject as ineligible…");
        await Assertions.Expect(page.Locator("#round-bulk #confirm-reject")).ToContainTextAsync("Reject 1 application as ineligible?");
        await page.ClickAsync("#round-bulk #confirm-reject >> text=Cancel");

        await Assertions.Expect(page.Locator("#round-bulk #confirm-reject")).ToHaveCountAsync(0);
        Assert.False(await page.IsVisibleAsync("#blazor-error-ui"));
        await page.Context.CloseAsync();
        await using var db = await site.Services.GetRequiredService<IDbContextFactory<GrantsDbContext>>().CreateDbContextAsync();
        Assert.Equal("EligibilityCheck", await db.Applications.Where(a => a.Id == id).Select(a => a.State).SingleAsync());
    }

    [Fact]
    public async Task OfficerAssigningAFlaggedAssessor_SeesTheErrorSummary_WithNoAxeViolations()
    {
        var page = await site.SignedInPageAsync(Officer);
        await page.GotoAsync(await PathAsync("/staff/rounds/{round}/assessment"));
        await page.CheckAsync($"#app-{await IdAsync(db => db.Applications.Where(a => a.ApplicationReference == "CGS-CY-0106").Select(a => a.Id))}");
        await using (var db = await site.Services.GetRequiredService<IDbContextFactory<GrantsDbContext>>().CreateDbContextAsync())
        {
            await page.SelectOptionAsync("#AssessorUserId", await db.Users.Where(u => u.Email == Assessor).Select(u => u.Id).SingleAsync());
        }
        await page.ClickAsync("text=Assign to the selected applications");
        await Assertions.Expect(page.Locator(".error-summary")).ToContainTextAsync("register of interests lists Bromsgrove Rural Crime Network");

        var violations = await Axe.RunAsync(page);

        await ScreenshotAsync(page, "assign-refused");
        Assert.True(violations.Count == 0, Axe.Describe(violations));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Assessor_ScoresWithAJustificationPerCriterion_AndTheOfficerModeratesDivergingTotals()
    {
        var assessor = await site.SignedInPageAsync(Assessor);
        await assessor.GotoAsync("/assess");
        await ScreenshotAsync(assessor, "inbox");
        await assessor.ClickAsync("text=CGS-CY-0102");
        var selects = assessor.Locator("main select");
        // Count the score fields only once the scoring page has loaded (the inbox has none).
        await Assertions.Expect(assessor.Locator("text=Submit my scores")).ToBeVisibleAsync();
        var count = await selects.CountAsync();
        Assert.True(count > 1, "one score per criterion");
        for (var i = 0; i < count; i++)
        {
            await selects.Nth(i).SelectOptionAsync("4");
        }
        await assessor.ClickAsync("text=Submit my scores");
        await Assertions.Expect(assessor.Locator(".error-summary")).ToContainTextAsync("Write a justification for your score on");
        await ScreenshotAsync(assessor, "scoring-errors");
        var justifications = assessor.Locator("main textarea[id^=Justification]");
        for (var i = 0; i < count; i++)
        {
            await justifications.Nth(i).FillAsync("The application gives local evidence for this.");
        }
        await assessor.CheckAsync("#Recommendation");
        await assessor.ClickAsync("text=Submit my scores");
        await Assertions.Expect(assessor.Locator("#weighted-total")).ToHaveTextAsync("80.0 out of 100");
        await ScreenshotAsync(assessor, "scored");
        await assessor.Context.CloseAsync();

        var officer = await site.SignedInPageAsync(Officer);
        await officer.GotoAsync(await PathAsync("/staff/rounds/{round}/assessment"));
        await ScreenshotAsync(officer, "round-assessors");
        await officer.GotoAsync(await PathAsync("/staff/applications/{moderation}/moderation"));
        await officer.FillAsync("#Score", "64");
        await officer.ClickAsync("text=Record the moderated score");
        await Assertions.Expect(officer.Locator(".error-summary")).ToContainTextAsync("Give the reason for the agreed score");
        await officer.FillAsync("#Reason", "Moderation meeting: the referral route is agreed with the police; score agreed at 64.");
        await officer.ClickAsync("text=Record the moderated score");
        await Assertions.Expect(officer.Locator("#moderated-score")).ToHaveTextAsync("64 out of 100");
        await ScreenshotAsync(officer, "moderation");
        await officer.GotoAsync(await PathAsync("/staff/rounds/{round}/ranking"));
        await Assertions.Expect(officer.Locator("main")).ToContainTextAsync("64.0 (moderated)");
        await Assertions.Expect(officer.Locator("main")).ToContainTextAsync("Funding line");
        await ScreenshotAsync(officer, "ranking");
        await officer.Context.CloseAsync();
    }

    [Fact]
    public async Task Ranking_AmountBoxes_ShowAnAmountUpTo999999_99InFull_At1280Pixels()
    {
        var officer = await site.SignedInPageAsync(Officer, width: 1280);
        await officer.GotoAsync(await PathAsync("/staff/rounds/{round}/ranking"));
        var boxes = officer.Locator("input[id^='amount-']");
        await Assertions.Expect(boxes.First).ToBeVisibleAsync(new() { Timeout = 60_000 });
        foreach (var box in await boxes.AllAsync())
        {
            await box.FillAsync("999,999.99");
        }
        await ScreenshotAsync(officer, "ranking-amounts");

        var cut = await boxes.EvaluateAllAsync<string[]>("boxes => boxes.filter(b => b.scrollWidth > b.clientWidth).map(b => b.id)");
        Assert.Empty(cut);
        Assert.True(await officer.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= document.documentElement.clientWidth"),
            "the ranking page scrolls sideways at 1280 px");
        await officer.Context.CloseAsync();
    }

    /// <summary>Saves what the user sees when GC_SCREENSHOTS names a folder (for reviewing the pages by eye).</summary>
    private static async Task ScreenshotAsync(IPage page, string name)
    {
        if (Environment.GetEnvironmentVariable("GC_SCREENSHOTS") is { Length: > 0 } folder)
        {
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, $"assess-{name}.png"), FullPage = true });
        }
    }

    private async Task<int> IdAsync(Func<GrantsDbContext, IQueryable<int>> query)
    {
        await using var db = await site.Services.GetRequiredService<IDbContextFactory<GrantsDbContext>>().CreateDbContextAsync();
        return await query(db).SingleAsync();
    }

    private Task<int> AssignmentAsync(string reference) =>
        IdAsync(db => db.Assessments.Where(a => a.Application!.ApplicationReference == reference && db.Users.Any(u => u.Id == a.AssessorUserId && u.Email == Assessor)).Select(a => a.Id));

    private async Task<string> PathAsync(string template)
    {
        string Id(int id) => id.ToString(CultureInfo.InvariantCulture);
        return template
            .Replace("{round}", Id(await IdAsync(db => db.Rounds.Where(r => r.Reference == "CGS-CURRENT").Select(r => r.Id))), StringComparison.Ordinal)
            .Replace("{moderation}", Id(await IdAsync(db => db.Applications.Where(a => a.ApplicationReference == "CGS-CY-0103").Select(a => a.Id))), StringComparison.Ordinal)
            .Replace("{moderated}", Id(await IdAsync(db => db.Applications.Where(a => a.ApplicationReference == "CGS-CY-0105").Select(a => a.Id))), StringComparison.Ordinal)
            .Replace("{awaiting}", Id(await AssignmentAsync("CGS-CY-0101")), StringComparison.Ordinal)
            .Replace("{scored}", Id(await AssignmentAsync("CGS-CY-0104")), StringComparison.Ordinal);
    }
}
