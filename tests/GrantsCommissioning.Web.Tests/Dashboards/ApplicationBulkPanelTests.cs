using Bunit;
using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Core.Features.Applications;
using GrantsCommissioning.Core.Workflow;
using GrantsCommissioning.TestCommon.Workflow;
using GrantsCommissioning.Web.Tests.Infrastructure;
using GrantsCommissioning.Web.Components.Pages.Assessments.Assign;
using GrantsCommissioning.Web.Components.Pages.Dashboards;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GrantsCommissioning.Web.Tests.Dashboards;

/// <summary>
/// The bulk actions under the officer's applications list, rendered with the real Core services on SQLite: rejecting as
/// ineligible asks for confirmation first and changes nothing until confirmed; then each application is rejected or
/// refused on its own and the summary says which and why. On a round's assessment page the same panel acts on the
/// round's applications waiting for their checks.
/// </summary>
public sealed class ApplicationBulkPanelTests : BunitContext, IAsyncLifetime
{
    private const string Reason = "The organisation is not based in, and does not serve, West Mercia.";
    private WorkflowTestHost _host = null!;

    public async Task InitializeAsync()
    {
        _host = await WorkflowTestHost.CreateAsync();
        Services.AddSingleton(_host.Services.GetRequiredService<ApplicationBulkActions>());
    }

    async Task IAsyncLifetime.DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task RejectAsIneligible_AsksForConfirmation_ThenRejectsEachItCan_AndSaysWhichItCouldNot()
    {
        var data = new WorkflowTestData(_host);
        var officer = await data.UserAsync("Priya Shah", Roles.GrantsOfficer);
        var submitted = await data.ApplicationAsync(ApplicationStates.Submitted);
        var assessing = await data.ApplicationAsync(ApplicationStates.Assessment);
        this.SignInAsOfficer(officer);
        var done = 0;
        var cut = Render<ApplicationBulkPanel>(p => p
            .Add(c => c.Selected, new Dictionary<int, string> { [submitted.Id] = submitted.ApplicationReference, [assessing.Id] = assessing.ApplicationReference })
            .Add(c => c.OnDone, () => done++));

        cut.Find("#bulk-reason").Input(Reason);
        cut.FindAll("button").Single(b => b.TextContent.StartsWith("Reject as ineligible", StringComparison.Ordinal)).Click();

        Assert.Contains("Reject 2 applications as ineligible?", cut.Find("#confirm-reject").TextContent, StringComparison.Ordinal);
        await using (var db = _host.Db())
        {
            Assert.Equal(ApplicationStates.Submitted, (await db.Applications.SingleAsync(a => a.Id == submitted.Id)).State);
        }

        cut.Find("#confirm-reject button.button--warning").Click();

        cut.WaitForAssertion(() => Assert.Contains("1 done, 0 already done, 1 refused.", cut.Find("#bulk-summary").TextContent, StringComparison.Ordinal));
        var summary = cut.Find("#bulk-summary").TextContent;
        Assert.Contains($"{submitted.ApplicationReference}: Rejected as ineligible", summary, StringComparison.Ordinal);
        Assert.Contains($"{assessing.ApplicationReference}: 'Failed checks: reject' is not possible while", summary, StringComparison.Ordinal);
        Assert.Equal(1, done);
        await using var after = _host.Db();
        Assert.Equal(ApplicationStates.Rejected, (await after.Applications.SingleAsync(a => a.Id == submitted.Id)).State);
        Assert.Equal(ApplicationStates.Assessment, (await after.Applications.SingleAsync(a => a.Id == assessing.Id)).State);
        Assert.Equal(Reason, (await after.WorkflowJournal.SingleAsync(j => j.CaseId == submitted.Id && j.Trigger == ApplicationTriggers.FailChecks)).Comment);
    }

    [Fact]
    public async Task AskingForMoreInformation_WithoutAReason_IsRefusedAndChangesNothing()
    {
        var data = new WorkflowTestData(_host);
        var officer = await data.UserAsync("Priya Shah", Roles.GrantsOfficer);
        var submitted = await data.ApplicationAsync(ApplicationStates.Submitted);
        this.SignInAsOfficer(officer);
        var cut = Render<ApplicationBulkPanel>(p => p.Add(c => c.Selected, new Dictionary<int, string> { [submitted.Id] = submitted.ApplicationReference }));

        cut.FindAll("button").Single(b => b.TextContent == "Ask for more information").Click();

        cut.WaitForAssertion(() => Assert.Contains("Say what information you need", cut.Find(".error-summary").TextContent, StringComparison.Ordinal));
        await using var db = _host.Db();
        Assert.False(await db.WorkflowJournal.AnyAsync(j => j.CaseId == submitted.Id && j.Trigger == ApplicationTriggers.RequestInformation));
    }

    [Fact]
    public async Task TickingARoundsApplication_AndAskingForInformation_AsksOnlyThatOne_AndTheListDropsIt()
    {
        var data = new WorkflowTestData(_host);
        var officer = await data.UserAsync("Priya Shah", Roles.GrantsOfficer);
        var submitted = await data.ApplicationAsync(ApplicationStates.Submitted);
        var checking = await data.ApplicationAsync(ApplicationStates.EligibilityCheck);
        var assessing = await data.ApplicationAsync(ApplicationStates.Assessment);
        var otherRound = await data.ApplicationAsync(ApplicationStates.Submitted);
        await using (var db = _host.Db())
        {
            await db.Applications.Where(a => a.Id == checking.Id || a.Id == assessing.Id).ExecuteUpdateAsync(s => s.SetProperty(a => a.RoundId, submitted.RoundId));
        }
        this.SignInAsOfficer(officer);
        var cut = Render<RoundBulkActions>(p => p.Add(c => c.RoundId, submitted.RoundId));
        // The list loads asynchronously (on PostgreSQL the query does not complete synchronously): wait for it.
        cut.WaitForElement($"#round-pick-{checking.Id}");

        var offered = cut.FindAll("input[type=checkbox]").Select(i => i.Id).ToList();
        cut.Find($"#round-pick-{checking.Id}").Change(true);
        cut.Find("#bulk-reason").Input(Reason);
        cut.FindAll("button").Single(b => b.TextContent == "Ask for more information").Click();

        Assert.Equal(new[] { $"round-pick-{submitted.Id}", $"round-pick-{checking.Id}" }.Order(), offered.Order());
        cut.WaitForAssertion(() => Assert.Contains("1 done, 0 already done, 0 refused.", cut.Find("#bulk-summary").TextContent, StringComparison.Ordinal));
        // The list reloads after the summary is shown: wait for the reload rather than reading the list mid-way.
        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll($"#round-pick-{checking.Id}")));
        Assert.Single(cut.FindAll($"#round-pick-{submitted.Id}"));
        await using var after = _host.Db();
        var states = await after.Applications.Where(a => new[] { submitted.Id, checking.Id, otherRound.Id }.Contains(a.Id)).ToDictionaryAsync(a => a.Id, a => a.State);
        Assert.Equal((ApplicationStates.Submitted, ApplicationStates.InformationRequested, ApplicationStates.Submitted),
            (states[submitted.Id], states[checking.Id], states[otherRound.Id]));
        Assert.Equal(Reason, (await after.WorkflowJournal.SingleAsync(j => j.CaseId == checking.Id && j.Trigger == ApplicationTriggers.RequestInformation)).Comment);
    }
}
