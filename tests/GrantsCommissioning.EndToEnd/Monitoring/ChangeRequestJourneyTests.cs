using System.Globalization;
using GrantsCommissioning.Core.Data;
using GrantsCommissioning.EndToEnd.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace GrantsCommissioning.EndToEnd.Monitoring;

/// <summary>
/// Change requests in a real browser, on the demo grant AWD-CY-0020 (£6,000: sessional workers £4,500, equipment £1,500
/// after the demo's approved virement; an extension waiting). The officer sees the waiting change in their portfolio and
/// refuses it on the decision page; the grantee asks to move £700 (above the officer's 10%), the officer sees it waiting
/// but may only refuse, a decision maker approves it; the grantee asks for a month more and the officer approves it, and
/// the return schedule runs on to the new end date. After each decision the grantee's grant page shows the award as
/// changed and the history.
/// </summary>
[Collection(BrowserCollection.Name)]
public class ChangeRequestJourneyTests(BrowserSite site)
{
    private const string Grantee = "applicant@demo.opcc-grants.example";
    private const string Officer = "officer@demo.opcc-grants.example";
    private const string DecisionMaker = "chief.executive@demo.opcc-grants.example";
    private const string Reference = "AWD-CY-0020";
    private static readonly CultureInfo Uk = CultureInfo.GetCultureInfo("en-GB");

    [Fact]
    public async Task GranteeAsks_OfficerSeesItWaiting_ItIsDecidedWithinTheDelegation_AndTheGrantShowsTheChangeAndTheHistory()
    {
        var (awardId, end) = await AwardAsync();
        var grantPath = $"/applicant/grants/{awardId}";
        var decidePath = $"/cases/awards/{awardId}/change/decide";

        // 1. The demo's waiting extension: in the officer's portfolio, then refused on the decision page.
        var officer = await site.SignedInPageAsync(Officer);
        await ExpectWaitingInPortfolioAsync(officer, 1);
        await officer.GetByRole(AriaRole.Link, new() { Name = Reference, Exact = true }).ClickAsync();
        await officer.ClickAsync("#decide-change");
        await officer.WaitForURLAsync($"**{decidePath}");
        await Assertions.Expect(officer.Locator("#change-effects")).ToContainTextAsync(end.ToString("d MMMM yyyy", Uk));
        await DecideAsync(officer, "#Outcome-refuse", "Ask again once the repair dates are known.", awardId);
        await Assertions.Expect(officer.Locator("#change-requests")).ToContainTextAsync("Refused by Priya Shah");

        // 2. The grantee moves £700 from sessional workers to equipment: beyond the officer's £600.
        var grantee = await site.SignedInPageAsync(Grantee);
        await grantee.GotoAsync(grantPath);
        await Assertions.Expect(grantee.Locator("#grant-changes")).ToContainTextAsync("Why it was refused: Ask again once the repair dates are known.");
        await grantee.ClickAsync("#ask-change");
        await grantee.WaitForURLAsync($"**{grantPath}/change");
        await grantee.CheckAsync("#Kind-virement");
        await grantee.SelectOptionAsync("#FromCostLineId", new SelectOptionValue { Label = "Sessional workers" });
        await grantee.SelectOptionAsync("#ToCostLineId", new SelectOptionValue { Label = "Equipment and materials" });
        await grantee.FillAsync("#Amount", "700");
        await grantee.FillAsync("#Reason", "A second heavy bag and sparring kit for the new Thursday group.");
        await grantee.ClickAsync("button:has-text('Send the change request')");
        await grantee.WaitForURLAsync($"**{grantPath}");
        await Assertions.Expect(grantee.Locator("main")).ToContainTextAsync("A change is waiting for a decision.");

        await officer.GotoAsync("/officer/portfolio");
        await ExpectWaitingInPortfolioAsync(officer, 1);
        await officer.GotoAsync(decidePath);
        var effects = officer.Locator("#change-effects");
        await Assertions.Expect(effects.Locator("tr", new() { HasText = "Budget for Sessional workers" })).ToContainTextAsync("£4,500.00");
        await Assertions.Expect(effects.Locator("tr", new() { HasText = "Budget for Sessional workers" })).ToContainTextAsync("£3,800.00");
        await Assertions.Expect(effects.Locator("tr", new() { HasText = "Budget for Equipment and materials" })).ToContainTextAsync("£2,200.00");
        await Assertions.Expect(officer.Locator("#who-decides")).ToContainTextAsync("beyond what a grants officer may approve");
        await Assertions.Expect(officer.Locator("input[value=Approve]")).ToHaveCountAsync(0);
        await officer.Context.CloseAsync();

        var maker = await site.SignedInPageAsync(DecisionMaker);
        await maker.GotoAsync($"/cases/awards/{awardId}");
        await maker.ClickAsync("#decide-change");
        await maker.WaitForURLAsync($"**{decidePath}");
        await DecideAsync(maker, "#Outcome", "Agreed: the kit is needed for the new group.", awardId);
        await maker.Context.CloseAsync();

        await grantee.GotoAsync(grantPath);
        await Assertions.Expect(grantee.Locator("#grant-costs tr", new() { HasText = "Sessional workers" })).ToContainTextAsync("£3,800.00");
        await Assertions.Expect(grantee.Locator("#grant-costs tr", new() { HasText = "Equipment and materials" })).ToContainTextAsync("£2,200.00");
        var virement = grantee.Locator("#grant-changes tr", new() { HasText = "Move £700.00 from Sessional workers to Equipment and materials" });
        await Assertions.Expect(virement).ToContainTextAsync("Approved");

        // 3. A month more, within the officer's share: the officer approves it, the grant period and the return schedule move.
        var newEnd = end.AddMonths(1);
        var returnEndingThen = grantee.GetByRole(AriaRole.Region, new() { Name = "Monitoring returns" })
            .Locator("tbody tr", new() { HasText = "to " + newEnd.ToString("d MMMM yyyy", Uk) });
        await Assertions.Expect(returnEndingThen).ToHaveCountAsync(0);
        await grantee.ClickAsync("#ask-change");
        await grantee.WaitForURLAsync($"**{grantPath}/change");
        await grantee.CheckAsync("#Kind");
        await grantee.FillAsync("#NewEndDate", newEnd.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await grantee.FillAsync("#Reason", "The hall is closed for a month in the summer.");
        await grantee.ClickAsync("button:has-text('Send the change request')");
        await grantee.WaitForURLAsync($"**{grantPath}");

        officer = await site.SignedInPageAsync(Officer);
        await officer.GotoAsync(decidePath);
        await Assertions.Expect(officer.Locator("#change-effects tr", new() { HasText = "End date" })).ToContainTextAsync(newEnd.ToString("d MMMM yyyy", Uk));
        await Assertions.Expect(officer.Locator("#change-effects")).ToContainTextAsync($"Return {Reference}-R");
        await Assertions.Expect(officer.Locator("#who-decides")).ToContainTextAsync("A grants officer may approve this change");
        await DecideAsync(officer, "#Outcome", "", awardId);
        await officer.Context.CloseAsync();

        await grantee.GotoAsync(grantPath);
        await Assertions.Expect(grantee.Locator("#grant-period")).ToContainTextAsync("to " + newEnd.ToString("d MMMM yyyy", Uk));
        // The schedule runs on to the new end: a return now covers the period to it, due a month after.
        await Assertions.Expect(returnEndingThen).ToHaveCountAsync(1);
        await Assertions.Expect(returnEndingThen).ToContainTextAsync(newEnd.AddMonths(1).ToString("d MMMM yyyy", Uk));
        await Assertions.Expect(grantee.Locator("#grant-changes tr", new() { HasText = $"Extend the end date from {end.ToString("d MMMM yyyy", Uk)} to {newEnd.ToString("d MMMM yyyy", Uk)}" })).ToContainTextAsync("Approved");
        await Assertions.Expect(grantee.Locator("#grant-changes tbody tr")).ToHaveCountAsync(4);
        await grantee.Context.CloseAsync();
    }

    /// <summary>The officer's portfolio row for the grant shows <paramref name="waiting"/> changes waiting for a decision.</summary>
    private static async Task ExpectWaitingInPortfolioAsync(IPage officer, int waiting)
    {
        if (!officer.Url.EndsWith("/officer/portfolio", StringComparison.Ordinal))
        {
            await officer.GotoAsync("/officer/portfolio");
        }
        var row = officer.Locator("tr", new() { Has = officer.GetByRole(AriaRole.Link, new() { Name = Reference, Exact = true }) });
        await Assertions.Expect(row.Locator("td").Nth(4)).ToHaveTextAsync(waiting.ToString(CultureInfo.InvariantCulture));
    }

    private static async Task DecideAsync(IPage page, string outcome, string comment, int awardId)
    {
        await page.CheckAsync(outcome);
        await page.FillAsync("#Comment", comment);
        await page.ClickAsync("button:has-text('Record the decision')");
        await page.WaitForURLAsync($"**/cases/awards/{awardId}");
    }

    private async Task<(int Id, DateOnly End)> AwardAsync()
    {
        await using var db = await site.Services.GetRequiredService<IDbContextFactory<GrantsDbContext>>().CreateDbContextAsync();
        var award = await db.Awards.Where(a => a.AwardReference == Reference).Select(a => new { a.Id, a.EndDate }).SingleAsync();
        return (award.Id, award.EndDate);
    }
}
