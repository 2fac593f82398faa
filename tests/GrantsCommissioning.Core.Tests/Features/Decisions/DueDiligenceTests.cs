using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Core.Features.Decisions;
using GrantsCommissioning.Core.Workflow;
using GrantsCommissioning.TestCommon.Workflow;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GrantsCommissioning.Core.Tests.Features.Decisions;

/// <summary>Issue 11 item 4: due diligence proportionate to value, each item recorded with who and when, guarding funding decisions.</summary>
public sealed class DueDiligenceTests
{
    [Theory]
    [InlineData(true, 50_000, DueDiligenceBand.SmallFund, new[] { "Identity", "Safeguarding" })]
    [InlineData(false, 2_500_000, DueDiligenceBand.UpToLimit, new[] { "Identity", "Safeguarding", "Accounts", "BankDetails", "BankDetailsSecondCheck", "References" })]
    [InlineData(false, 2_500_001, DueDiligenceBand.AboveLimit,
        new[] { "Identity", "Safeguarding", "Accounts", "BankDetails", "BankDetailsSecondCheck", "References", "FraudRisk", "FinancialViability" })]
    public void TheChecklist_GrowsWithTheValueBand(bool smallFund, long requestedPence, DueDiligenceBand band, string[] items)
    {
        Assert.Equal(band, DueDiligence.BandFor(smallFund, requestedPence));
        Assert.Equal(items, DueDiligence.ItemsFor(band).Select(i => i.Key));
    }

    [Fact]
    public async Task Approve_WhileTheBandsChecksAreIncomplete_IsRefusedNamingThem_ThenSucceedsOnceAllAreRecorded()
    {
        await using var host = await WorkflowTestHost.CreateAsync();
        var data = new WorkflowTestData(host);
        var application = await RecommendedWithoutChecksAsync(host, data, requestedPence: 100_000);
        var officer = await data.UserAsync("Priya", Roles.GrantsOfficer);
        var second = await data.UserAsync("Jamal", Roles.GrantsOfficer);
        var chief = await data.UserAsync("Helen", Roles.DecisionMaker);
        var service = host.Services.GetRequiredService<DueDiligenceService>();
        await service.RecordAsync(application.Id, new DueDiligenceInput { Item = DueDiligence.Identity }, officer);

        var refused = await DecideAsync(host, application.Id, chief, "dd-1");

        Assert.False(refused.Succeeded);
        var message = string.Join(" ", refused.Errors.Values);
        Assert.Contains("A decision cannot be recorded until due diligence is complete (Up to £25,000)", message, StringComparison.Ordinal);
        Assert.Contains("Safeguarding policy seen and adequate; Latest annual accounts seen", message, StringComparison.Ordinal);
        Assert.DoesNotContain("Identity of the organisation", message, StringComparison.Ordinal);
        using (var db = host.Db())
        {
            Assert.False(await db.Decisions.AnyAsync(d => d.ApplicationId == application.Id));
            Assert.Equal(ApplicationStates.Recommendation, (await db.Applications.SingleAsync(a => a.Id == application.Id)).State);
        }

        foreach (var item in new[] { DueDiligence.Safeguarding, DueDiligence.Accounts, DueDiligence.BankDetails, DueDiligence.References })
        {
            Assert.True((await service.RecordAsync(application.Id, new DueDiligenceInput { Item = item, Note = "Seen." }, officer)).Succeeded, item);
        }
        Assert.True((await service.RecordAsync(application.Id, new DueDiligenceInput { Item = DueDiligence.BankDetailsSecondCheck }, second)).Succeeded);
        var view = await service.GetAsync(application.Id);
        Assert.Empty(view!.Missing);
        Assert.Equal(("Jamal", true), (view.Lines.Single(l => l.Item.Key == DueDiligence.BankDetailsSecondCheck).RecordedBy, view.Lines.All(l => l.RecordedAt is not null)));

        var approved = await DecideAsync(host, application.Id, chief, "dd-2");

        Assert.True(approved.Succeeded, string.Join(" ", approved.Errors.Values));
    }

    [Fact]
    public async Task Recording_TheSecondBankCheckBySamePerson_ARepeat_AndViabilityWithoutRagOrReasons_AreRefused_AndChangeNothing()
    {
        await using var host = await WorkflowTestHost.CreateAsync();
        var data = new WorkflowTestData(host);
        var application = await RecommendedWithoutChecksAsync(host, data, requestedPence: 3_000_000);
        var officer = await data.UserAsync("Priya", Roles.GrantsOfficer);
        var assessor = await data.UserAsync("Tom", Roles.Assessor);
        var service = host.Services.GetRequiredService<DueDiligenceService>();

        var tooEarly = await service.RecordAsync(application.Id, new DueDiligenceInput { Item = DueDiligence.BankDetailsSecondCheck }, officer);
        await service.RecordAsync(application.Id, new DueDiligenceInput { Item = DueDiligence.BankDetails }, officer);
        var samePerson = await service.RecordAsync(application.Id, new DueDiligenceInput { Item = DueDiligence.BankDetailsSecondCheck }, officer);
        var repeat = await service.RecordAsync(application.Id, new DueDiligenceInput { Item = DueDiligence.BankDetails }, officer);
        var noRag = await service.RecordAsync(application.Id, new DueDiligenceInput { Item = DueDiligence.FinancialViability, Note = "Reserves cover three months." }, officer);
        var noReasons = await service.RecordAsync(application.Id, new DueDiligenceInput { Item = DueDiligence.FinancialViability, Rag = "Amber" }, officer);
        var notAnItem = await service.RecordAsync(application.Id, new DueDiligenceInput { Item = "Horoscope" }, officer);
        var notAnOfficer = await service.RecordAsync(application.Id, new DueDiligenceInput { Item = DueDiligence.Identity }, assessor);
        var viability = await service.RecordAsync(application.Id, new DueDiligenceInput { Item = DueDiligence.FinancialViability, Rag = "Amber", Note = "Reserves cover three months." }, officer);

        Assert.Equal("'Bank details verified by a second person' must be recorded after 'Bank details checked against a bank statement', by someone other than the person who recorded it.",
            tooEarly.Errors[""]);
        Assert.Equal(tooEarly.Errors, samePerson.Errors);
        Assert.StartsWith("'Bank details checked against a bank statement' was already recorded by Priya on ", repeat.Errors[""], StringComparison.Ordinal);
        Assert.EndsWith(": nothing was changed.", repeat.Errors[""], StringComparison.Ordinal);
        Assert.Equal("Select a rating: red, amber or green.", noRag.Errors["Rag"]);
        Assert.Contains("Give the reasons for 'Financial viability (RAG with reasons)'", noReasons.Errors["Note"], StringComparison.Ordinal);
        Assert.False(notAnItem.Succeeded);
        Assert.Equal("Only grants officers can record due diligence.", notAnOfficer.Errors[""]);
        Assert.True(viability.Succeeded);
        using var db = host.Db();
        var rows = await db.Set<DueDiligenceCheck>().Where(c => c.ApplicationId == application.Id).OrderBy(c => c.Id).ToListAsync();
        Assert.Equal([(DueDiligence.BankDetails, (Rag?)null), (DueDiligence.FinancialViability, Rag.Amber)], rows.Select(r => (r.Item, r.Rag)));
        Assert.Equal(2, await db.AuditLog.CountAsync(e => e.Action == "DueDiligence.Recorded" && e.EntityId == application.ApplicationReference));
    }

    private static async Task<GrantApplication> RecommendedWithoutChecksAsync(WorkflowTestHost host, WorkflowTestData data, long requestedPence)
    {
        var application = await data.ApplicationAsync(ApplicationStates.Assessment, requestedPence: requestedPence);
        using var db = host.Db();
        var tracked = await db.Applications.SingleAsync(a => a.Id == application.Id);
        host.Workflow.Import(db, tracked, ApplicationStates.Recommendation, DateTimeOffset.UtcNow);
        await db.SaveChangesAsync();
        return tracked;
    }

    private static Task<GrantsCommissioning.Core.Features.FeatureResult<Decision>> DecideAsync(WorkflowTestHost host, int applicationId, Actor chief, string key) =>
        host.Services.GetRequiredService<DecisionService>().DecideAsync(
            new DecisionInput(applicationId, DecisionOutcome.Approve, new Money(100_000), "Meets objectives two and four.", null, null, null), chief, key);
}
