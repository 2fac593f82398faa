using System.Security.Claims;
using Bunit;
using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Core.Workflow;
using GrantsCommissioning.TestCommon.Workflow;
using GrantsCommissioning.Web.Components.Workflow;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace GrantsCommissioning.Web.Tests.Workflow;

public sealed class WorkflowComponentTests : BunitContext, IAsyncLifetime
{
    private WorkflowTestHost host = null!;

    public async Task InitializeAsync()
    {
        host = await WorkflowTestHost.CreateAsync();
        Services.AddSingleton(host.Services.GetRequiredService<IWorkflowDiagrams>());
        Services.AddSingleton(host.Services.GetRequiredService<ICaseWorkflow>());
        JSInterop.Mode = JSRuntimeMode.Loose;
    }

    async Task IAsyncLifetime.DisposeAsync() => await host.DisposeAsync();

    [Fact]
    public void WorkflowDiagram_WhenStateGiven_RendersMermaidWithCurrentStateHighlighted()
    {
        var cut = Render<WorkflowDiagram>(p => p
            .Add(c => c.DefinitionId, ReturnStates.DefinitionId)
            .Add(c => c.Version, 1)
            .Add(c => c.CurrentState, ReturnStates.Overdue));

        var source = cut.Find("[data-mermaid]").GetAttribute("data-mermaid");
        Assert.Contains("stateDiagram-v2", source, StringComparison.Ordinal);
        Assert.Contains("class Overdue current", source, StringComparison.Ordinal);
        Assert.Contains("Current state:", cut.Markup, StringComparison.Ordinal);
        JSInterop.VerifyInvoke("grantsWorkflow.render");
    }

    [Fact]
    public async Task WorkflowActions_ShowOnlyThePermittedBareButtons_AndAskForTheReasonADefinitionRequires()
    {
        var data = new WorkflowTestData(host);
        var maker = await data.UserAsync("Dee", Roles.DecisionMaker);
        var award = await data.AwardAsync();
        var auth = AddAuthorization();
        auth.SetAuthorized(maker.DisplayName);
        auth.SetRoles(Roles.DecisionMaker);
        auth.SetClaims(new Claim(ClaimTypes.NameIdentifier, maker.UserId));

        // As on a live circuit: the buttons are enabled only once the page is interactive.
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        var cut = Render<WorkflowActions>(p => p.Add(c => c.Case, CaseRef.Of(award)));
        cut.WaitForState(() => cut.FindAll("button").Count > 0);

        // Terminate needs its own form (the recovery), so Suspend is the one button; it needs a reason.
        Assert.Equal(["Suspend"], cut.FindAll("button").Select(b => b.TextContent));
        cut.FindAll("button").Single(b => b.TextContent == "Suspend").Click();
        cut.FindAll("button").Single(b => b.TextContent == "Suspend").Click();
        cut.WaitForAssertion(() => Assert.Contains("needs a comment", cut.Find("[role=alert]").TextContent, StringComparison.Ordinal));
    }

    [Fact]
    public async Task PendingChange_ApproveAndRefuse_NeedTheDecisionPage_SoAreNeverBareButtons()
    {
        var data = new WorkflowTestData(host);
        var maker = await data.UserAsync("Dee", Roles.DecisionMaker);
        var officer = await data.UserAsync("Gina", Roles.GrantsOfficer);
        var award = await data.AwardAsync();
        using (var db = host.Db())
        {
            db.Attach(award);
            host.Workflow.Import(db, award, AwardStates.VariationRequested, DateTimeOffset.UtcNow, "Extend by three months.");
            await db.SaveChangesAsync();
        }

        var byMaker = await host.Workflow.GetPermittedTriggersAsync(CaseRef.Of(award), maker);
        var byOfficer = await host.Workflow.GetPermittedTriggersAsync(CaseRef.Of(award), officer);

        Assert.Contains((AwardTriggers.RejectVariation, true), byMaker.Select(t => (t.Trigger, t.NeedsForm)));
        Assert.Contains((AwardTriggers.ApproveWithinShare, true), byOfficer.Select(t => (t.Trigger, t.NeedsForm)));
        Assert.All(byMaker.Concat(byOfficer), t => Assert.True(t.NeedsForm, t.Trigger));
    }

    [Fact]
    public async Task WorkflowActions_TriggersThatNeedAForm_AreNotOfferedAsButtons()
    {
        var data = new WorkflowTestData(host);
        var maker = await data.UserAsync("Dee", Roles.DecisionMaker);
        var app = await data.ApplicationAsync(ApplicationStates.Recommendation, smallFund: false, requestedPence: 100_000);
        var auth = AddAuthorization();
        auth.SetAuthorized(maker.DisplayName);
        auth.SetRoles(Roles.DecisionMaker);
        auth.SetClaims(new Claim(ClaimTypes.NameIdentifier, maker.UserId));

        // As on a live circuit: the buttons are enabled only once the page is interactive.
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        var cut = Render<WorkflowActions>(p => p.Add(c => c.Case, CaseRef.Of(app)));

        var permitted = await host.Workflow.GetPermittedTriggersAsync(CaseRef.Of(app), maker);
        // Approve, Part-fund, Defer and Reject need the decision form; grant-application v3's Send back needs only a
        // reason, so it is the one button (it asks for the reason before anything is fired).
        Assert.Equal(4, permitted.Count(t => t.NeedsForm));
        cut.WaitForAssertion(() => Assert.Equal(["Send back to the grants officer"], cut.FindAll("button").Select(b => b.TextContent.Trim())));
    }
}
