using GrantsCommissioning.Core.Data;
using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Core.Features.Applications;
using GrantsCommissioning.Core.Workflow;
using GrantsCommissioning.EndToEnd.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace GrantsCommissioning.EndToEnd;

/// <summary>A grants officer gives one applicant more time from the application's case page; it is audited.</summary>
[Collection(BrowserCollection.Name)]
public sealed class DeadlineExtensionTests(BrowserSite site)
{
    [Fact]
    public async Task GrantsOfficer_ExtendsADraftsDeadline_WithAReason_AndItIsAudited()
    {
        var factory = site.Services.GetRequiredService<IDbContextFactory<GrantsDbContext>>();
        int id;
        await using (var db = await factory.CreateDbContextAsync())
        {
            // A draft of its own, so other tests' demo drafts keep the round's deadline.
            var user = await db.Users.SingleAsync(u => u.Email == "applicant@demo.opcc-grants.example");
            var organisation = await db.Organisations.Where(o => o.Name == "Hereford Street Angels").Select(o => o.Id).SingleAsync();
            var started = await site.Services.GetRequiredService<ApplicationService>().StartAsync("SMALL-CURRENT",
                organisation.ToString(System.Globalization.CultureInfo.InvariantCulture), Actor.For(user.Id, user.DisplayName, Roles.Applicant));
            Assert.True(started.Succeeded, string.Join("; ", started.Errors.Values));
            id = started.Value;
        }
        var page = await site.SignedInPageAsync("officer@demo.opcc-grants.example");
        await page.GotoAsync($"/cases/applications/{id}");
        var extend = page.GetByRole(AriaRole.Button, new() { Name = "Extend the deadline" });

        await extend.ClickAsync();
        await Assertions.Expect(page.Locator(".deadline-extension .error-summary")).ToContainTextAsync("Give the reason for the extension");
        await page.FillAsync("#extend-reason", "Their treasurer was in hospital on closing day.");
        await extend.ClickAsync();
        await Assertions.Expect(page.Locator(".deadline-extension [role=status]")).ToContainTextAsync("Deadline extended");

        await using (var db = await factory.CreateDbContextAsync())
        {
            var application = await db.Applications.SingleAsync(a => a.Id == id);
            Assert.NotNull(application.DeadlineExtendedTo);
            var officer = await db.Users.SingleAsync(u => u.Email == "officer@demo.opcc-grants.example");
            var audit = await db.AuditLog.Where(a => a.Action == "Application.DeadlineExtended" && a.EntityId == id.ToString(System.Globalization.CultureInfo.InvariantCulture)).SingleAsync();
            Assert.Equal(officer.Id, audit.ActorUserId);
            Assert.Contains("treasurer was in hospital", audit.After, StringComparison.Ordinal);
        }
        await Assertions.Expect(page.Locator("dl.summary-list")).ToContainTextAsync("extended for this applicant");
        await page.Context.CloseAsync();
    }
}
