using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Core.Features.DecisionNotices;
using GrantsCommissioning.Core.Features.Decisions;
using GrantsCommissioning.Core.Workflow;
using GrantsCommissioning.Core.Workflow.Kinds;
using GrantsCommissioning.TestCommon.Workflow;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GrantsCommissioning.Core.Tests.Features.DecisionNotices;

public sealed class DecisionNoticeWorkflowTests
{
    internal static readonly NoticeDraft Complete = new()
    {
        Title = "Use of reserves for rural, business and cyber crime initiatives",
        ExecutiveSummary = "Use reserves of up to £452,000 for rural, business and cyber crime.",
        Background = "The 2014/15 allocation was not spent in that year.",
        OptionsConsidered = "1. Use the reserve.\n\n2. Return it to the general reserve.",
        FinancialImplications = "Up to £452,000 from the earmarked reserve.",
        LegalImplications = "Within the Commissioner's powers.",
        EqualityImplications = "No adverse impact.",
        Risks = "Commissioned through the grant scheme.",
        PublicAccess = "Part 1 published; Part 2 exempt.",
        ConfidentialAnnex = "SECRET ANNEX: names of the businesses approached.",
        Amount = Money.FromPounds(452_000m),
        SignificantPublicInterest = true,
    };

    [Fact]
    public async Task ANotice_IsDraftedAdvisedOnByTwoPeopleSignedAndPublished_AndOnlyPart1ReachesTheRegister()
    {
        await using var host = await WorkflowTestHost.CreateAsync();
        var (officer, chief, cfo, pcc) = await PeopleAsync(host);
        var notices = host.Services.GetRequiredService<DecisionNoticeService>();

        var id = await DraftAsync(notices, officer, Complete);
        await FireOkAsync(notices, id, DecisionNoticeWorkflow.SubmitForAdvice, null, officer);
        await FireOkAsync(notices, id, DecisionNoticeWorkflow.NoteChiefExecutiveAdvice, new NoticeAdvice("Within the Commissioner's powers."), chief);
        var sameAgain = await notices.FireAsync(id, DecisionNoticeWorkflow.NoteFinanceAdvice, new NoticeAdvice("Affordable from the reserve."), null, chief, Key(), null);
        Assert.False(sameAgain.Succeeded);
        Assert.Contains("someone else", sameAgain.Errors[nameof(NoticeAdvice.Advice)]);
        await FireOkAsync(notices, id, DecisionNoticeWorkflow.NoteFinanceAdvice, new NoticeAdvice("Affordable from the reserve."), cfo);
        await FireOkAsync(notices, id, DecisionNoticeWorkflow.Sign, new NoticeSignature("None.", new DateOnly(2015, 12, 14)), pcc);
        Assert.Null(await host.Services.GetRequiredService<NoticeRegister>().FindAsync(SlugOf(host, id)));
        await FireOkAsync(notices, id, DecisionNoticeWorkflow.Publish, null, officer);

        var register = host.Services.GetRequiredService<NoticeRegister>();
        var page = await register.SearchAsync(new FinancialYear(2015), "rural", 1);
        var row = Assert.Single(page.Rows);
        Assert.Equal(("£452,000.00", new DateOnly(2015, 12, 14)), (row.Amount?.ToString(), row.SignatureDate));
        var shown = await register.FindAsync(row.Slug);
        Assert.NotNull(shown);
        Assert.True(shown.HasConfidentialAnnex);
        Assert.DoesNotContain(shown.Sections, s => s.Text.Contains("SECRET", StringComparison.Ordinal));
        Assert.Empty((await register.SearchAsync(new FinancialYear(2014), null, 1)).Rows);
        Assert.Empty((await register.SearchAsync(null, "SECRET", 1)).Rows);
    }

    [Fact]
    public async Task SubmittingAnIncompleteNotice_NamesEachEmptySection_AndLeavesItADraft()
    {
        await using var host = await WorkflowTestHost.CreateAsync();
        var (officer, _, _, _) = await PeopleAsync(host);
        var notices = host.Services.GetRequiredService<DecisionNoticeService>();
        var id = await DraftAsync(notices, officer, Complete with { Risks = "", EqualityImplications = " " });

        var result = await notices.FireAsync(id, DecisionNoticeWorkflow.SubmitForAdvice, null, null, officer, Key(), null);

        Assert.False(result.Succeeded);
        Assert.Equal(["EqualityImplications", "Risks"], result.Errors.Keys.Order());
        Assert.Contains("risks section", result.Errors["Risks"]);
        Assert.Equal(DecisionNoticeWorkflow.Draft, await StateAsync(host, id));
    }

    [Fact]
    public async Task SendingBack_VoidsTheAdviceNotedOnTheEarlierText_AndTheDraftCanBeEditedAgain()
    {
        await using var host = await WorkflowTestHost.CreateAsync();
        var (officer, chief, cfo, pcc) = await PeopleAsync(host);
        var notices = host.Services.GetRequiredService<DecisionNoticeService>();
        var id = await DraftAsync(notices, officer, Complete);
        await FireOkAsync(notices, id, DecisionNoticeWorkflow.SubmitForAdvice, null, officer);
        await FireOkAsync(notices, id, DecisionNoticeWorkflow.NoteChiefExecutiveAdvice, new NoticeAdvice("Within the Commissioner's powers."), chief);
        await FireOkAsync(notices, id, DecisionNoticeWorkflow.NoteFinanceAdvice, new NoticeAdvice("Affordable from the reserve."), cfo);
        var editWhileAdvised = await notices.UpdateDraftAsync(id, Complete with { Title = "Changed" }, await VersionAsync(host, id), officer);
        Assert.False(editWhileAdvised.Succeeded);

        var noReason = await notices.FireAsync(id, DecisionNoticeWorkflow.SendBack, null, null, pcc, Key(), null);
        Assert.False(noReason.Succeeded);
        await FireOkAsync(notices, id, DecisionNoticeWorkflow.SendBack, null, pcc, "Options need costing.");

        var details = await notices.GetAsync(id, officer);
        Assert.Equal(DecisionNoticeWorkflow.Draft, details!.Header.State);
        Assert.Equal((null, null, null), (details.Notice.ChiefExecutiveAdvice, details.Notice.FinanceAdvice, details.Notice.FinanceAdviceBy));
        var edited = await notices.UpdateDraftAsync(id, Complete with { OptionsConsidered = "1. Costed option." }, details.Header.Version, officer);
        Assert.True(edited.Succeeded);
    }

    [Fact]
    public async Task TwoDecisionMakersNotingAdviceAtOnce_OneWins_TheOtherIsToldAndNothingOfTheirsIsKept()
    {
        await using var host = await WorkflowTestHost.CreateAsync();
        var (officer, chief, cfo, _) = await PeopleAsync(host);
        var notices = host.Services.GetRequiredService<DecisionNoticeService>();
        var id = await DraftAsync(notices, officer, Complete);
        await FireOkAsync(notices, id, DecisionNoticeWorkflow.SubmitForAdvice, null, officer);
        var seen = await VersionAsync(host, id);

        var results = await Task.WhenAll(
            notices.FireAsync(id, DecisionNoticeWorkflow.NoteChiefExecutiveAdvice, new NoticeAdvice("Advice from the first."), null, chief, Key(), seen),
            notices.FireAsync(id, DecisionNoticeWorkflow.NoteChiefExecutiveAdvice, new NoticeAdvice("Advice from the second."), null, cfo, Key(), seen));

        Assert.Single(results, r => r.Succeeded);
        var loser = Assert.Single(results, r => !r.Succeeded);
        Assert.Contains("changed by someone else", string.Join(" ", loser.Errors.Values), StringComparison.OrdinalIgnoreCase);
        var details = await host.Services.GetRequiredService<DecisionNoticeService>().GetAsync(id, officer);
        Assert.Equal(DecisionNoticeWorkflow.FinanceAdvice, details!.Header.State);
    }

    [Fact]
    public async Task AGrantDecisionAboveTheLimit_CannotCiteAnUnsignedNotice_AndIsLinkedToTheSignedOne()
    {
        await using var host = await WorkflowTestHost.CreateAsync();
        var (officer, chief, cfo, pcc) = await PeopleAsync(host);
        var application = await new WorkflowTestData(host).ApplicationAsync(ApplicationStates.Recommendation, requestedPence: 3_000_000);
        var notices = host.Services.GetRequiredService<DecisionNoticeService>();
        var id = await DraftAsync(notices, officer, Complete with { ApplicationReference = application.ApplicationReference, Amount = new Money(3_000_000) });
        var reference = (await notices.GetAsync(id, officer))!.Header.Reference;
        var decisions = host.Services.GetRequiredService<DecisionService>();
        var input = new DecisionInput(application.Id, DecisionOutcome.Approve, new Money(3_000_000), "Meets objectives two and four.", "Quarterly returns.", reference, null);

        var early = await decisions.DecideAsync(input, pcc, Key());

        Assert.False(early.Succeeded);
        Assert.Contains("not been signed", early.Errors["NoticeReference"]);
        using (var db = host.Db())
        {
            Assert.False(await db.Decisions.AnyAsync(d => d.ApplicationId == application.Id));
        }

        await FireOkAsync(notices, id, DecisionNoticeWorkflow.SubmitForAdvice, null, officer);
        await FireOkAsync(notices, id, DecisionNoticeWorkflow.NoteChiefExecutiveAdvice, new NoticeAdvice("Within the Commissioner's powers."), chief);
        await FireOkAsync(notices, id, DecisionNoticeWorkflow.NoteFinanceAdvice, new NoticeAdvice("Affordable from the budget."), cfo);
        await FireOkAsync(notices, id, DecisionNoticeWorkflow.Sign, new NoticeSignature("None.", new DateOnly(2013, 6, 1)), pcc);
        var decided = await decisions.DecideAsync(input, pcc, Key());

        Assert.True(decided.Succeeded, string.Join(" ", decided.Errors.Values));
        var details = await notices.GetAsync(id, officer);
        Assert.Equal(decided.Value!.Id, details!.Notice.DecisionId);
        Assert.Contains("Approved in full", details.DecisionSummary);
    }

    [Fact]
    public async Task OnlyOfficersAndTheCommissionerDraft_AndOnlyNoticeStaffSeeANotice()
    {
        await using var host = await WorkflowTestHost.CreateAsync();
        var (officer, chief, _, _) = await PeopleAsync(host);
        var finance = await new WorkflowTestData(host).UserAsync("Sam", Roles.Finance);
        var notices = host.Services.GetRequiredService<DecisionNoticeService>();

        Assert.False((await notices.CreateAsync(Complete, chief)).Succeeded);
        var id = await DraftAsync(notices, officer, Complete);

        Assert.NotNull(await notices.GetAsync(id, chief));
        Assert.Null(await notices.GetAsync(id, finance));
        Assert.Null(await notices.GetAsync(id + 1000, officer));
    }

    internal static async Task<(Actor Officer, Actor Chief, Actor Cfo, Actor Pcc)> PeopleAsync(WorkflowTestHost host)
    {
        var data = new WorkflowTestData(host);
        return (await data.UserAsync("Priya", Roles.GrantsOfficer), await data.UserAsync("Helen", Roles.DecisionMaker),
            await data.UserAsync("David", Roles.DecisionMaker), await data.UserAsync("Commissioner", Roles.Commissioner));
    }

    internal static async Task<int> DraftAsync(DecisionNoticeService notices, Actor officer, NoticeDraft draft)
    {
        var created = await notices.CreateAsync(draft, officer);
        Assert.True(created.Succeeded, string.Join(" ", created.Errors.Values));
        return created.Value;
    }

    internal static async Task FireOkAsync(DecisionNoticeService notices, int id, string trigger, ITransitionPayload? payload, Actor actor, string? comment = null)
    {
        var result = await notices.FireAsync(id, trigger, payload, comment, actor, Key(), null);
        Assert.True(result.Succeeded, $"{trigger}: {string.Join(" ", result.Errors.Values)}");
    }

    private static string Key() => Guid.NewGuid().ToString("N");

    private static string SlugOf(WorkflowTestHost host, int id)
    {
        using var db = host.Db();
        return db.Set<DecisionNotice>().Where(n => n.Id == id).Select(n => n.Slug).First();
    }

    private static async Task<string> StateAsync(WorkflowTestHost host, int id)
    {
        using var db = host.Db();
        return await db.Set<DecisionNotice>().Where(n => n.Id == id).Select(n => n.State).FirstAsync();
    }

    private static async Task<int> VersionAsync(WorkflowTestHost host, int id)
    {
        using var db = host.Db();
        return await db.Set<DecisionNotice>().Where(n => n.Id == id).Select(n => n.Version).FirstAsync();
    }
}
