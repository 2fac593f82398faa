using System.Globalization;
using GrantsCommissioning.Core.Data;
using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Core.Workflow;
using GrantsCommissioning.EndToEnd.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace GrantsCommissioning.EndToEnd.TwoStage;

/// <summary>
/// A two-stage round in a real browser, with email through a real SMTP server: the applicant sends an expression of
/// interest, a grants officer invites it, and the applicant completes the full application and submits it. The new
/// pages have no axe-core violations and fit at 320 CSS pixels. The journey's round is its own (short form, on the small
/// fund, with the small fund round's plan objectives), so it changes no demo round other tests read.
/// </summary>
[Collection(MailCollection.Name)]
public sealed class TwoStageJourneyTests(MailSite site)
{
    private const string Applicant = "applicant@demo.opcc-grants.example";
    private const string Officer = "officer@demo.opcc-grants.example";

    [Theory]
    [InlineData(Applicant, "/applicant/interest/CGS-TWO-STAGE")]
    [InlineData(Officer, "/staff/rounds/{two-stage}/interests")]
    [InlineData(null, "/funding/CGS-TWO-STAGE")]
    public async Task TwoStagePage_HasNoAxeViolations_AndFitsAt320Pixels(string? user, string path)
    {
        await using var db = await Db();
        var id = await db.Rounds.Where(r => r.Reference == "CGS-TWO-STAGE").Select(r => r.Id).SingleAsync();
        await site.AssertAccessibleAndReflowsAsync(user, path.Replace("{two-stage}", id.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal));
    }

    [Fact]
    public async Task Applicant_SendsInterest_OfficerInvites_ApplicantCompletesAndSubmitsTheFullApplication()
    {
        var (reference, roundId, orgId) = await ArrangeRoundAsync();
        var applicant = await site.SignedInPageAsync(Applicant);

        // The public page says the round has two stages and leads to the expression of interest.
        await applicant.GotoAsync($"/funding/{reference}");
        await Assertions.Expect(applicant.Locator("#two-stage")).ToContainTextAsync("This round has two stages");
        await ScreenshotAsync(applicant, "public-round");
        await applicant.GetByRole(AriaRole.Link, new() { Name = "Send an expression of interest" }).ClickAsync();
        await Assertions.Expect(applicant.Locator("h1")).ToHaveTextAsync("Send an expression of interest", new() { Timeout = 60_000 });
        await PageWaits.ChooseAsync(applicant.Locator($"#org-{orgId}"));
        await applicant.FillAsync("#ProjectTitle", "Safe space on Saturday nights");
        await applicant.FillAsync("#Summary", "A warm, staffed safe space in the town centre from 10pm to 3am for anyone vulnerable after a night out.");
        await applicant.FillAsync("#AmountRequested", "450");
        await ScreenshotAsync(applicant, "interest-form");
        await applicant.ClickAsync("main button[type=submit]");
        await Assertions.Expect(applicant.Locator("#interest-reference")).ToBeVisibleAsync(new() { Timeout = 60_000 });
        var caseReference = await applicant.InnerTextAsync("#interest-reference");
        await ScreenshotAsync(applicant, "interest-sent");
        await site.WaitForMessageAsync(Applicant, $"We have your expression of interest {caseReference}");
        int applicationId;
        await using (var db = await Db())
        {
            applicationId = await db.Applications.Where(a => a.ApplicationReference == caseReference).Select(a => a.Id).SingleAsync();
        }

        // A full application cannot be started without the invitation.
        await applicant.GotoAsync($"/applicant/apply/{reference}");
        await Assertions.Expect(applicant.Locator("main")).ToContainTextAsync("only organisations invited from their expression of interest", new() { Timeout = 60_000 });
        await ScreenshotAsync(applicant, "full-application-refused");

        // The grants officer invites it from the round's list of expressions of interest.
        var officer = await site.SignedInPageAsync(Officer);
        await officer.GotoAsync("/staff/rounds/new");
        await officer.CheckAsync("#TwoStage");
        await ScreenshotAsync(officer, "round-set-up");
        await officer.GotoAsync($"/staff/rounds/{roundId}/interests");
        await ScreenshotAsync(officer, "officer-list");
        await officer.CheckAsync($"#choose-{applicationId}");
        await officer.FillAsync("#Note", "Please include the safe space's opening plan for the winter.");
        await officer.ClickAsync("button:has-text('Invite to make a full application')");
        await Assertions.Expect(officer.Locator("#decision-summary")).ToContainTextAsync("Invited", new() { Timeout = 60_000 });
        await ScreenshotAsync(officer, "officer-invited");
        // The demo applicant also had the demo round's invitation: this one names the case.
        var invitation = await site.WaitForMessageAsync(Applicant, $"invited to make a full application ({caseReference})");
        Assert.Contains("Please include the safe space's opening plan for the winter.", invitation.TextBody, StringComparison.Ordinal);
        await officer.Context.CloseAsync();

        // The applicant completes the full application (the expression of interest's answers are already in it) and submits it.
        var applicationPath = $"/applicant/applications/{applicationId}";
        await applicant.GotoAsync(applicationPath);
        await OpenSectionAsync(applicant, "/project");
        Assert.Equal("Safe space on Saturday nights", await applicant.InputValueAsync("#ProjectTitle"));
        await applicant.ClickAsync("main button[value=continue]");
        await ArriveAsync(applicant, applicationPath);
        await OpenSectionAsync(applicant, "/outcomes");
        await applicant.Locator("input[name='Input.SingleObjectiveId']").First.CheckAsync();
        await applicant.ClickAsync("main button[value=continue]");
        await ArriveAsync(applicant, applicationPath);
        await OpenSectionAsync(applicant, "/declarations");
        await applicant.CheckAsync("#Accept");
        await applicant.ClickAsync("main button[value=continue]");
        await ArriveAsync(applicant, applicationPath);
        await applicant.ClickAsync("main a.button[href$='/review']");
        await applicant.WaitForURLAsync(u => u.EndsWith("/review", StringComparison.Ordinal), new() { WaitUntil = WaitUntilState.Commit, Timeout = 60_000 });
        await applicant.ClickAsync("button:has-text('Submit application')");
        await applicant.WaitForURLAsync(u => u.EndsWith("/receipt", StringComparison.Ordinal), new() { WaitUntil = WaitUntilState.Commit, Timeout = 60_000 });
        await site.WaitForMessageAsync(Applicant, $"Application {caseReference} received");

        await using (var db = await Db())
        {
            var application = await db.Applications.AsNoTracking().SingleAsync(a => a.Id == applicationId);
            Assert.Equal((ApplicationStates.Submitted, 6), (application.State, application.WorkflowVersion));
            var journal = await db.WorkflowJournal.Where(j => j.CaseKind == CaseKind.Application && j.CaseId == applicationId).OrderBy(j => j.Sequence)
                .Select(j => j.Trigger).ToListAsync();
            Assert.Equal(["Start", ApplicationTriggers.SubmitInterest, ApplicationTriggers.Invite, ApplicationTriggers.Submit], journal);
        }
        await applicant.Context.CloseAsync();
    }

    /// <summary>A published two-stage short-form round on the small fund, open now, and a new organisation of the demo applicant.</summary>
    private async Task<(string Reference, int RoundId, int OrganisationId)> ArrangeRoundAsync()
    {
        var reference = "E2E-TS-" + Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();
        await using var db = await Db();
        var template = await db.Rounds.Include(r => r.Objectives).SingleAsync(r => r.Reference == "SMALL-CURRENT");
        var now = DateTimeOffset.UtcNow;
        var round = new FundingRound
        {
            FundId = template.FundId, Reference = reference, Title = "Small fund – safer nights (two stages)", Purpose = template.Purpose,
            WhoCanApply = template.WhoCanApply, OpensAt = now.AddDays(-1), InterestClosesAt = now.AddDays(7), ClosesAt = now.AddDays(30),
            MinAwardPence = template.MinAwardPence, MaxAwardPence = template.MaxAwardPence, UsesShortForm = true, PublishedAt = now,
            Objectives = [.. template.Objectives],
        };
        db.Rounds.Add(round);
        var user = await db.Users.SingleAsync(u => u.Email == Applicant);
        var org = new Organisation
        {
            Name = "Ludlow Safe Space " + reference, Type = OrganisationType.CommunityGroup, AddressLine1 = "1 Castle Street", Town = "Ludlow",
            Postcode = "SY8 1AS", AreaServed = "Shropshire", CreatedAt = now,
        };
        org.Members.Add(new OrganisationMember { UserId = user.Id, Email = Applicant, Role = OrganisationRole.Owner, AcceptedAt = now });
        db.Organisations.Add(org);
        await db.SaveChangesAsync();
        return (reference, round.Id, org.Id);
    }

    private static async Task OpenSectionAsync(IPage page, string pathEnd)
    {
        await page.ClickAsync($"main a[href$='{pathEnd}']");
        await page.WaitForURLAsync(u => u.EndsWith(pathEnd, StringComparison.Ordinal), new() { WaitUntil = WaitUntilState.Commit, Timeout = 60_000 });
        await Assertions.Expect(page.Locator("main form")).Not.ToHaveCountAsync(0, new() { Timeout = 60_000 });
    }

    private static async Task ArriveAsync(IPage page, string path)
    {
        await page.WaitForURLAsync(u => u.EndsWith(path, StringComparison.Ordinal), new() { WaitUntil = WaitUntilState.Commit, Timeout = 60_000 });
        await Assertions.Expect(page.Locator("ol.task-list")).ToBeVisibleAsync(new() { Timeout = 60_000 });
    }

    /// <summary>Saves what the user sees when GC_SCREENSHOTS names a folder (for reviewing the pages by eye).</summary>
    private static async Task ScreenshotAsync(IPage page, string name)
    {
        if (Environment.GetEnvironmentVariable("GC_SCREENSHOTS") is { Length: > 0 } folder)
        {
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, $"two-stage-{name}.png"), FullPage = true });
        }
    }

    private Task<GrantsDbContext> Db() => site.Services.GetRequiredService<IDbContextFactory<GrantsDbContext>>().CreateDbContextAsync();
}
