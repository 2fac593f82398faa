using System.Net;
using System.Security.Claims;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using Bunit;
using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Core.Features.PaymentRuns;
using GrantsCommissioning.Core.Features.Payments;
using GrantsCommissioning.Core.Workflow;
using GrantsCommissioning.Web.Tests.Applicants;
using GrantsCommissioning.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RunsPage = GrantsCommissioning.Web.Components.Pages.PaymentRuns.List.Page;
using FundPage = GrantsCommissioning.Web.Components.Pages.Funds.Detail.Page;
using SchedulePage = GrantsCommissioning.Web.Components.Pages.Awards.Schedule.Page;
using VirementsPage = GrantsCommissioning.Web.Components.Pages.Funds.Virements.Page;

namespace GrantsCommissioning.Web.Tests.PaymentRuns;

/// <summary>
/// Issue 12 on a first run of the demo: payments ready to go into a run, one of them to a payee whose bank details changed
/// (waiting for a second person's verification), that finance can prepare and a second finance user authorise and export;
/// and on the finance pages every link of the error summary goes to an element of the page. A site of its own, as the
/// run it makes changes the demo's payments.
/// </summary>
public sealed class DemoPaymentRunTests(GrantsWebFactory site) : BunitContext, IClassFixture<GrantsWebFactory>
{
    private const string Finance = "finance@demo.opcc-grants.example";
    private const string Manager = "finance.manager@demo.opcc-grants.example";
    private const string Officer = "officer@demo.opcc-grants.example";

    [Fact]
    public async Task FirstRun_ShowsReadyPaymentsAndAFlaggedBankChange_ThatTwoFinanceUsersCanPayThroughARun()
    {
        using var client = await site.SignedInClientAsync(Finance);
        var html = WebUtility.HtmlDecode(Regex.Replace(await client.HtmlAsync("/finance/runs"), @"\s+", " "));
        var changes = Between(html, "id=\"bank-changes\"", "id=\"ready\"");
        var ready = Between(html, "id=\"ready\"", "id=\"runs\"");
        Assert.Contains("Malvern Town Council", changes, StringComparison.Ordinal);
        Assert.DoesNotContain("No payments are ready", ready, StringComparison.Ordinal);
        Assert.Matches(@"AWD-CY-0021-P2</a></th>\s*<td>Malvern Town Council</td>(?:(?!</tr>).)*The payee's bank details changed on [^<]*: a second finance user must verify them", ready);
        Assert.Matches(@"AWD-CY-0022-P2</a></th>\s*<td>Kidderminster Street Angels</td>", ready);
        Assert.Contains("Prepare a run of 0 payments", ready, StringComparison.Ordinal);

        // The same page on a live circuit: verifying without saying how is refused, and the error links to the note's box.
        var finance = await ActorAsync(Finance);
        var page = RenderAs<RunsPage>(finance, p => { });
        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("#ready ~ fieldset input[type=checkbox]").Count));
        page.FindAll("button").First(b => b.TextContent == "Verify").Click();
        page.WaitForAssertion(() => Assert.Contains("Say how you verified", page.Find(".error-summary").TextContent, StringComparison.Ordinal));
        AssertEveryErrorLinkFindsItsField(page);

        var runs = site.Services.GetRequiredService<PaymentRunService>();
        var verification = site.Services.GetRequiredService<BankDetailsVerification>();
        var manager = await ActorAsync(Manager);
        var ids = (await runs.ReadyPaymentsAsync()).Where(p => p.Reference is "AWD-CY-0021-P2" or "AWD-CY-0022-P2").Select(p => p.Id).ToList();
        var change = Assert.Single(await verification.PendingAsync(finance), c => c.Organisation == "Malvern Town Council");

        // Prepared before the change is verified: refused until it is, and its preparer may not verify it.
        var first = await runs.PrepareAsync(ids, finance);
        Assert.True(first.Succeeded, string.Join(" ", first.Errors.Values));
        var blocked = await runs.AuthoriseAsync(first.Value, manager, "demo-test:authorise:1");
        Assert.Contains("Bank details of Malvern Town Council changed on", Assert.Single(blocked.Errors).Value, StringComparison.Ordinal);
        var ownRun = await verification.VerifyAsync(change.Id, "Called the town clerk on the number we hold.", finance);
        Assert.Contains("you prepared RUN-", Assert.Single(ownRun.Errors).Value, StringComparison.Ordinal);
        Assert.True((await runs.WithdrawAsync(first.Value, "Verify the bank change first.", finance, "demo-test:withdraw:1")).Succeeded);

        // Verified by finance (the treasurer changed them), prepared again, authorised and exported by the second finance user.
        Assert.True((await verification.VerifyAsync(change.Id, "Called the town clerk on the number we hold.", finance)).Succeeded);
        var run = await runs.PrepareAsync(ids, finance);
        Assert.True(run.Succeeded, string.Join(" ", run.Errors.Values));
        Assert.Contains("You prepared this run", Assert.Single((await runs.AuthoriseAsync(run.Value, finance, "demo-test:authorise:2")).Errors).Value, StringComparison.Ordinal);
        var authorised = await runs.AuthoriseAsync(run.Value, manager, "demo-test:authorise:3");
        Assert.True(authorised.Succeeded, string.Join(" ", authorised.Errors.Values));
        var exported = await runs.ExportAsync(run.Value, manager, "demo-test:export:3");
        Assert.True(exported.Succeeded, string.Join(" ", exported.Errors.Values));

        await using var db = await site.Services.GetRequiredService<IDbContextFactory<Core.Data.GrantsDbContext>>().CreateDbContextAsync();
        var saved = await db.Set<PaymentRun>().SingleAsync(r => r.Id == run.Value);
        Assert.Equal((PaymentRunWorkflow.Exported, "OPCC-" + saved.RunReference), (saved.State, saved.BatchReference));
        Assert.Equal([PaymentStates.Authorised, PaymentStates.Authorised], await db.Payments.Where(p => ids.Contains(p.Id)).Select(p => p.State).ToListAsync());
        var csv = await client.GetStringAsync(new Uri($"/finance/runs/{run.Value}/export.csv", UriKind.Relative));
        Assert.Contains("AWD-CY-0021-P2", csv, StringComparison.Ordinal);
        Assert.Contains("AWD-CY-0022-P2", csv, StringComparison.Ordinal);
    }

    /// <summary>The defect: the schedule page's "no budget" error linked to #Amount, which the page has no field for.</summary>
    [Fact]
    public async Task SchedulePage_EveryErrorLinkGoesToAFieldOfThePage_IncludingNoBudgetAndTheTotal()
    {
        var awardId = await site.IdAsync(db => db.Awards.Where(a => a.AwardReference == "AWD-CY-0020").Select(a => a.Id));
        var page = RenderAs<SchedulePage>(await ActorAsync(Officer), p => p.Add(c => c.Id, awardId));
        page.WaitForState(() => page.FindAll("#Instalments-0-Due").Count == 1);
        var nextButOne = FinancialYear.Containing(DateTimeOffset.UtcNow).StartYear + 2;

        page.Find("#Instalments-0-Due").Change($"{nextButOne}-06-01");
        page.Find("form").Submit();
        page.WaitForAssertion(() => Assert.Contains($"has no budget for {new FinancialYear(nextButOne)}", page.Find(".error-summary").TextContent, StringComparison.Ordinal));
        Assert.Equal(["#Instalments"], ErrorLinks(page));
        AssertEveryErrorLinkFindsItsField(page);

        page.Find("#Instalments-0-Amount").Change("2999");
        page.Find("form").Submit();
        page.WaitForAssertion(() => Assert.Contains("The instalments add up to", page.Find(".error-summary").TextContent, StringComparison.Ordinal));
        AssertEveryErrorLinkFindsItsField(page);

        page.Find("#Instalments-0-Amount").Change("");
        page.Find("form").Submit();
        page.WaitForAssertion(() => Assert.Contains("#Instalments-0-Amount", ErrorLinks(page)));
        AssertEveryErrorLinkFindsItsField(page);
    }

    /// <summary>A page with two forms (fund detail: budget and year-end) and one with a note box per row (virements).</summary>
    [Fact]
    public async Task FundAndVirementPages_ErrorLinksGoToTheFormThatWasSent()
    {
        var fundId = await site.IdAsync(db => db.Funds.Where(f => f.Code == "CGS").Select(f => f.Id));
        var fund = RenderAs<FundPage>(await ActorAsync(Finance), p => p.Add(c => c.Id, fundId));
        fund.WaitForState(() => fund.FindAll("#CarryReason").Count == 1);

        fund.Find("#CarryReason").Closest("form")!.Submit();
        fund.WaitForAssertion(() => Assert.Contains("#CarryReason", ErrorLinks(fund)));
        Assert.DoesNotContain("#Reason", ErrorLinks(fund));
        AssertEveryErrorLinkFindsItsField(fund);
    }

    [Fact]
    public async Task VirementsPage_RefusingWithoutANote_LinksToThatVirementsNoteBox()
    {
        var page = RenderAs<VirementsPage>(await ActorAsync("cfo@demo.opcc-grants.example"), p => { });
        page.WaitForState(() => page.FindAll("button").Any(b => b.TextContent == "Refuse"));

        page.FindAll("button").First(b => b.TextContent == "Refuse").Click();
        page.WaitForAssertion(() => Assert.Contains("Say why the virement is refused.", page.Find(".error-summary").TextContent, StringComparison.Ordinal));
        Assert.StartsWith("#note-", Assert.Single(ErrorLinks(page)), StringComparison.Ordinal);
        AssertEveryErrorLinkFindsItsField(page);
    }

    private IRenderedComponent<T> RenderAs<T>(Actor actor, Action<ComponentParameterCollectionBuilder<T>> parameters) where T : IComponent
    {
        Services.AddSingleton(site.Services.GetRequiredService<PaymentRunService>());
        Services.AddSingleton(site.Services.GetRequiredService<BankDetailsVerification>());
        Services.AddSingleton(site.Services.GetRequiredService<PaymentSchedules>());
        Services.AddSingleton(site.Services.GetRequiredService<Core.Features.Funds.FundService>());
        Services.AddSingleton(site.Services.GetRequiredService<Core.Features.Funds.AllocationImporter>());
        Services.AddSingleton(site.Services.GetRequiredService<Core.Features.Funds.BudgetMovements>());
        Services.AddSingleton(site.Services.GetRequiredService<TimeProvider>());
        var auth = AddAuthorization();
        auth.SetAuthorized(actor.DisplayName);
        auth.SetRoles([.. actor.Roles]);
        auth.SetClaims(new Claim(ClaimTypes.NameIdentifier, actor.UserId));
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        return Render(parameters);
    }

    private static List<string> ErrorLinks<T>(IRenderedComponent<T> page) where T : IComponent =>
        page.FindAll(".error-summary a").Select(a => a.GetAttribute("href") ?? "").ToList();

    /// <summary>Each link of the error summary names, after its #, the id of exactly one element on the page.</summary>
    private static void AssertEveryErrorLinkFindsItsField<T>(IRenderedComponent<T> page) where T : IComponent
    {
        var links = ErrorLinks(page);
        Assert.NotEmpty(links);
        foreach (var href in links)
        {
            Assert.StartsWith("#", href, StringComparison.Ordinal);
            var id = href[1..];
            Assert.True(page.FindAll("[id]").Count(e => e.Id == id) == 1, $"the error link {href} finds no element (or several) on the page");
        }
    }

    private async Task<Actor> ActorAsync(string email)
    {
        var user = (await site.FindUserAsync(email))!;
        await using var db = await site.Services.GetRequiredService<IDbContextFactory<Core.Data.GrantsDbContext>>().CreateDbContextAsync();
        var roles = await (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id where ur.UserId == user.Id select r.Name!).ToListAsync();
        return Actor.For(user.Id, user.DisplayName, [.. roles]);
    }

    private static string Between(string html, string from, string to)
    {
        var start = html.IndexOf(from, StringComparison.Ordinal);
        var end = html.IndexOf(to, start + 1, StringComparison.Ordinal);
        Assert.True(start >= 0 && end > start, $"the page has {from} then {to}");
        return html[start..end];
    }
}
