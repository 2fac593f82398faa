using System.Text.RegularExpressions;
using GrantsCommissioning.Core.Data;
using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Core.Features.Decisions;
using GrantsCommissioning.Core.Workflow;
using GrantsCommissioning.EndToEnd.Infrastructure;
using GrantsCommissioning.TestCommon;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static GrantsCommissioning.EndToEnd.Infrastructure.PageWaits;

namespace GrantsCommissioning.EndToEnd;

/// <summary>
/// The whole applicant journey in a real browser against the real app, with email through a real SMTP server:
/// register, confirm, add the organisation, apply to the small fund, submit, get the offer, accept it, send a return.
/// </summary>
[Collection(MailCollection.Name)]
public sealed partial class ApplicantJourneyTests(MailSite site)
{
    private const string Password = "correct horse battery staple";

    [Fact]
    public async Task NewApplicant_RegistersAppliesIsApprovedAcceptsAndSendsAReturn()
    {
        var email = $"rita.{Guid.NewGuid():N}@ledbury-watch.example";
        var page = await site.NewPageAsync();

        // Register, and confirm the address with the link from the email the SMTP server received.
        await page.GotoAsync("/");
        await page.GetByRole(AriaRole.Link, new() { Name = "Create an account" }).First.ClickAsync();
        await page.FillAsync("#Input\\.DisplayName", "Rita Powell");
        await page.FillAsync("#Input\\.Email", email);
        await page.FillAsync("#Input\\.Password", Password);
        await page.FillAsync("#Input\\.ConfirmPassword", Password);
        await page.ClickAsync("main button[type=submit]");
        await ArriveAsync(page, u => u.Contains("/Account/RegisterConfirmation", StringComparison.Ordinal));
        Assert.Equal("Check your email", await page.InnerTextAsync("h1"));
        var confirmation = await site.WaitForMessageAsync(email, "Confirm your email address");
        var link = LinkIn(confirmation.TextBody ?? "", "/Account/ConfirmEmail");
        await page.GotoAsync(link);
        Assert.Contains("confirm", await page.InnerTextAsync("main"), StringComparison.OrdinalIgnoreCase);
        await using (var users = await Db())
        {
            Assert.True((await users.Users.SingleAsync(u => u.Email == email)).EmailConfirmed);
        }

        // Sign in, then from the small fund's page start an application; there is no organisation yet, so add it.
        await SignInAsync(page, email);
        await page.GotoAsync("/funding/SMALL-CURRENT");
        await page.GetByRole(AriaRole.Link, new() { Name = "Start an application" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Set up your organisation" }).First.ClickAsync();
        await page.FillAsync("#Name", "Ledbury Community Watch");
        await page.SelectOptionAsync("#Type", nameof(OrganisationType.CommunityGroup));
        await page.FillAsync("#AddressLine1", "12 Church Lane");
        await page.FillAsync("#Town", "Ledbury");
        await page.FillAsync("#Postcode", "HR8 1DW");
        await page.SelectOptionAsync("#AreaServed", "Herefordshire");
        await page.ClickAsync("main button[type=submit]");
        await ArriveAsync(page, u => u.Contains("/applicant/apply/SMALL-CURRENT", StringComparison.Ordinal));
        await page.ClickAsync("main button[type=submit]");
        await ArriveAsync(page, u => ApplicationUrl().IsMatch(u));
        var applicationPath = ApplicationUrl().Match(page.Url).Value;

        // Part-way through the project section, leave a field: autosave stores it. A reload shows it again.
        await OpenSectionAsync(page, "About your project and the amount", "/project");
        await page.FillAsync("#ProjectTitle", "Ledbury shop-watch radios");
        await page.FillAsync("#Summary", "Two-way radios so Ledbury shopkeepers can warn each other about shoplifting and antisocial behaviour.");
        await page.FocusAsync("#AmountRequested");
        await Assertions.Expect(page.Locator("#autosave-status")).ToContainTextAsync("Saved at");
        await page.ReloadAsync();
        Assert.Equal("Ledbury shop-watch radios", await page.InputValueAsync("#ProjectTitle"));
        Assert.StartsWith("Two-way radios", await page.InputValueAsync("#Summary"), StringComparison.Ordinal);

        await page.FillAsync("#AmountRequested", "480");
        await ContinueToTaskListAsync(page, applicationPath);
        await OpenSectionAsync(page, "Plan objective", "/outcomes");
        await page.Locator("input[name='Input.SingleObjectiveId']").First.CheckAsync();
        await ContinueToTaskListAsync(page, applicationPath);
        await OpenSectionAsync(page, "Declarations", "/declarations");
        await page.CheckAsync("#Accept");
        await ContinueToTaskListAsync(page, applicationPath);
        await OpenSectionAsync(page, "Check your answers and submit", "/review");
        await page.ClickAsync("button:has-text('Submit application')");
        await ArriveAsync(page, u => u.EndsWith("/receipt", StringComparison.Ordinal));
        var reference = (await ApplicationAsync(applicationPath)).ApplicationReference;
        Assert.Contains(reference, await page.InnerTextAsync("main"), StringComparison.Ordinal);
        var receipt = await site.WaitForMessageAsync(email, reference);
        Assert.Contains("received", receipt.Subject, StringComparison.OrdinalIgnoreCase);

        // A grants officer takes it through checks and approves it, within their £500 small-fund delegation.
        await ApproveAsOfficerAsync(applicationPath);
        var offerEmail = await site.WaitForMessageAsync(email, "Grant offer");
        Assert.Contains(reference, offerEmail.Subject, StringComparison.Ordinal);

        // The applicant sees the offer on their dashboard and accepts it.
        await page.GotoAsync("/applicant");
        await page.Locator($"a[href='/applicant/offers/{IdFrom(applicationPath)}']").First.ClickAsync();
        Assert.Contains("£480", await page.InnerTextAsync("main"), StringComparison.Ordinal);
        await page.CheckAsync("#Declaration");
        await page.ClickAsync("button:has-text('Accept the offer')");
        await ArriveAsync(page, u => !u.EndsWith($"/applicant/offers/{IdFrom(applicationPath)}", StringComparison.Ordinal));
        Assert.Equal(ApplicationStates.OfferAccepted, (await ApplicationAsync(applicationPath)).State);

        // The first monitoring return opens (what its timer does at the end of the period), and the applicant sends it.
        var returnId = await OpenFirstReturnAsync(applicationPath);
        await page.GotoAsync("/applicant");
        await page.Locator($"a[href='/applicant/returns/{returnId}']").First.ClickAsync();
        foreach (var spend in await page.Locator("input[name$='].Amount']").AllAsync())
        {
            await spend.FillAsync("240");
        }
        foreach (var indicator in await page.Locator("input[name^='Input.Indicators'][name$='.Value']").AllAsync())
        {
            await indicator.FillAsync("9");
        }
        await page.FillAsync("#Narrative", "Nine shops have radios; two shoplifters were stopped in the first month.");
        await page.CheckAsync("#SignOff");
        await page.ClickAsync("button:has-text('Sign off and send the return')");
        await ArriveAsync(page, u => !u.EndsWith($"/applicant/returns/{returnId}", StringComparison.Ordinal));

        await using var db = await Db();
        var sent = await db.Returns.SingleAsync(r => r.Id == returnId);
        Assert.Equal(ReturnStates.Submitted, sent.State);
        Assert.Equal("Nine shops have radios; two shoplifters were stopped in the first month.", sent.Narrative);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task KeyboardOnly_FromSignInToSubmit_SubmitsTheApplication()
    {
        // Only Tab, typing, Space and Enter from here on: no clicks, no focusing or filling by selector.
        var page = await site.NewPageAsync();
        await page.GotoAsync("/Account/Login");
        await Keyboard.TabToAsync(page, "Input.Email");
        await page.Keyboard.TypeAsync("treasurer@demo.opcc-grants.example");
        await Keyboard.TabToAsync(page, "Input.Password");
        await page.Keyboard.TypeAsync(BrowserSite.DemoPassword);
        await page.Keyboard.PressAsync("Enter");
        await ArriveAsync(page, u => u.EndsWith("/applicant", StringComparison.Ordinal));

        await Keyboard.ActivateAsync(page, "main a[href='/funding']");
        await ArriveAsync(page, u => u.EndsWith("/funding", StringComparison.Ordinal));
        await Keyboard.ActivateAsync(page, "main a[href='/funding/SMALL-CURRENT']");
        await ArriveAsync(page, u => u.EndsWith("/funding/SMALL-CURRENT", StringComparison.Ordinal));
        await Keyboard.ActivateAsync(page, "main a[href='/applicant/apply/SMALL-CURRENT']");
        await ArriveAsync(page, u => u.EndsWith("/applicant/apply/SMALL-CURRENT", StringComparison.Ordinal));
        await Keyboard.ActivateAsync(page, "main form button[type=submit]");
        await ArriveAsync(page, u => ApplicationUrl().IsMatch(u) && !u.Contains("/applicant/apply", StringComparison.Ordinal));
        var applicationPath = ApplicationUrl().Match(page.Url).Value;

        await Keyboard.ActivateAsync(page, "main a[href$='/project']");
        await Keyboard.TabToAsync(page, "ProjectTitle");
        await page.Keyboard.TypeAsync("Malvern speed-watch signs");
        await Keyboard.TabToAsync(page, "Summary");
        await page.Keyboard.TypeAsync("Signs and a speed gun for the volunteer speed-watch on the Worcester Road.");
        await Keyboard.TabToAsync(page, "AmountRequested");
        await page.Keyboard.TypeAsync("350");
        await Keyboard.ActivateAsync(page, "main button[value=continue]");
        await ArriveAsync(page, u => u.EndsWith(applicationPath, StringComparison.Ordinal));

        await Keyboard.ActivateAsync(page, "main a[href$='/outcomes']");
        await Keyboard.TabToMatchAsync(page, "input[name='Input.SingleObjectiveId']");
        await page.Keyboard.PressAsync("Space");
        await Keyboard.ActivateAsync(page, "main button[value=continue]");
        await ArriveAsync(page, u => u.EndsWith(applicationPath, StringComparison.Ordinal));

        await Keyboard.ActivateAsync(page, "main a[href$='/declarations']");
        await Keyboard.TabToAsync(page, "Accept");
        await page.Keyboard.PressAsync("Space");
        await Keyboard.ActivateAsync(page, "main button[value=continue]");
        await ArriveAsync(page, u => u.EndsWith(applicationPath, StringComparison.Ordinal));

        await Keyboard.ActivateAsync(page, "main a.button[href$='/review']");
        await ArriveAsync(page, u => u.EndsWith("/review", StringComparison.Ordinal));
        await Keyboard.ActivateAsync(page, "main button[data-prevent-double-click]");
        await ArriveAsync(page, u => u.EndsWith("/receipt", StringComparison.Ordinal));

        var application = await ApplicationAsync(applicationPath);
        Assert.Equal(ApplicationStates.Submitted, application.State);
        Assert.Equal(("Malvern speed-watch signs", 35_000L), (application.ProjectTitle, application.AmountRequestedPence));
        Assert.Contains(application.ApplicationReference, await page.InnerTextAsync("main"), StringComparison.Ordinal);
        await page.Context.CloseAsync();
    }

    /// <summary>"Save and continue", then wait until the task list has loaded (enhanced forms navigate without a full load).</summary>
    private static async Task ContinueToTaskListAsync(IPage page, string applicationPath)
    {
        await page.ClickAsync("main button[value=continue]");
        await ArriveAsync(page, u => u.EndsWith(applicationPath, StringComparison.Ordinal));
        await Assertions.Expect(page.Locator("ol.task-list")).ToBeVisibleAsync();
    }

    private static async Task OpenSectionAsync(IPage page, string linkText, string pathEnd)
    {
        await page.Locator("main").GetByRole(AriaRole.Link, new() { Name = linkText }).First.ClickAsync();
        await ArriveAsync(page, u => u.EndsWith(pathEnd, StringComparison.Ordinal));
        await Assertions.Expect(page.Locator("main form")).Not.ToHaveCountAsync(0);
    }

    private async Task SignInAsync(IPage page, string email)
    {
        await page.GotoAsync("/Account/Login");
        await page.FillAsync("#Input\\.Email", email);
        await page.FillAsync("#Input\\.Password", Password);
        await page.ClickAsync("main button[type=submit]");
        await ArriveAsync(page, u => u.EndsWith("/applicant", StringComparison.Ordinal));
    }

    private async Task ApproveAsOfficerAsync(string applicationPath)
    {
        var id = IdFrom(applicationPath);
        var workflow = site.Services.GetRequiredService<ICaseWorkflow>();
        Actor officer;
        await using (var db = await Db())
        {
            var user = await db.Users.SingleAsync(u => u.Email == "officer@demo.opcc-grants.example");
            officer = Actor.For(user.Id, user.DisplayName, Roles.GrantsOfficer);
            await TestData.AddCompletedAssessmentsAsync(db, id, DateTimeOffset.UtcNow, count: 1);
            await TestData.RecordDueDiligenceAsync(db, id, DateTimeOffset.UtcNow);
        }
        var application = new CaseRef(CaseKind.Application, id);
        foreach (var trigger in new[] { ApplicationTriggers.StartChecks, ApplicationTriggers.PassChecks, ApplicationTriggers.Recommend })
        {
            var moved = await workflow.FireAsync(new TransitionRequest(application, trigger, officer, Guid.NewGuid().ToString("N")));
            Assert.True(moved.Succeeded, $"{trigger}: {moved.Message}");
        }
        var decision = await site.Services.GetRequiredService<DecisionService>().DecideAsync(
            new DecisionInput(id, DecisionOutcome.Approve, Money.FromPounds(480m), "Meets the small fund's purpose: shop theft and antisocial behaviour in Ledbury.", null, null, null),
            officer, Guid.NewGuid().ToString("N"));
        Assert.True(decision.Succeeded, string.Join("; ", decision.Errors.Values));
    }

    private async Task<int> OpenFirstReturnAsync(string applicationPath)
    {
        var id = IdFrom(applicationPath);
        await using var db = await Db();
        var ret = await db.Returns.Where(r => r.Award!.ApplicationId == id).OrderBy(r => r.PeriodStart).FirstAsync();
        if (ret.State == ReturnStates.Scheduled)
        {
            var opened = await site.Services.GetRequiredService<ICaseWorkflow>().FireAsync(
                new TransitionRequest(CaseRef.Of(ret), ReturnTriggers.Open, Actor.System, Guid.NewGuid().ToString("N")));
            Assert.True(opened.Succeeded, opened.Message);
        }
        return ret.Id;
    }

    private async Task<GrantApplication> ApplicationAsync(string applicationPath)
    {
        await using var db = await Db();
        return await db.Applications.AsNoTracking().SingleAsync(a => a.Id == IdFrom(applicationPath));
    }

    private Task<GrantsDbContext> Db() => site.Services.GetRequiredService<IDbContextFactory<GrantsDbContext>>().CreateDbContextAsync();

    private static int IdFrom(string applicationPath) => int.Parse(applicationPath[(applicationPath.LastIndexOf('/') + 1)..], System.Globalization.CultureInfo.InvariantCulture);

    private static string LinkIn(string body, string path)
    {
        var match = Regex.Match(body, $@"https?://\S+{Regex.Escape(path)}\S*");
        Assert.True(match.Success, $"No {path} link in:{Environment.NewLine}{body}");
        return match.Value;
    }

    [GeneratedRegex(@"/applicant/applications/\d+")]
    private static partial Regex ApplicationUrl();
}
