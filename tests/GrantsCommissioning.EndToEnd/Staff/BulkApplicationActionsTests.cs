using GrantsCommissioning.Core.Data;
using GrantsCommissioning.Core.Workflow;
using GrantsCommissioning.EndToEnd.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace GrantsCommissioning.EndToEnd.Staff;

/// <summary>
/// Asking for more information, end to end in a real browser (grant-application v5): the officer ticks a submitted
/// application on /officer and asks its applicant for more information (rejecting asks for confirmation first, cancelled
/// here); the applicant signs in, sees the question, is refused an empty answer, uploads a document and answers; the
/// officer finds the answer and the document on the case page, which is back in the eligibility checks.
/// </summary>
[Collection(BrowserCollection.Name)]
public class BulkApplicationActionsTests(BrowserSite site)
{
    private const string Applicant = "applicant@demo.opcc-grants.example";
    private const string Officer = "officer@demo.opcc-grants.example";
    private const string Reason = "Please send your latest signed accounts and your safeguarding policy.";
    private const string Answer = "Our signed accounts for last year are attached. The safeguarding policy was reviewed in March.";
    private static readonly byte[] PdfBytes = "%PDF-1.7\n1 0 obj << >> endobj\n%%EOF\n"u8.ToArray();

    [Fact]
    public async Task Officer_AsksForMoreInformation_TheApplicantAnswersInTheApp_AndTheOfficerSeesTheAnswerOnTheCase()
    {
        string reference;
        int id;
        await using (var db = await DbAsync())
        {
            // A submitted application of one of the demo applicant's organisations, so they can answer it.
            var app = await db.Applications.Where(a => a.State == ApplicationStates.Submitted && a.WorkflowVersion >= 5
                    && db.OrganisationMembers.Any(m => m.OrganisationId == a.OrganisationId && m.Email == Applicant))
                .OrderBy(a => a.Id).Select(a => new { a.Id, a.ApplicationReference }).FirstAsync();
            (id, reference) = (app.Id, app.ApplicationReference);
        }

        await AskAsync(reference);
        await using (var db = await DbAsync())
        {
            Assert.Equal(ApplicationStates.InformationRequested, await db.Applications.Where(a => a.Id == id).Select(a => a.State).SingleAsync());
            Assert.True(await db.WorkflowJournal.AnyAsync(j => j.CaseId == id && j.Trigger == ApplicationTriggers.RequestInformation && j.Comment == Reason));
            Assert.True(await db.Outbox.AnyAsync(e => e.Template == "application-information-needed" && e.BodyText.Contains(Reason)));
        }

        await AnswerAsync(id, reference);

        var officer = await site.SignedInPageAsync(Officer);
        await officer.GotoAsync($"/cases/applications/{id}");
        await Assertions.Expect(officer.Locator("#applicant-answered")).ToBeVisibleAsync();
        await Assertions.Expect(officer.Locator("#information-thread")).ToContainTextAsync(Reason);
        await Assertions.Expect(officer.Locator("#information-thread")).ToContainTextAsync(Answer);
        // The file went with the answer: it is listed in the answer's own item of the thread.
        await Assertions.Expect(officer.Locator("#information-thread .thread-answer")).ToContainTextAsync("Sent with this answer:");
        await Assertions.Expect(officer.Locator("#information-thread .thread-answer a[download]")).ToHaveTextAsync("accounts.pdf");
        await Assertions.Expect(officer.Locator("p.lead .tag")).ToHaveTextAsync("Eligibility and due-diligence check");
        Assert.False(await officer.IsVisibleAsync("#blazor-error-ui"));
        await officer.Context.CloseAsync();
        await using var after = await DbAsync();
        Assert.Equal(ApplicationStates.EligibilityCheck, await after.Applications.Where(a => a.Id == id).Select(a => a.State).SingleAsync());
        Assert.True(await after.Outbox.AnyAsync(e => e.Template == "application-information-provided" && e.BodyText.Contains(Answer)));
    }

    private async Task AskAsync(string reference)
    {
        var page = await site.SignedInPageAsync(Officer);
        await page.GotoAsync("/officer");
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        // The search is enabled once the page is live over its circuit (a search typed before then would be lost).
        var search = page.GetByLabel("Search applications");
        await Assertions.Expect(search).ToBeEnabledAsync(new() { Timeout = PageWaits.CircuitTimeout });
        await search.FillAsync(reference);
        await PageWaits.ClickWhenLiveAsync(search.Locator("xpath=following-sibling::button[1]"));
        await page.WaitForFunctionAsync("() => document.querySelectorAll('[aria-labelledby=applications] .rz-data-row').length === 1",
            null, new() { Timeout = PageWaits.CircuitTimeout });

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
    }

    private async Task AnswerAsync(int id, string reference)
    {
        var page = await site.SignedInPageAsync(Applicant);
        await page.GotoAsync("/applicant");
        var todo = page.GetByRole(AriaRole.Link, new() { Name = $"Answer the grants team's question on application {reference}" });
        await Assertions.Expect(todo).ToBeVisibleAsync();
        await todo.ClickAsync();
        await page.WaitForURLAsync($"**/applicant/applications/{id}/information");
        await Assertions.Expect(page.Locator("#officer-question")).ToContainTextAsync(Reason);

        await page.ClickAsync("text=Send your answer to the grants team");
        await Assertions.Expect(page.Locator(".error-summary")).ToContainTextAsync("Write your answer to the grants team's question.");

        await page.SetInputFilesAsync("#attachments-further-file", new FilePayload { Name = "accounts.pdf", MimeType = "application/pdf", Buffer = PdfBytes });
        await page.ClickAsync("#attachments-further button[type=submit]");
        await Assertions.Expect(page.Locator("#attachments-further")).ToContainTextAsync("accounts.pdf has been uploaded.");

        await page.FillAsync("#Answer", Answer);
        await page.ClickAsync("text=Send your answer to the grants team");
        await Assertions.Expect(page.Locator("#answer-sent")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#application-state")).ToHaveTextAsync("Eligibility and due-diligence check");
        await Assertions.Expect(page.Locator(".thread .thread-answer")).ToContainTextAsync(Answer);
        await Assertions.Expect(page.Locator(".thread .thread-answer a[download]")).ToHaveTextAsync("accounts.pdf");
        await Assertions.Expect(page.Locator("form textarea#Answer")).ToHaveCountAsync(0);
        await page.Context.CloseAsync();
    }

    private Task<GrantsDbContext> DbAsync() => site.Services.GetRequiredService<IDbContextFactory<GrantsDbContext>>().CreateDbContextAsync();
}
