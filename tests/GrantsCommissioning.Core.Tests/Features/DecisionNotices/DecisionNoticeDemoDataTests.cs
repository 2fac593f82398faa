using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Core.Features.DecisionNotices;
using GrantsCommissioning.Core.Features.Seeding;
using GrantsCommissioning.TestCommon.Fixtures;
using Microsoft.EntityFrameworkCore;

namespace GrantsCommissioning.Core.Tests.Features.DecisionNotices;

public sealed class DecisionNoticeDemoDataTests
{
    private static readonly DateTimeOffset Today = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task DemoData_PutsTheNamedDecisionsAndTheCommissionersGrantsOnTheRegister_AndANoticeInEveryState()
    {
        await using var test = await TestDatabase.CreateAsync(Today);
        var seeds = test.Get<SeedLoader>();
        await seeds.LoadReferenceDataAsync();

        await seeds.LoadDemoDataAsync();

        var register = test.Get<NoticeRegister>();
        var titles = (await register.SearchAsync(null, null, 1)).Rows.Select(r => r.Title).ToList();
        Assert.Contains("Treasury management strategy 2013/14", titles);
        Assert.Contains("Regional collaboration: Surveillance", titles);
        Assert.Contains("Use of reserves for rural, business and cyber crime initiatives", titles);
        var year2013 = await register.SearchAsync(new FinancialYear(2013), null, 1);
        Assert.Equal(8, year2013.Total);
        Assert.Equal(6, year2013.Rows.Count(r => r.Title.StartsWith("Grant", StringComparison.Ordinal)));
        var surveillance = await register.FindAsync("WMPCC-2013-002");
        Assert.True(surveillance!.HasConfidentialAnnex);
        Assert.DoesNotContain(surveillance.Sections, s => s.Text.Contains("NOT FOR PUBLICATION", StringComparison.Ordinal));
        await using var db = test.NewContext();
        Assert.Equal(DecisionNoticeWorkflow.States.Order(), (await db.Set<DecisionNotice>().Select(n => n.State).Distinct().ToListAsync()).Order());
        Assert.Equal(6, await db.Set<DecisionNotice>().CountAsync(n => n.DecisionId != null));
    }

    [Fact]
    public async Task ANoticePastDraftWithAnEmptySection_IsRejectedByTheLoader_AsTheFormWouldRejectIt()
    {
        var copy = Seeding.SeedLoaderTests.CopyOfSeedData();
        var path = Path.Combine(copy, "demo", "decision-notices.json");
        var json = await File.ReadAllTextAsync(path);
        await File.WriteAllTextAsync(path, json.Replace(
            "\"risks\": \"Security of deposits is the first priority, then liquidity, then yield. Counterparty credit ratings are monitored weekly.\"",
            "\"risks\": \"\"", StringComparison.Ordinal));
        await using var test = await TestDatabase.CreateAsync(Today, copy);
        await test.Get<SeedLoader>().LoadReferenceDataAsync();

        var ex = await Assert.ThrowsAsync<StartupException>(() => test.Get<SeedLoader>().LoadDemoDataAsync());

        Assert.Contains("decision-notices.json", ex.Message);
        Assert.Contains("Treasury management strategy 2013/14", ex.Message);
        Assert.Contains("risks section", ex.Message);
    }
}
