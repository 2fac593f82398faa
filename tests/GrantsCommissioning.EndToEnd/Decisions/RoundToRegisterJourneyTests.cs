using System.Globalization;
using System.Text.RegularExpressions;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using GrantsCommissioning.Core.Data;
using GrantsCommissioning.Core.Features.DecisionNotices;
using GrantsCommissioning.EndToEnd.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static GrantsCommissioning.EndToEnd.Infrastructure.PageWaits;

namespace GrantsCommissioning.EndToEnd.Decisions;

/// <summary>
/// A funding round from set-up to the public decision register, in a real browser with email through a real SMTP server,
/// each step by the demo user whose job it is: the officer (Priya Shah) sets up and publishes a round; the demo applicant
/// (Mary Evans) applies for two of her organisations, Hereford Youth Boxing Club (£12,000) and Hereford Street Angels
/// (£40,000); the officer starts the checks and records due diligence (the bank details verified by a second officer,
/// Jamal Hussain) and assigns two assessors to each; Tom Bennett declares a conflict on the boxing club and is recused, the
/// officer reassigns it to Owen Price; the scores on the boxing club diverge and the officer moderates them; the ranking
/// draws the funding line and the officer moves the boxing club across it with a reason and recommends both. The Chief
/// Executive gives her approval and the Chief Finance Officer decides the boxing club within his limit, and Mary receives
/// the decision letter; the Street Angels' £40,000 is beyond the delegated limits, so a decision notice is drafted, advised
/// on, signed by the Commissioner, who then decides under it, and published: it is on the public register, with a Word
/// document whose headings and figures match the notice.
/// </summary>
[Collection(MailCollection.Name)]
public sealed partial class RoundToRegisterJourneyTests(MailSite site)
{
    private const string Officer = "officer@demo.opcc-grants.example";
    private const string SecondOfficer = "senior.officer@demo.opcc-grants.example";
    private const string Applicant = "applicant@demo.opcc-grants.example";
    private const string Tom = "assessor@demo.opcc-grants.example";
    private const string Grace = "assessor2@demo.opcc-grants.example";
    private const string Owen = "assessor3@demo.opcc-grants.example";
    private const string ChiefExecutive = "chief.executive@demo.opcc-grants.example";
    private const string FinanceOfficer = "cfo@demo.opcc-grants.example";
    private const string Commissioner = "commissioner@demo.opcc-grants.example";
    private const string Conditions = "Quarterly attendance figures; the coaches keep DBS checks current.";
    private const string Feedback = "The panel liked the referral route agreed with the youth offending service.";
    private const string NoticeTitle = "Night-time economy patrols in Hereford: Street Angels grant";

    /// <summary>Circuit and page waits: generous, because CI runs this on a loaded 2-core machine.</summary>
    private static readonly LocatorAssertionsToContainTextOptions Slow = new() { Timeout = PageWaits.CircuitTimeout };

    [Fact]
    public async Task RoundToAwardAndToThePublicRegister_EachStepByItsRole()
    {
        var round = "J-" + Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();
        var officer = await site.SignedInPageAsync(Officer);

        // 1. The officer sets up the round and publishes it.
        var roundId = await SetUpRoundAsync(officer, round);

        // 2. The applicant applies for each of her two organisations.
        var applicant = await site.SignedInPageAsync(Applicant);
        var club = await ApplyAsync(applicant, round, "Hereford Youth Boxing Club", "Boxing club outreach on the Newton Farm estate", 12_000);
        var angels = await ApplyAsync(applicant, round, "Hereford Street Angels", "Street Angels night-time patrols in Hereford city centre", 40_000);

        // 3. Eligibility and due diligence: the bank details are verified by a second officer.
        var second = await site.SignedInPageAsync(SecondOfficer);
        foreach (var app in new[] { club, angels })
        {
            await FireAsync(officer, app.Id, "Start eligibility checks");
            await RecordChecksAsync(officer, second, app);
            await FireAsync(officer, app.Id, "Passed checks: send for assessment");
        }
        await second.Context.CloseAsync();

        // 4. Assignment. Grace's register of interests had expired, so she confirms it first; Tom's register lists the Street
        //    Angels, so he is given only the boxing club.
        var grace = await site.SignedInPageAsync(Grace);
        await grace.GotoAsync("/assess/interests");
        await grace.ClickAsync("text=Confirm my register is complete");
        await Assertions.Expect(grace.Locator("#register-status")).ToContainTextAsync("Confirmed on", Slow);
        await AssignAsync(officer, roundId, "Tom Bennett", club);
        await AssignAsync(officer, roundId, "Grace Adeyemi", club, angels);
        await AssignAsync(officer, roundId, "Owen Price", angels);

        // 5. Tom declares a conflict he had not registered: he is recused, cannot open the case, and the officer is told.
        var tom = await site.SignedInPageAsync(Tom);
        await OpenAssignmentAsync(tom, club);
        await tom.CheckAsync("#Answer-conflict");
        await tom.FillAsync("#Details", "The club's head coach is my brother-in-law.");
        await tom.ClickAsync("text=Send my answer");
        await Assertions.Expect(tom.Locator("main")).ToContainTextAsync("you have been recused", Slow);
        var refused = await tom.GotoAsync($"/cases/applications/{club.Id}");
        Assert.Equal(404, refused!.Status);
        await tom.Context.CloseAsync();
        var recused = await site.WaitForMessageAsync(Officer, $"Reassign {club.Reference}");
        Assert.Contains("Tom Bennett", recused.TextBody, StringComparison.Ordinal);

        // 6. The officer reassigns the boxing club to Owen.
        await AssignAsync(officer, roundId, "Owen Price", club);
        await officer.GotoAsync($"/staff/rounds/{roundId}/assessment");
        await Shot(officer, "assignment");

        // 7. Scoring: on the boxing club Grace scores 5s and Owen 2s (100 against 40), on the Street Angels both score 4s.
        var owen = await site.SignedInPageAsync(Owen);
        await ScoreAsync(grace, club, "5", "100.0 out of 100");
        await ScoreAsync(owen, club, "2", "40.0 out of 100");
        await Shot(owen, "scoring");
        await ScoreAsync(grace, angels, "4", "80.0 out of 100");
        await ScoreAsync(owen, angels, "4", "80.0 out of 100");
        await grace.Context.CloseAsync();
        await owen.Context.CloseAsync();

        // 8. Moderation of the diverging totals.
        await officer.GotoAsync($"/staff/rounds/{roundId}/assessment");
        await officer.Locator("tr", new() { HasText = club.Reference }).GetByRole(AriaRole.Link, new() { Name = "Needs moderation" }).ClickAsync();
        await Assertions.Expect(officer.Locator("#spread")).ToHaveTextAsync("60 percentage points", new() { Timeout = 60_000 });
        await officer.FillAsync("#Score", "72");
        await officer.FillAsync("#Reason", "Moderation meeting: the outreach plan is sound but the venue is not yet agreed; score agreed at 72.");
        await officer.ClickAsync("text=Record the moderated score");
        await Assertions.Expect(officer.Locator("#moderated-score")).ToHaveTextAsync("72 out of 100", new() { Timeout = 60_000 });
        await Shot(officer, "moderation");

        // 9. Ranking: the Street Angels (80) are within the £45,000 budget, the boxing club (72) beyond it; the officer moves
        //    it into funding with a reason and recommends both, with conditions.
        await officer.GotoAsync($"/staff/rounds/{roundId}/ranking");
        await Assertions.Expect(officer.Locator("tr.funding-line")).ToContainTextAsync("Funding line", Slow);
        await Assertions.Expect(officer.Locator("tr", new() { HasText = club.Reference }).First).ToContainTextAsync("Beyond the line");
        await Assertions.Expect(officer.Locator("#within-budget")).ToHaveTextAsync("£40,000 from 1 application");
        await Shot(officer, "ranking");
        await officer.ClickAsync($"text=Move {club.Reference} into funding…");
        await officer.FillAsync("#Reason", "The Commissioner's youth diversion priority: the only bid in the north of the city.");
        await officer.ClickAsync("#move-form button[type=submit]");
        await Assertions.Expect(officer.Locator("tr.move-note")).ToContainTextAsync("youth diversion priority", Slow);
        await officer.CheckAsync($"#select-{club.Id}");
        await officer.CheckAsync($"#select-{angels.Id}");
        await officer.FillAsync("#Conditions", Conditions);
        await officer.ClickAsync("text=Recommend the selected applications for decision");
        await Assertions.Expect(officer.Locator("#bulk-summary")).ToContainTextAsync("2 recommended", Slow);

        // 10. The Chief Executive gives her approval (above £10,000); having approved, she may not also decide (segregation
        //     of duties), so the Chief Finance Officer approves the boxing club within his £25,000 limit.
        var chief = await site.SignedInPageAsync(ChiefExecutive);
        await GiveApprovalAsync(chief, club.Id, "Chief Executive");
        await Shot(chief, "approval-tracker");
        var cfo = await site.SignedInPageAsync(FinanceOfficer);
        await DecideAsync(cfo, club.Id, "Approve in full", null, "Youth diversion in the north of the city, where violent crime rose last year.");
        await ExpectStateAsync(cfo, "Offer made");

        // The applicant receives the decision letter, with the conditions and the feedback, through the SMTP server.
        var letter = await site.WaitForMessageAsync(Applicant, $"Grant offer for application {club.Reference}");
        Assert.Contains("£12,000.00", letter.TextBody, StringComparison.Ordinal);
        Assert.Contains(Conditions, letter.TextBody, StringComparison.Ordinal);
        Assert.Contains(Feedback, letter.TextBody, StringComparison.Ordinal);

        // 11. The Street Angels' £40,000: both approvals; the decision is beyond the decision makers' £25,000 limit.
        await GiveApprovalAsync(chief, angels.Id, "Chief Executive");
        await GiveApprovalAsync(cfo, angels.Id, "Chief Finance Officer");
        await Assertions.Expect(cfo.Locator("#approval-tracker")).ToContainTextAsync("Commissioner", Slow);

        // 12. The decision notice: the officer drafts it, the Chief Executive and the Chief Finance Officer note their advice,
        //     the Commissioner signs it and decides under it, and the officer publishes it.
        var notice = await DraftNoticeAsync(officer, angels);
        await NoteAdviceAsync(chief, notice.Id, "Note the Chief Executive's advice", "The grant meets the scheme's criteria and the plan's priorities.");
        await NoteAdviceAsync(cfo, notice.Id, "Note the Chief Finance Officer's advice", "The grant is affordable within this year's scheme budget.");
        await chief.Context.CloseAsync();
        await cfo.Context.CloseAsync();
        var commissioner = await site.SignedInPageAsync(Commissioner);
        await commissioner.GotoAsync($"/decision-notices/{notice.Id}");
        var sign = commissioner.GetByRole(AriaRole.Button, new() { Name = "Sign the decision" }).Last;
        await Assertions.Expect(sign).ToBeEnabledAsync(new() { Timeout = 60_000 });
        await commissioner.FillAsync("#DeclarationOfInterests", "None.");
        await sign.ClickAsync();
        await Assertions.Expect(commissioner.Locator("p.lead .tag")).ToHaveTextAsync("Signed: awaiting publication", new() { Timeout = 60_000 });
        await DecideAsync(commissioner, angels.Id, "Approve in full", notice.Reference, "Patrols reduce night-time violence and support vulnerable people.");
        await ExpectStateAsync(commissioner, "Offer made");
        await Assertions.Expect(commissioner.Locator("main")).ToContainTextAsync($"Decision notice {notice.Reference}");
        await commissioner.Context.CloseAsync();
        await officer.GotoAsync($"/decision-notices/{notice.Id}");
        await ClickWhenLiveAsync(officer.GetByRole(AriaRole.Button, new() { Name = "Publish on the decision register" }));
        await Assertions.Expect(officer.Locator("p.lead .tag")).ToHaveTextAsync("Published", new() { Timeout = 60_000 });
        await officer.Context.CloseAsync();
        await site.WaitForMessageAsync(Applicant, $"Grant offer for application {angels.Reference}");

        // 13. The public register: the notice, newest first, with its Word document, whose headings and figures match.
        var reader = await site.NewPageAsync();
        await reader.GotoAsync("/transparency/decisions");
        await Assertions.Expect(reader.Locator("main")).ToContainTextAsync(NoticeTitle, Slow);
        await reader.GetByRole(AriaRole.Link, new() { Name = NoticeTitle }).ClickAsync();
        await Assertions.Expect(reader.Locator("h1")).ToHaveTextAsync(NoticeTitle, new() { Timeout = 60_000 });
        await Assertions.Expect(reader.Locator("main")).ToContainTextAsync("£40,000");
        await Assertions.Expect(reader.Locator("main")).Not.ToContainTextAsync("NOT FOR PUBLICATION");
        await Assertions.Expect(reader.Locator("main")).Not.ToContainTextAsync(Part2Text);
        await Shot(reader, "register-notice");
        var download = await reader.RunAndWaitForDownloadAsync(() =>
            reader.GetByRole(AriaRole.Link, new() { Name = "Download this decision as a Word document" }).ClickAsync());
        var docx = Path.Combine(Path.GetTempPath(), $"{notice.Reference}-{Guid.NewGuid():N}.docx");
        await download.SaveAsAsync(docx);
        await reader.Context.CloseAsync();
        AssertDocumentMatches(docx, notice.Reference);
        CopyForReview(docx, "notice.docx");
    }

    private const string Part2Text = "The organisation's reserves policy is under review by its trustees.";

    private async Task<int> SetUpRoundAsync(IPage page, string reference)
    {
        await RoundForm.FillNewAsync(page, new RoundSetUp(
            reference,
            "Safer nights and youth diversion " + reference,
            "Projects that keep people safe in the night-time economy and steer young people away from violence.",
            "Charities and community groups serving Herefordshire.")
        {
            MinAward = 1_000,
            MaxAward = 40_000,
            Budget = 45_000,
            OrganisationTypes = ["RegisteredCharity", "CommunityGroup"],
            Areas = ["Herefordshire"],
            // The plan objectives the round serves: without them no applicant could complete the outcomes section.
            Objectives = [2, 4],
            ScoreScale = 5,
            AssessorsPerApplication = 2,
            DivergenceThreshold = 15,
            Criteria = [("Need", "Local evidence of violence or vulnerability", 60), ("Delivery", "A realistic plan with partners", 40)],
        });
        await Shot(page, "round-setup");
        await page.ClickAsync("main button[type=submit]");
        await Assertions.Expect(page.Locator("#round-phase")).ToHaveTextAsync("Draft (not published)", new() { Timeout = 60_000 });
        await page.ClickAsync("text=Publish this round");
        await Assertions.Expect(page.Locator("#round-phase")).ToHaveTextAsync("Open", new() { Timeout = 60_000 });
        return int.Parse(RoundUrl().Match(page.Url).Groups[1].Value, CultureInfo.InvariantCulture);
    }

    /// <summary>Starts an application for <paramref name="organisation"/> from the round's public page and fills each section of the standard form.</summary>
    private async Task<Case> ApplyAsync(IPage page, string round, string organisation, string title, int pounds)
    {
        await page.GotoAsync($"/funding/{round}");
        await page.GetByRole(AriaRole.Link, new() { Name = "Start an application" }).ClickAsync();
        await page.GetByLabel(organisation, new() { Exact = true }).CheckAsync();
        await page.ClickAsync("main button[type=submit]");
        await ArriveAsync(page, u => ApplicationUrl().IsMatch(u) && !u.Contains("/apply/", StringComparison.Ordinal));
        var path = ApplicationUrl().Match(page.Url).Value;

        await SectionAsync(page, path, "/project", async () =>
        {
            await page.FillAsync("#ProjectTitle", title);
            await page.FillAsync("#Summary", "Trained volunteers and staff working with police and partners to reduce violence and protect vulnerable people.");
            // Within this financial year and the next, the years the demo grant scheme has budgets for.
            await page.FillAsync("#ProjectStart", UkDate(30));
            await page.FillAsync("#ProjectEnd", UkDate(200));
        });
        await SectionAsync(page, path, "/budget", async () =>
        {
            await page.FillAsync("#Lines-0-Description", "Project staff and volunteer co-ordination");
            await page.SelectOptionAsync("#Lines-0-Category", "Staff");
            await page.FillAsync("#Lines-0-Amount", pounds.ToString(CultureInfo.InvariantCulture));
        });
        await SectionAsync(page, path, "/outcomes", async () =>
        {
            await page.FillAsync("#Objectives-0-Share", "100");
            await page.FillAsync("#Indicators-0-Name", "Young people taking part");
            await page.FillAsync("#Indicators-0-Unit", "people");
            await page.FillAsync("#Indicators-0-Target", "60");
        });
        await SectionAsync(page, path, "/beneficiaries", async () =>
        {
            await page.FillAsync("#Beneficiaries", "Young people and night-time visitors in Hereford.");
            await page.FillAsync("#BeneficiaryCount", "300");
            await page.SelectOptionAsync("#AreaServed", "Herefordshire");
        });
        await SectionAsync(page, path, "/declarations", () => page.CheckAsync("#Accept"));
        await page.Locator($"main a[href$='{path}/review']").First.ClickAsync();
        await ArriveAsync(page, u => u.EndsWith("/review", StringComparison.Ordinal));
        await page.ClickAsync("button:has-text('Submit application')");
        await ArriveAsync(page, u => u.EndsWith("/receipt", StringComparison.Ordinal));
        var id = int.Parse(path[(path.LastIndexOf('/') + 1)..], CultureInfo.InvariantCulture);
        await using var db = await Db();
        var reference = await db.Applications.Where(a => a.Id == id).Select(a => a.ApplicationReference).SingleAsync();
        Assert.Contains(reference, await page.InnerTextAsync("main"), StringComparison.Ordinal);
        return new Case(id, reference);
    }

    private static async Task SectionAsync(IPage page, string applicationPath, string section, Func<Task> fill)
    {
        await page.Locator($"main a[href$='{applicationPath}{section}']").First.ClickAsync();
        await ArriveAsync(page, u => u.EndsWith(section, StringComparison.Ordinal));
        await fill();
        await page.ClickAsync("main button[value=continue]");
        await ArriveAsync(page, u => u.EndsWith(applicationPath, StringComparison.Ordinal));
        await Assertions.Expect(page.Locator("ol.task-list")).ToBeVisibleAsync(new() { Timeout = 60_000 });
    }

    /// <summary>Presses a workflow button on the case page (it is enabled once the page is live over its circuit).</summary>
    private static async Task FireAsync(IPage page, int applicationId, string label)
    {
        await page.GotoAsync($"/cases/applications/{applicationId}");
        var before = await page.Locator("p.lead .tag").InnerTextAsync();
        await ClickWhenLiveAsync(page.Locator(".workflow-actions").GetByRole(AriaRole.Button, new() { Name = label, Exact = true }));
        await Assertions.Expect(page.Locator("p.lead .tag")).Not.ToHaveTextAsync(before, new() { Timeout = 60_000 });
    }

    /// <summary>Every check of the application's band; the second look at the bank details by a second officer.</summary>
    private static async Task RecordChecksAsync(IPage officer, IPage second, Case app)
    {
        var path = $"/staff/applications/{app.Id}/due-diligence";
        await officer.GotoAsync(path);
        var above = (await officer.InnerTextAsync("#band")).StartsWith("Above", StringComparison.Ordinal);
        var checks = new List<string> { "Identity", "Safeguarding", "Accounts", "BankDetails", "References" };
        if (above)
        {
            checks.AddRange(["FraudRisk", "FinancialViability"]);
        }
        foreach (var check in checks)
        {
            await RecordCheckAsync(officer, path, check);
        }
        await RecordCheckAsync(second, path, "BankDetailsSecondCheck");
        await Assertions.Expect(second.Locator("#dd-status")).ToContainTextAsync("checks are recorded", Slow);
        if (above)
        {
            await Shot(second, "due-diligence");
        }
    }

    private static async Task RecordCheckAsync(IPage page, string path, string check)
    {
        await page.GotoAsync(path);
        await page.CheckAsync($"#Item-{check}");
        await page.FillAsync("#Note", $"Seen and checked ({check}).");
        if (check == "FinancialViability")
        {
            await page.SelectOptionAsync("#Rag", "Green");
        }
        await page.ClickAsync("text=Record the check");
        await Assertions.Expect(page.Locator("[role=status]")).ToContainTextAsync("The check has been recorded.", Slow);
    }

    private static async Task AssignAsync(IPage officer, int roundId, string assessor, params Case[] apps)
    {
        await officer.GotoAsync($"/staff/rounds/{roundId}/assessment");
        foreach (var app in apps)
        {
            await officer.CheckAsync($"#app-{app.Id}");
        }
        var option = officer.Locator("#AssessorUserId option", new() { HasText = assessor });
        await officer.SelectOptionAsync("#AssessorUserId", await option.GetAttributeAsync("value") ?? "");
        await officer.ClickAsync("text=Assign to the selected applications");
        await Assertions.Expect(officer.Locator("[role=status]")).ToBeVisibleAsync(new() { Timeout = 60_000 });
        await Assertions.Expect(officer.Locator(".error-summary")).ToHaveCountAsync(0);
    }

    private static async Task OpenAssignmentAsync(IPage assessor, Case app)
    {
        await assessor.GotoAsync("/assess");
        await assessor.GetByRole(AriaRole.Link, new() { Name = app.Reference }).First.ClickAsync();
        await ArriveAsync(assessor, u => AssignmentUrl().IsMatch(u));
    }

    /// <summary>The assessor declares no conflict, then gives every criterion <paramref name="score"/> with a justification.</summary>
    private static async Task ScoreAsync(IPage assessor, Case app, string score, string total)
    {
        await OpenAssignmentAsync(assessor, app);
        await assessor.CheckAsync("#Answer");
        await assessor.ClickAsync("text=Send my answer");
        await Assertions.Expect(assessor.Locator("text=Submit my scores")).ToBeVisibleAsync(new() { Timeout = 60_000 });
        var selects = assessor.Locator("main form select");
        var justifications = assessor.Locator("main textarea[id^=Justification]");
        var count = await selects.CountAsync();
        Assert.Equal(2, count);
        for (var i = 0; i < count; i++)
        {
            await selects.Nth(i).SelectOptionAsync(score);
            await justifications.Nth(i).FillAsync("The application gives local evidence and a plan for this.");
        }
        await assessor.CheckAsync("#Recommendation");
        await assessor.ClickAsync("text=Submit my scores");
        await Assertions.Expect(assessor.Locator("#weighted-total")).ToHaveTextAsync(total, new() { Timeout = 60_000 });
    }

    private static async Task GiveApprovalAsync(IPage page, int applicationId, string post)
    {
        await page.GotoAsync($"/cases/applications/{applicationId}");
        await Assertions.Expect(page.Locator("#approval-tracker")).ToContainTextAsync(post, Slow);
        await page.FillAsync("#approval-note", "Content to approve.");
        await ClickWhenLiveAsync(page.GetByRole(AriaRole.Button, new() { Name = $"Give the {post}'s approval" }));
        await Assertions.Expect(page.Locator("#approval-tracker tr", new() { HasText = post })).ToContainTextAsync("Done:", Slow);
    }

    private static async Task DecideAsync(IPage page, int applicationId, string outcome, string? notice, string rationale)
    {
        if (!page.Url.EndsWith($"/cases/applications/{applicationId}", StringComparison.Ordinal))
        {
            await page.GotoAsync($"/cases/applications/{applicationId}");
        }
        var form = page.Locator(".decision-form");
        await Assertions.Expect(form).ToBeVisibleAsync(new() { Timeout = 60_000 });
        await Assertions.Expect(form.GetByRole(AriaRole.Button, new() { Name = "Record decision" })).ToBeEnabledAsync(new() { Timeout = 60_000 });
        await form.GetByLabel(outcome, new() { Exact = true }).CheckAsync();
        await Assertions.Expect(page.Locator("#decision-amount")).ToBeVisibleAsync(new() { Timeout = 60_000 });
        if (notice is not null)
        {
            await page.FillAsync("#decision-noticereference", notice);
        }
        await page.FillAsync("#decision-rationale", rationale);
        await page.FillAsync("#decision-feedback", Feedback);
        await form.GetByRole(AriaRole.Button, new() { Name = "Record decision" }).ClickAsync();
        // The form answers over the circuit: either the case moves on, or the form shows why not.
        await Assertions.Expect(page.Locator(".decision-form .error-summary").Or(page.Locator("p.lead .tag", new() { HasText = "Offer made" })))
            .ToBeVisibleAsync(new() { Timeout = 60_000 });
    }

    /// <summary>The case's state, or what the decision form says when it did not move.</summary>
    private static async Task ExpectStateAsync(IPage page, string state)
    {
        var tag = page.Locator("p.lead .tag");
        if (await tag.InnerTextAsync() != state && await page.Locator(".decision-form .error-summary").CountAsync() > 0)
        {
            Assert.Fail($"Not {state}: the decision form says {await page.Locator(".decision-form .error-summary").InnerTextAsync()}");
        }
        await Assertions.Expect(tag).ToHaveTextAsync(state, new() { Timeout = 60_000 });
    }

    private async Task<Notice> DraftNoticeAsync(IPage officer, Case app)
    {
        await officer.GotoAsync("/decision-notices/new");
        var save = officer.GetByRole(AriaRole.Button, new() { Name = "Save draft" });
        await Assertions.Expect(save).ToBeEnabledAsync(new() { Timeout = 60_000 });
        await officer.FillAsync("#Title", NoticeTitle);
        await officer.FillAsync("#Amount", "40000");
        await officer.FillAsync("#ApplicationReference", app.Reference);
        foreach (var (field, text) in NoticeText)
        {
            await officer.FillAsync($"#{field}", text);
        }
        await officer.FillAsync("#ConfidentialAnnex", Part2Text);
        await save.ClickAsync();
        await ArriveAsync(officer, u => NoticeUrl().IsMatch(u));
        var id = int.Parse(NoticeUrl().Match(officer.Url).Groups[1].Value, CultureInfo.InvariantCulture);
        await ClickWhenLiveAsync(officer.Locator(".workflow-actions").GetByRole(AriaRole.Button, new() { Name = "Send for the Chief Executive's and Chief Finance Officer's advice" }));
        await Assertions.Expect(officer.Locator("p.lead .tag")).Not.ToHaveTextAsync("Draft", new() { Timeout = 60_000 });
        await using var db = await Db();
        var reference = await db.Set<DecisionNotice>().Where(n => n.Id == id).Select(n => n.NoticeReference).SingleAsync();
        await Assertions.Expect(officer.Locator("p.lead")).ToContainTextAsync(reference);
        return new Notice(id, reference);
    }

    private static async Task NoteAdviceAsync(IPage page, int noticeId, string label, string advice)
    {
        await page.GotoAsync($"/decision-notices/{noticeId}");
        // Type only once the page is live: text filled before the circuit attaches is lost when it renders.
        var note = page.GetByRole(AriaRole.Button, new() { Name = label }).Last;
        await Assertions.Expect(note).ToBeEnabledAsync(new() { Timeout = 60_000 });
        await page.FillAsync("#Advice", advice);
        await note.ClickAsync();
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync(advice, Slow);
    }

    private static readonly (string Field, string Text)[] NoticeText =
    [
        ("ExecutiveSummary", "A grant of £40,000 to Hereford Street Angels for night-time patrols in Hereford city centre."),
        ("Background", "The Street Angels have patrolled Hereford on Friday and Saturday nights since 2012."),
        ("OptionsConsidered", "Fund in full; part-fund the weekend patrols only; do not fund."),
        ("FinancialImplications", "£40,000 from the Commissioner's Grant Scheme this financial year."),
        ("LegalImplications", "The grant is made under section 9 of the Police Reform and Social Responsibility Act 2011."),
        ("EqualityImplications", "The patrols help vulnerable people regardless of protected characteristics."),
        ("Risks", "Volunteer numbers may fall; the grant is paid quarterly against returns."),
        ("PublicAccess", "Part 1 is public; Part 2 is exempt from publication."),
    ];

    /// <summary>The Word document: the title, every Part 1 heading with its text, the figure, and no Part 2.</summary>
    private static void AssertDocumentMatches(string path, string reference)
    {
        using var document = WordprocessingDocument.Open(path, false);
        var paragraphs = document.MainDocumentPart!.Document.Body!.Descendants<Paragraph>().Select(p => p.InnerText).ToList();
        var text = string.Join("\n", paragraphs);
        Assert.Contains(NoticeTitle, text, StringComparison.Ordinal);
        Assert.Contains(reference, text, StringComparison.Ordinal);
        foreach (var (field, body) in NoticeText)
        {
            var heading = paragraphs.FindIndex(p => p == NoticeSections.Heading(field));
            Assert.True(heading >= 0, $"No heading '{NoticeSections.Heading(field)}' in the document:\n{text}");
            Assert.Contains(body, paragraphs[heading + 1], StringComparison.Ordinal);
        }
        Assert.Contains("£40,000", text, StringComparison.Ordinal);
        Assert.Contains("None.", text, StringComparison.Ordinal);
        Assert.DoesNotContain(Part2Text, text, StringComparison.Ordinal);
    }

    private static string UkDate(int days) => DateTime.UtcNow.AddDays(days).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static async Task Shot(IPage page, string name)
    {
        if (Environment.GetEnvironmentVariable("GC_SCREENSHOTS") is { Length: > 0 } folder)
        {
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, $"journey-{name}.png"), FullPage = true });
        }
    }

    private static void CopyForReview(string file, string name)
    {
        if (Environment.GetEnvironmentVariable("GC_SCREENSHOTS") is { Length: > 0 } folder)
        {
            File.Copy(file, Path.Combine(folder, $"journey-{name}"), overwrite: true);
        }
    }

    private Task<GrantsDbContext> Db() => site.Services.GetRequiredService<IDbContextFactory<GrantsDbContext>>().CreateDbContextAsync();

    private sealed record Case(int Id, string Reference);

    private sealed record Notice(int Id, string Reference);

    [GeneratedRegex(@"/staff/rounds/(\d+)")]
    private static partial Regex RoundUrl();

    [GeneratedRegex(@"/applicant/applications/\d+")]
    private static partial Regex ApplicationUrl();

    [GeneratedRegex(@"/assess/\d+(\?|$)")]
    private static partial Regex AssignmentUrl();

    [GeneratedRegex(@"/decision-notices/(\d+)(\?|$)")]
    private static partial Regex NoticeUrl();
}
