using GrantsCommissioning.Core.Data;
using GrantsCommissioning.Core.Workflow;
using GrantsCommissioning.EndToEnd.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GrantsCommissioning.EndToEnd.Staff;

/// <summary>
/// Bulk actions on the officer's applications list in a real browser: tick a submitted application, ask its applicant
/// for more information with a reason, and read the summary; rejecting asks for confirmation first (cancelled here, so
/// the shared demo keeps its states).
/// </summary>
[Collection(BrowserCollection.Name)]
public class BulkApplicationActionsTests(BrowserSite site)
{
    private const string Reason = "Please send your latest signed accounts and your safeguarding policy.";

    [Fact]
    public async Task Officer_AsksForMoreInformationOnATickedApplication_AndSeesTheSummary_AndRejectingAsksFirst()
    {
        string reference;
        int id;
        await using (var db = await site.Services.GetRequiredService<IDbContextFactory<GrantsDbContext>>().CreateDbContextAsync())
        {
            var app = await db.Applications.Where(a => a.State == ApplicationStates.Submitted && a.WorkflowVersion >= 4)
                .OrderBy(a => a.Id).Select(a => new { a.Id, a.ApplicationReference }).FirstAsync();
            (id, reference) = (app.Id, app.ApplicationReference);
        }
        var page = await site.SignedInPageAsync("officer@demo.opcc-grants.example");
        await page.GotoAsync("/officer");
        await page.WaitForLoadStateAsync(Microsoft.Playwright.LoadState.NetworkIdle);
        await page.GetByLabel("Search applications").FillAsync(reference);
        await page.GetByLabel("Search applications").Locator("xpath=following-sibling::button[1]").ClickAsync();
        await page.WaitForFunctionAsync("() => document.querySelectorAll('[aria-labelledby=applications] .rz-data-row').length === 1");

        await page.GetByLabel($"Select {reference}").CheckAsync();
        await page.WaitForFunctionAsync($"() => document.querySelector('#bulk-selection').textContent.includes('1 selected: {reference}')");
        await page.FillAsync("#bulk-reason", Reason);
        await page.ClickAsync("text=Reject as ineligible…");
        await page.WaitForSelectorAsync("#confirm-reject");
        Assert.Contains("Reject 1 application as ineligible?", await page.InnerTextAsync("#confirm-reject"), StringComparison.Ordinal);
        await page.ClickAsync("#confirm-reject >> text=Cancel");
        await page.ClickAsync("text=Ask for more information");
        await page.WaitForSelectorAsync("#bulk-summary");

        Assert.Contains("1 done, 0 already done, 0 refused.", await page.InnerTextAsync("#bulk-summary"), StringComparison.Ordinal);
        Assert.Contains($"{reference}: More information requested", await page.InnerTextAsync("#bulk-summary"), StringComparison.Ordinal);
        Assert.False(await page.IsVisibleAsync("#blazor-error-ui"));
        await page.Context.CloseAsync();
        await using var after = await site.Services.GetRequiredService<IDbContextFactory<GrantsDbContext>>().CreateDbContextAsync();
        Assert.Equal(ApplicationStates.Submitted, await after.Applications.Where(a => a.Id == id).Select(a => a.State).SingleAsync());
        Assert.True(await after.WorkflowJournal.AnyAsync(j => j.CaseId == id && j.Trigger == ApplicationTriggers.RequestInformation && j.Comment == Reason));
        Assert.True(await after.Outbox.AnyAsync(e => e.Template == "application-information-requested" && e.BodyText.Contains(Reason)));
    }
}
